package jlab.labs.check;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import jlab.kernel.cgroup.Cgroup;
import jlab.kernel.cgroup.CgroupDriver;
import jlab.labs.model.Text;

/** Where a cgroup's files are on this host, and what to say when one is not there. */
final class CgroupPlaces {
    private CgroupPlaces() {}

    /**
     * The host file behind a limit's name: {@code memory.max} in the v2
     * directory; {@code memory/memory.limit_in_bytes} in the v1 memory tree.
     */
    static String file(Cgroup cg, String key) {
        String name = key.substring(key.indexOf('/') + 1);
        String controller = key.contains("/") ? key.substring(0, key.indexOf('/')) : null;
        for (Path dir : cg.directories()) {
            if (controller == null || dir.toString().contains("/" + controller)) {
                Path f = dir.resolve(name);
                if (controller == null || Files.exists(f)) return f.toString();
            }
        }
        return cg.directories().get(0).resolve(name).toString();
    }

    /** The cgroup is not there at all: where to make it, on this host's version. */
    static Outcome missing(CgroupDriver driver, String name, Map<String, String> with) {
        List<Path> roots = driver.roots();
        // v1: the tree of the controller the lab is about (the cgroup is looked for in every tree).
        String where = (driver.version().equals("v2") ? roots.get(0) : v1Root(roots, with)) + "/" + name;
        String mkdir = "mkdir " + where;
        return Outcome.fail(new Text("Aucun cgroup " + name + " : " + where + " n'existe pas.",
                        "No cgroup " + name + ": " + where + " does not exist."),
                List.of(new Evidence(where, "(no such directory)", "a directory: the cgroup " + name)),
                new Text("Un cgroup est un répertoire du système de fichiers cgroup (" + driver.version() + " ici) : `" + mkdir + "`.",
                        "A cgroup is a directory of the cgroup filesystem (" + driver.version() + " here): `" + mkdir + "`."));
    }

    /** On v1, the tree of the controller the lab is about. */
    private static Path v1Root(List<Path> roots, Map<String, String> with) {
        String controller = with.containsKey("controller") ? with.get("controller")
                : with.containsKey("pids-max") ? "pids" : with.containsKey("cpu-quota-us") ? "cpu" : "memory";
        return roots.stream().filter(r -> List.of(r.getFileName().toString().split(",")).contains(controller))
                .findFirst().orElse(roots.get(0));
    }

    /** A limit file is missing: on v2, the controller is not enabled for this cgroup. */
    static Text noFile(String file, String key) {
        if (key.contains("/")) {
            return new Text(file + " n'existe pas : ce contrôleur v1 n'est pas monté ici.",
                    file + " does not exist: that v1 controller is not mounted here.");
        }
        String controller = key.substring(0, key.indexOf('.'));
        return new Text(file + " n'existe pas : le contrôleur " + controller + " n'est pas activé pour ce cgroup. "
                + "Activez-le chez le parent : `echo +" + controller + " > /sys/fs/cgroup/cgroup.subtree_control`.",
                file + " does not exist: the " + controller + " controller is not enabled for this cgroup. "
                + "Enable it in the parent: `echo +" + controller + " > /sys/fs/cgroup/cgroup.subtree_control`.");
    }
}
