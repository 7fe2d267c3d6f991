package jlab.engine.image;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import jlab.engine.EngineException;

/**
 * Resolves {@code --user} as Docker does, from the image's own /etc/passwd and
 * /etc/group (never the host's: uid 1000 may be someone else inside).
 * {@code 1000}, {@code 1000:1000}, {@code nobody}, {@code nobody:nogroup}.
 * A numeric uid with no passwd entry runs with gid 0 and HOME=/.
 */
public final class Passwd {
    /** Who the command runs as. */
    public record User(long uid, long gid, String home) {
        public static final User ROOT = new User(0, 0, "/root");
    }

    private Passwd() {}

    /** {@code spec} in a plain root directory's /etc/passwd and /etc/group. */
    public static User resolve(Path rootfs, String spec) { return resolve(Image.directory("", rootfs), spec); }

    /** {@code spec} as a container of {@code image} sees /etc/passwd and /etc/group (through its layers). */
    public static User resolve(Image image, String spec) {
        Optional<Path> passwd = image.file("etc/passwd");
        Optional<Path> group = image.file("etc/group");
        if (spec == null || spec.isEmpty()) {
            return lookup(passwd, "0", 7).map(e -> new User(0, 0, e[5])).orElse(User.ROOT);
        }
        String[] parts = spec.split(":", 2);
        Optional<String[]> entry = lookup(passwd, parts[0], 7);
        long uid;
        long gid;
        String home;
        if (entry.isPresent()) {
            uid = Long.parseLong(entry.get()[2]);
            gid = Long.parseLong(entry.get()[3]);
            home = entry.get()[5];
        } else if (isNumber(parts[0])) {
            uid = Long.parseLong(parts[0]);
            gid = 0;
            home = "/";
        } else {
            throw new EngineException("unable to find user " + parts[0] + ": no matching entries in the image's /etc/passwd");
        }
        if (parts.length == 2) {
            if (isNumber(parts[1])) {
                gid = Long.parseLong(parts[1]);
            } else {
                gid = lookup(group, parts[1], 4)
                        .map(e -> Long.parseLong(e[2]))
                        .orElseThrow(() -> new EngineException("unable to find group " + parts[1]
                                + ": no matching entries in the image's /etc/group"));
            }
        }
        return new User(uid, gid, home);
    }

    /** The line whose name (field 0) or id (field 2) is {@code key}. */
    private static Optional<String[]> lookup(Optional<Path> file, String key, int fields) {
        if (file.isEmpty()) return Optional.empty();
        List<String> lines;
        try {
            lines = Files.readAllLines(file.get());
        } catch (IOException e) {
            return Optional.empty();
        }
        for (String line : lines) {
            String[] f = line.split(":", -1);
            if (f.length >= fields && (f[0].equals(key) || f[2].equals(key))) return Optional.of(f);
        }
        return Optional.empty();
    }

    private static boolean isNumber(String s) {
        return !s.isEmpty() && s.chars().allMatch(Character::isDigit);
    }
}
