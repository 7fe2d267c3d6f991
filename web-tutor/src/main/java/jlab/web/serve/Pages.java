package jlab.web.serve;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.javalin.http.Context;
import jlab.web.db.Role;
import jlab.web.security.Sessions;

/** What every page of jlab serve gets: who is logged in, and the links their role may follow. */
final class Pages {
    private Pages() {}

    static Map<String, Object> model(Context ctx) {
        Map<String, Object> m = new HashMap<>();
        List<Map<String, String>> nav = new ArrayList<>();
        Sessions.current(ctx).flatMap(s -> s.get(Auth.USER)).ifPresent(name -> {
            Role role = Auth.user(ctx).role();
            m.put("user", name);
            m.put("role", role.word());
            if (role.staff()) {
                nav.add(link("/", "Dashboard"));
                nav.add(link("/gradebook", "Gradebook"));
                nav.add(link("/roster", "Roster"));
                nav.add(link("/labs", "Deadlines"));
                if (role == Role.INSTRUCTOR) nav.add(link("/accounts", "Accounts"));
            } else {
                nav.add(link("/me", "My submissions"));
            }
        });
        m.put("nav", nav);
        return m;
    }

    private static Map<String, String> link(String href, String label) {
        return Map.of("href", href, "label", label);
    }
}
