package jlab.shell.tour;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jlab.engine.view.CgroupView;
import jlab.engine.view.MountsView;
import jlab.engine.view.NamespaceView;
import jlab.engine.view.NetView;
import jlab.engine.view.ViewTarget;
import jlab.shell.Colors;
import jlab.shell.Session;
import jlab.shell.Sizes;

/**
 * What the tour built, read from the kernel (the same views as {@code ns}, {@code cgroup}, {@code net} and
 * {@code mounts}) just before the container's command runs: its namespaces beside the host's, its cgroup and
 * memory limit, its address, its root.
 */
record TourSummary(String name, List<String> own, List<String> shared, String cgroup, String memoryLimit,
                   String address, String link, String route, String root) {

    /** Empty when there is nothing under construction to read (a failed stage would have stopped the tour). */
    static Optional<TourSummary> read(Session session) {
        Optional<ViewTarget> focus = session.focus();
        if (focus.isEmpty()) return Optional.empty();
        ViewTarget t = focus.get();
        long host = ProcessHandle.current().pid();
        List<String> own = new ArrayList<>();
        List<String> shared = new ArrayList<>();
        for (NamespaceView.Row r : new NamespaceView().of(t.pid(), host)) (r.differs() ? own : shared).add(r.kind());
        String memory = "-";
        if (t.cgroup() != null) {
            memory = session.engine().cgroups().open(t.cgroup())
                    .map(cg -> CgroupView.of(cg, session.engine().cgroups().version()).limits())
                    .flatMap(limits -> limits.entrySet().stream().filter(e -> isMemoryLimit(e.getKey()))
                            .map(e -> e.getValue()).findFirst())
                    .map(TourSummary::readable).orElse("-");
        }
        String address = "-", link = "-";
        NetView net = NetView.of(t.pid(), host);
        for (NetView.LinkRow l : net.inside()) {
            if (l.name().equals("lo") || l.addresses().isEmpty()) continue;
            address = l.addresses().get(0);
            link = l.name();
            break;
        }
        String route = net.routes().stream().filter(r -> r.startsWith("default")).findFirst().orElse("-");
        String root = new MountsView().of(t.pid(), host).stream().filter(m -> m.mountPoint().equals("/"))
                .map(MountsView.Row::fsType).findFirst().orElse("-");
        return Optional.of(new TourSummary(t.name(), own, shared, t.cgroup(), memory, address, link, route, root));
    }

    /** memory.max (cgroup v2) or memory/memory.limit_in_bytes (v1); not the swap limits. */
    private static boolean isMemoryLimit(String file) {
        return file.endsWith("memory.max") || file.endsWith("memory.limit_in_bytes");
    }

    private static String readable(String value) {
        return value.matches("\\d+") ? Sizes.human(Long.parseLong(value)) : value;
    }

    void print(PrintStream out, Colors colors, TourTexts texts) {
        String none = texts.get("summary.none");
        out.println();
        out.println(colors.bold(texts.get("summary.title") + ": " + name));
        out.println("  " + texts.get("summary.namespaces", join(own, none), join(shared, none)));
        out.println("  " + texts.get("summary.cgroup", cgroup, memoryLimit));
        out.println("  " + texts.get("summary.address", address, link, route));
        out.println("  " + texts.get("summary.root", root));
    }

    private static String join(List<String> words, String none) {
        return words.isEmpty() ? none : String.join(" ", words);
    }
}
