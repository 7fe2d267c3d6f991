package jlab.labs.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jlab.kernel.net.Route;
import jlab.labs.host.NetSide;
import jlab.labs.model.Text;
import jlab.labs.yaml.Signature;

/**
 * {@code default-route}: the namespace's main table has a default route
 * (0.0.0.0/0) through {@code gateway} — what sends everything outside its
 * own /24 to the bridge's address.
 */
public final class DefaultRouteCheck implements CheckKind {
    @Override
    public Signature signature() { return new Signature("default-route", List.of("netns", "gateway"), List.of()); }

    @Override
    public Outcome check(Map<String, String> with, CheckContext context) {
        String netns = with.get("netns");
        String gateway = with.get("gateway");
        NetSide side = NetLook.side(netns);
        if (side == null) return NetLook.noNamespace(netns);
        List<String> all = new ArrayList<>();
        for (Route r : side.routes()) all.add(r.describe(side.name(r.device())));
        List<Evidence> evidence = List.of(new Evidence("rtnetlink RTM_GETROUTE (" + side.where() + ")",
                all.isEmpty() ? "no route" : String.join("; ", all), "default via " + gateway));
        Optional<Route> def = side.routes().stream().filter(r -> r.destination().equals("default")).findFirst();
        if (def.isPresent() && def.get().gateway().equals(gateway)) {
            return Outcome.pass(new Text(netns + " a une route par défaut via " + gateway + ".", netns + " has a default route via " + gateway + "."), evidence);
        }
        String exec = NetLook.exec(netns);
        if (def.isPresent()) {
            String via = def.get().gateway().isEmpty() ? "dev " + side.name(def.get().device()) : "via " + def.get().gateway();
            return Outcome.fail(new Text("La route par défaut de " + netns + " passe " + via + ", pas via " + gateway + ".",
                            netns + "'s default route goes " + via + ", not via " + gateway + "."), evidence,
                    new Text("`" + exec + "ip route replace default via " + gateway + "`.", "`" + exec + "ip route replace default via " + gateway + "`."));
        }
        return Outcome.fail(new Text("Pas de route par défaut dans " + netns + ".", "No default route in " + netns + "."), evidence,
                new Text("`" + exec + "ip route add default via " + gateway + "` (il faut d'abord une adresse du même /24 sur un lien UP).",
                        "`" + exec + "ip route add default via " + gateway + "` (it needs an address of the same /24 on a link that is UP first)."));
    }
}
