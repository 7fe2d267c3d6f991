package jlab.labs.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jlab.engine.image.BusyboxImage;
import jlab.kernel.proc.ProcStat;
import jlab.labs.check.HostnameUnchangedCheck;
import jlab.labs.host.HostView;
import jlab.labs.model.Action;
import jlab.labs.yaml.Signature;

/**
 * What {@code lab start} prepares, one kind per action of a lab's
 * {@code setup:}. Files and directories go only under {@link #ROOT}, the one
 * place every lab works in, so that {@code lab reset} can never be pointed
 * at anything else of the host.
 */
public final class Fixtures {
    /** Where labs put their files: {@code /srv/jlab/rootfs}, {@code /srv/jlab/overlay/lower}... */
    public static final Path ROOT = Path.of("/srv/jlab");
    /** The key under which {@code record-start} notes when the lab started, in clock ticks since boot (as /proc/PID/stat counts). */
    public static final String START_TICKS = "start.ticks";

    private Fixtures() {}

    public static Map<String, Signature> signatures() {
        Map<String, Signature> s = new LinkedHashMap<>();
        s.put("record-hostname", new Signature("record-hostname", List.of(), List.of()));
        s.put("record-start", new Signature("record-start", List.of(), List.of()));
        s.put("subid-range", new Signature("subid-range", List.of("user", "start", "count"), List.of()));
        s.put("busybox-rootfs", new Signature("busybox-rootfs", List.of("path"), List.of()));
        s.put("directory", new Signature("directory", List.of("path"), List.of()));
        s.put("file", new Signature("file", List.of("path", "content"), List.of()));
        s.put("record-sysctl", new Signature("record-sysctl", List.of("key"), List.of()));
        s.put("note-path", new Signature("note-path", List.of("path"), List.of()));
        return s;
    }

    /**
     * Applies the actions; returns what it did, one line each, and fills
     * {@code recorded} with the facts the checks compare against later.
     */
    public static List<String> apply(List<Action> setup, HostView host, Map<String, String> recorded) {
        List<String> done = new ArrayList<>();
        for (Action a : setup) {
            switch (a.kind()) {
                case "record-hostname" -> {
                    String name = host.hostHostname();
                    recorded.put(HostnameUnchangedCheck.RECORDED, name);
                    done.add("noted the host's hostname: " + name);
                }
                case "record-start" -> {
                    long ticks = uptimeTicks();
                    recorded.put(START_TICKS, String.valueOf(ticks));
                    done.add("noted the start: " + ticks + " clock ticks since boot");
                }
                case "subid-range" -> {
                    for (Path f : SubIds.FILES) {
                        if (SubIds.add(f, SubIds.line(a))) {
                            recorded.put(SubIds.recordKey(f), "added");
                            done.add("added " + SubIds.line(a) + " to " + f);
                        }
                    }
                }
                case "busybox-rootfs" -> {
                    Path rootfs = underRoot(a.get("path"));
                    BusyboxImage.buildRootfs(rootfs);
                    done.add("made a busybox root filesystem in " + rootfs + " (the host's static busybox, one link per applet)");
                }
                case "directory" -> {
                    Path dir = underRoot(a.get("path"));
                    createDirectories(dir);
                    done.add("made " + dir);
                }
                case "file" -> {
                    Path file = underRoot(a.get("path"));
                    createDirectories(file.getParent());
                    write(file, a.get("content"));
                    done.add("wrote " + file);
                }
                case "record-sysctl" -> done.add(NetResets.recordSysctl(a.get("key"), recorded));
                case "note-path" -> {
                    Path p = absolute(a.get("path"));
                    boolean there = Files.exists(p, LinkOption.NOFOLLOW_LINKS);
                    recorded.put(notedKey(p), there ? PRESENT : ABSENT);
                    done.add("noted that " + p + (there ? " is there" : " is not there") + " before the lab");
                }
                default -> throw new IllegalArgumentException("no fixture kind '" + a.kind() + "'");
            }
        }
        return done;
    }

    /** /proc/uptime's first field (seconds since boot) in the unit of /proc/PID/stat's start time: USER_HZ ticks. */
    private static long uptimeTicks() {
        try {
            String seconds = Files.readString(Path.of("/proc/uptime")).split(" ")[0];
            return (long) (Double.parseDouble(seconds) * ProcStat.TICKS_PER_SECOND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read /proc/uptime: " + e.getMessage(), e);
        }
    }

    /** What {@code note-path} notes: whether the path was there at {@code lab start}. */
    static final String ABSENT = "absent";
    static final String PRESENT = "present";

    static String notedKey(Path p) { return "path:" + p; }

    /** A path a lab may note and, if it was absent, rmdir: absolute, normalized, not the root. */
    static Path absolute(String path) {
        Path p = Path.of(path);
        if (!p.isAbsolute() || !p.normalize().equals(p) || p.getNameCount() == 0) {
            throw new IllegalArgumentException("a lab's path must be absolute and plain (no .., not /), not " + path);
        }
        return p;
    }

    /** A lab's path, refused unless it is under /srv/jlab (no {@code ..} either). */
    static Path underRoot(String path) {
        Path p = Path.of(path).normalize();
        if (!p.isAbsolute() || !p.startsWith(ROOT) || p.equals(ROOT)) {
            throw new IllegalArgumentException("a lab's path must be under " + ROOT + ", not " + path);
        }
        return p;
    }

    private static void createDirectories(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make " + dir + ": " + e.getMessage(), e);
        }
    }

    private static void write(Path file, String content) {
        try {
            Files.writeString(file, content.endsWith("\n") ? content : content + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
