package jlab.kernel.cgroup;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * One cgroup filesystem mount, from a line of {@code /proc/PID/mountinfo}:
 * <pre>
 * 34 30 0:31 / /sys/fs/cgroup/memory rw,relatime - cgroup cgroup rw,memory
 * 40 23 0:36 / /sys/fs/cgroup rw,relatime - cgroup2 cgroup2 rw,nsdelegate
 * </pre>
 * Fields before {@code " - "}: id, parent id, device, root (which directory of
 * the filesystem is mounted: "/" for the whole hierarchy), mount point, mount
 * options, optional tags. After it: filesystem type, source, super options. For
 * a v1 mount the super options name the controllers bound to that hierarchy
 * ("rw,cpu,cpuacct" when two are co-mounted; "name=systemd" when none is).
 *
 * @param root         the directory of the hierarchy that is mounted there
 * @param superOptions the super options (for v1, the controllers are among them)
 */
record CgroupMount(Path mountPoint, String root, String fsType, List<String> superOptions) {

    /** The mount this line describes, if it is a cgroup or cgroup2 filesystem. */
    static Optional<CgroupMount> parse(String line) {
        int separator = line.indexOf(" - ");
        if (separator < 0) {
            return Optional.empty();
        }
        String[] before = line.substring(0, separator).split(" ");
        String[] after = line.substring(separator + 3).split(" ");
        if (before.length < 5 || !(after[0].equals("cgroup") || after[0].equals("cgroup2"))) {
            return Optional.empty();
        }
        List<String> options = after.length > 2 ? Arrays.asList(after[2].split(",")) : List.of();
        return Optional.of(new CgroupMount(Path.of(unescape(before[4])), unescape(before[3]), after[0], options));
    }

    boolean isV2() {
        return fsType.equals("cgroup2");
    }

    /** Does this v1 hierarchy carry the controller? ("cpu" is in "rw,cpu,cpuacct".) */
    boolean carries(String controller) {
        return !isV2() && superOptions.contains(controller);
    }

    /** The whole hierarchy is mounted here, not one of its subdirectories. */
    boolean mountsWholeHierarchy() {
        return root.equals("/");
    }

    /** mountinfo writes space, tab, newline and backslash as octal escapes: {@code \040}. */
    static String unescape(String field) {
        StringBuilder sb = new StringBuilder(field.length());
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == '\\' && i + 3 < field.length() && field.substring(i + 1, i + 4).matches("[0-7]{3}")) {
                sb.append((char) Integer.parseInt(field.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
