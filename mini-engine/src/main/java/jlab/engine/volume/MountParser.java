package jlab.engine.volume;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import jlab.engine.EngineException;

/**
 * Reads {@code -v}, {@code --mount} and {@code --tmpfs} as Docker does, into {@link MountSpec}s.
 * Pure: it looks at no file, so bad input is refused before anything is made (one line, exit 125).
 *
 * <pre>
 * -v /srv/site:/www:ro        a bind mount of a host path (a missing host directory is created)
 * -v data:/var/lib/data       a named volume, created on first use
 * -v /scratch                 an anonymous volume
 * --mount type=bind,source=/srv/site,target=/www,readonly
 * --mount type=volume,source=data,target=/data,volume-nocopy
 * --mount type=tmpfs,target=/run,tmpfs-size=64m,tmpfs-mode=1770
 * --tmpfs /run:size=64m,mode=1770
 * </pre>
 */
public final class MountParser {
    /** Docker's rule for a local volume's name (moby's volume/local): it becomes a directory name. */
    private static final Pattern VOLUME_NAME = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]+");
    private static final Set<String> TMPFS_FLAGS = Set.of("ro", "rw", "exec", "noexec", "suid", "nosuid", "dev", "nodev");
    private static final Set<String> TMPFS_KEYS = Set.of("size", "mode", "uid", "gid", "nr_inodes", "nr_blocks");
    private static final Pattern TMPFS_SIZE = Pattern.compile("[0-9]+[kmgKMG%]?");
    private static final Pattern OCTAL = Pattern.compile("[0-7]{1,4}");
    private static final Pattern NUMBER = Pattern.compile("[0-9]+[kmgKMG]?");

    private MountParser() {}

    /** {@code -v [SOURCE:]TARGET[:MODE]}, with Docker's reading of two fields (TARGET:MODE when the second is a mode). */
    public static MountSpec volume(String spec) {
        String where = "-v " + spec;
        String[] f = spec.split(":", -1);
        String source = null;
        String target;
        String mode = "";
        switch (f.length) {
            case 1 -> target = f[0];
            case 2 -> {
                if (isMode(f[1])) {
                    target = f[0];
                    mode = f[1];
                } else {
                    source = f[0];
                    target = f[1];
                }
            }
            case 3 -> {
                source = f[0];
                target = f[1];
                mode = f[2];
            }
            default -> throw bad(where, "invalid volume specification: expected [SOURCE:]TARGET[:ro|rw]"
                    + " (e.g. -v /srv/site:/www:ro, -v data:/data, -v /scratch)");
        }
        if (source != null && source.isEmpty()) {
            throw bad(where, "invalid volume specification: the source is empty (give a host path or a volume name)");
        }
        String ctr = target(where, target);
        boolean readOnly = false;
        boolean noCopy = false;
        Set<String> seen = new HashSet<>();
        for (String m : mode.isEmpty() ? new String[0] : mode.split(",")) {
            if (!seen.add(m) || !isMode(m) || (m.equals("ro") && seen.contains("rw")) || (m.equals("rw") && seen.contains("ro"))) {
                throw bad(where, "invalid mode: " + m + " (jlab knows ro, rw, nocopy)");
            }
            if (m.equals("ro")) readOnly = true;
            if (m.equals("nocopy")) noCopy = true;
        }
        if (source == null) return MountSpec.volume(null, ctr, readOnly, noCopy);
        if (source.startsWith("/")) {
            if (noCopy) throw bad(where, "invalid mode: nocopy (it is for volumes: a bind mount copies nothing)");
            return MountSpec.bind(hostPath(where, source), ctr, readOnly, true);
        }
        if (source.contains("/") || source.startsWith(".")) {
            throw bad(where, "a host path must be absolute: \"" + source + "\" is relative (and no volume name holds"
                    + " \"/\" or starts with \".\"): give it in full, e.g. -v $(pwd)/" + source.replaceFirst("^(\\./)+", "")
                    + ":" + ctr);
        }
        return MountSpec.volume(volumeName(source), ctr, readOnly, noCopy);
    }

    /** {@code --mount type=bind|volume|tmpfs,source=...,target=...[,readonly][,volume-nocopy][,tmpfs-size=...][,tmpfs-mode=...]}. */
    public static MountSpec mount(String spec) {
        String where = "--mount " + spec;
        String type = "volume"; // Docker's default
        String source = null;
        String target = null;
        boolean readOnly = false;
        boolean noCopy = false;
        List<String> tmpfs = new ArrayList<>();
        for (String field : spec.split(",")) {
            int eq = field.indexOf('=');
            String key = (eq < 0 ? field : field.substring(0, eq)).trim().toLowerCase(Locale.ROOT);
            String value = eq < 0 ? null : field.substring(eq + 1);
            switch (key) {
                case "type" -> type = required(where, key, value);
                case "source", "src" -> source = required(where, key, value);
                case "target", "destination", "dst" -> target = required(where, key, value);
                case "readonly", "ro" -> readOnly = bool(where, key, value);
                case "volume-nocopy" -> noCopy = bool(where, key, value);
                case "tmpfs-size" -> tmpfs.add("size=" + bytes(where, required(where, key, value)));
                case "tmpfs-mode" -> tmpfs.add("mode=" + octal(where, required(where, key, value)));
                case "bind-propagation" -> {
                    if (!"rprivate".equals(value) && !"private".equals(value)) {
                        throw bad(where, "bind-propagation=" + value + ": jlab makes every mount private (rprivate), as Docker's default");
                    }
                }
                case "consistency" -> { } // macOS only, ignored by Docker on Linux
                default -> throw bad(where, eq < 0 ? "invalid field '" + field + "' must be a key=value pair"
                        : "unexpected key '" + key + "' in '" + field + "'");
            }
        }
        if (target == null) throw bad(where, "target is required (e.g. --mount type=volume,source=data,target=/data)");
        String ctr = target(where, target);
        switch (type) {
            case "bind" -> {
                if (source == null) throw bad(where, "invalid mount config for type \"bind\": field Source must not be empty");
                noTmpfsOptions(where, type, tmpfs);
                if (noCopy) throw bad(where, "invalid mount config for type \"bind\": volume-nocopy is for volumes");
                if (!source.startsWith("/")) {
                    throw bad(where, "invalid mount config for type \"bind\": invalid mount path: '" + source
                            + "' mount path must be absolute");
                }
                return MountSpec.bind(hostPath(where, source), ctr, readOnly, false);
            }
            case "volume" -> {
                noTmpfsOptions(where, type, tmpfs);
                return MountSpec.volume(source == null ? null : volumeName(source), ctr, readOnly, noCopy);
            }
            case "tmpfs" -> {
                if (source != null) throw bad(where, "invalid mount config for type \"tmpfs\": field Source must not be specified");
                if (noCopy) throw bad(where, "invalid mount config for type \"tmpfs\": volume-nocopy is for volumes");
                return MountSpec.tmpfs(ctr, readOnly, tmpfs);
            }
            default -> throw bad(where, "invalid mount type \"" + type + "\": jlab knows bind, volume and tmpfs");
        }
    }

    /** {@code --tmpfs TARGET[:OPTIONS]}: OPTIONS as mount(8) takes them for tmpfs ({@code size=64m,mode=1777,exec}). */
    public static MountSpec tmpfs(String spec) {
        String where = "--tmpfs " + spec;
        int colon = spec.indexOf(':');
        String ctr = target(where, colon < 0 ? spec : spec.substring(0, colon));
        List<String> options = new ArrayList<>();
        boolean readOnly = false;
        if (colon >= 0 && colon < spec.length() - 1) {
            for (String o : spec.substring(colon + 1).split(",")) {
                int eq = o.indexOf('=');
                String key = eq < 0 ? o : o.substring(0, eq);
                if (eq < 0 && TMPFS_FLAGS.contains(o)) {
                    if (o.equals("ro")) readOnly = true;
                    else if (o.equals("rw")) readOnly = false;
                    else options.add(o);
                } else if (eq > 0 && TMPFS_KEYS.contains(key)) {
                    String value = o.substring(eq + 1);
                    if (key.equals("size") && !TMPFS_SIZE.matcher(value).matches()) {
                        throw bad(where, "invalid tmpfs size '" + value + "' (e.g. size=64m, size=10%)");
                    }
                    if (key.equals("mode") && !OCTAL.matcher(value).matches()) {
                        throw bad(where, "invalid tmpfs mode '" + value + "': an octal mode (e.g. mode=1777)");
                    }
                    if (!key.equals("size") && !key.equals("mode") && !NUMBER.matcher(value).matches()) {
                        throw bad(where, "invalid tmpfs " + key + " '" + value + "': a number (e.g. " + key + "=1000)");
                    }
                    options.add(o);
                } else {
                    throw bad(where, "invalid tmpfs option \"" + o + "\" (jlab knows size=, mode=, uid=, gid=, nr_inodes=,"
                            + " ro, rw, exec, noexec, suid, nosuid, dev, nodev)");
                }
            }
        }
        return MountSpec.tmpfs(ctr, readOnly, options);
    }

    /** Two mounts on one target: Docker's "Duplicate mount point". */
    public static void checkTargets(List<MountSpec> mounts) {
        Set<String> targets = new HashSet<>();
        for (MountSpec m : mounts) {
            if (!targets.add(m.target())) {
                throw new EngineException("Duplicate mount point: " + m.target() + " (give each -v, --mount, --tmpfs its own target)");
            }
        }
    }

    /**
     * A volume's name becomes a directory under the state directory: only Docker's characters, so that
     * "../x" or "a/b" can never name a path outside volumes/.
     */
    public static String volumeName(String name) {
        if (!VOLUME_NAME.matcher(name).matches() || name.contains("..")) {
            throw new EngineException("create " + name + ": \"" + name + "\" includes invalid characters for a local volume"
                    + " name, only \"[a-zA-Z0-9][a-zA-Z0-9_.-]\" are allowed, at least two, and no \"..\"."
                    + " If you intended to pass a host directory, use absolute path");
        }
        return name;
    }

    /**
     * The path inside the container: absolute, not "/" itself, and without "..": a target must name a place in the
     * container's tree, never climb out of it. (Symlinks in the image are another matter: see {@link TargetResolver}.)
     */
    static String target(String where, String target) {
        if (target.isEmpty()) throw bad(where, "the container path is empty");
        if (!target.startsWith("/")) {
            throw bad(where, "invalid mount path: '" + target + "' mount path must be absolute (e.g. /" + target + ")");
        }
        List<String> parts = new ArrayList<>();
        for (String p : target.split("/")) {
            if (p.equals("..")) {
                throw bad(where, "the container path '" + target + "' holds \"..\": name the place inside the container"
                        + " without climbing (e.g. /data)");
            }
            if (!p.isEmpty() && !p.equals(".")) parts.add(p);
        }
        if (parts.isEmpty()) throw bad(where, "invalid specification: destination can't be '/'");
        return "/" + String.join("/", parts);
    }

    /** The host side of a bind: absolute, as given, cleaned of "//", "." and ".." (the host's own tree is the user's to name). */
    private static String hostPath(String where, String source) {
        String cleaned = java.nio.file.Path.of(source).normalize().toString();
        if (cleaned.indexOf('\0') >= 0) throw bad(where, "the host path holds a NUL byte");
        return cleaned;
    }

    private static boolean isMode(String m) {
        for (String part : m.split(",")) {
            if (!part.equals("ro") && !part.equals("rw") && !part.equals("nocopy")) return false;
        }
        return !m.isEmpty();
    }

    private static void noTmpfsOptions(String where, String type, List<String> tmpfs) {
        if (!tmpfs.isEmpty()) {
            throw bad(where, "invalid mount config for type \"" + type + "\": field TmpfsOptions must not be specified");
        }
    }

    private static String required(String where, String key, String value) {
        if (value == null || value.isEmpty()) throw bad(where, "invalid field '" + key + "' must be a key=value pair");
        return value;
    }

    private static boolean bool(String where, String key, String value) {
        if (value == null) return true;
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "1", "true" -> true;
            case "0", "false" -> false;
            default -> throw bad(where, "invalid value for " + key + ": " + value + " (true or false)");
        };
    }

    /** {@code 64m} to bytes, as Docker's tmpfs-size (binary units). */
    private static long bytes(String where, String value) {
        String v = value.toLowerCase(Locale.ROOT).replaceAll("i?b$", "");
        if (!NUMBER.matcher(v).matches()) throw bad(where, "invalid tmpfs-size '" + value + "' (e.g. tmpfs-size=64m)");
        char unit = v.charAt(v.length() - 1);
        int shift = switch (unit) { case 'k' -> 10; case 'm' -> 20; case 'g' -> 30; default -> 0; };
        String digits = shift == 0 ? v : v.substring(0, v.length() - 1);
        try {
            return Math.multiplyExact(Long.parseLong(digits), 1L << shift);
        } catch (ArithmeticException | NumberFormatException e) {
            throw bad(where, "tmpfs-size '" + value + "' is too large");
        }
    }

    private static String octal(String where, String value) {
        if (!OCTAL.matcher(value).matches()) throw bad(where, "invalid tmpfs-mode '" + value + "': an octal mode (e.g. 1777)");
        return value;
    }

    private static EngineException bad(String where, String why) {
        return new EngineException(where + ": " + why);
    }
}
