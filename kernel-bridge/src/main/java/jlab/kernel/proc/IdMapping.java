package jlab.kernel.proc;

import java.util.List;
import java.util.OptionalLong;

import jlab.kernel.KernelException;

/**
 * One line of /proc/PID/uid_map or gid_map: a range of ids of a user namespace and
 * the ids they are outside it.
 *
 * <pre>
 *          0     100000      65536
 * </pre>
 *
 * means: ids 0..65535 inside are 100000..165535 outside. Root in the container is
 * user 100000 on the host, which owns nothing there: this is how a rootless
 * container's root is powerless outside. The initial namespace reads
 * {@code 0 0 4294967295}, the identity on every id. An id with no line reads as
 * 65534 (overflowuid, "nobody"); a new namespace has an empty map until a process
 * writes it (only once; up to 340 lines since Linux 4.15, 5 before).
 *
 * <p>"Outside" is the user namespace of the process that <em>reads</em> the file
 * when it is another namespace; when the reader is inside the same namespace, it is
 * the parent namespace. So the map of a container read from the host shows host ids.
 *
 * @param inside  the first id of the range inside the namespace
 * @param outside the id that {@code inside} is outside it
 * @param count   how many consecutive ids the line maps
 */
public record IdMapping(long inside, long outside, long count) {

    public IdMapping {
        if (inside < 0 || outside < 0 || count < 1) {
            throw new IllegalArgumentException("an id mapping needs ids >= 0 and a count >= 1: " + inside + " " + outside + " " + count);
        }
    }

    /** True when {@code id} (inside the namespace) falls in this line's range. */
    public boolean containsInside(long id) {
        return id >= inside && id - inside < count;
    }

    /** What {@code id} inside the namespace is outside it: {@code toOutside(0)} is 100000 above. */
    public long toOutside(long id) {
        if (!containsInside(id)) {
            throw new IllegalArgumentException(id + " is not in " + inside + ".." + (inside + count - 1));
        }
        return outside + (id - inside);
    }

    /** Looks {@code id} up in a whole map; empty when no line maps it (it shows as 65534). */
    public static OptionalLong toOutside(List<IdMapping> map, long id) {
        for (IdMapping line : map) {
            if (line.containsInside(id)) return OptionalLong.of(line.toOutside(id));
        }
        return OptionalLong.empty();
    }

    /** The kernel writes three right-aligned columns: {@code "%10u %10u %10u"}. */
    static IdMapping parse(String line) {
        String[] f = line.strip().split("\\s+");
        if (f.length != 3) {
            throw KernelException.of("parse", "id map", "expected 'inside outside count', got '" + line + "'");
        }
        return new IdMapping(Long.parseLong(f[0]), Long.parseLong(f[1]), Long.parseLong(f[2]));
    }
}
