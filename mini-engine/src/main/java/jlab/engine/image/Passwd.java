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

    public static User resolve(Path rootfs, String spec) {
        if (spec == null || spec.isEmpty()) {
            return lookupUser(rootfs, "0").map(e -> new User(0, 0, e[5])).orElse(User.ROOT);
        }
        String[] parts = spec.split(":", 2);
        Optional<String[]> entry = lookupUser(rootfs, parts[0]);
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
                gid = lookup(rootfs.resolve("etc/group"), parts[1], 4)
                        .map(e -> Long.parseLong(e[2]))
                        .orElseThrow(() -> new EngineException("unable to find group " + parts[1]
                                + ": no matching entries in the image's /etc/group"));
            }
        }
        return new User(uid, gid, home);
    }

    private static Optional<String[]> lookupUser(Path rootfs, String nameOrUid) {
        return lookup(rootfs.resolve("etc/passwd"), nameOrUid, 7);
    }

    /** The line whose name (field 0) or id (field 2) is {@code key}. */
    private static Optional<String[]> lookup(Path file, String key, int fields) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
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
