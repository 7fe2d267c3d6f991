package jlab.labs.check;

/**
 * What a check saw, and where in the kernel it looked: the student can look
 * at the same place ({@code readlink /proc/4242/ns/uts}) and see the same.
 *
 * @param where    the file or interface read ({@code /proc/4242/ns/uts}, {@code /sys/fs/cgroup/jlab-mem/memory.max})
 * @param observed what it held
 * @param expected what the lab asks for (null when it is only a fact shown)
 */
public record Evidence(String where, String observed, String expected) {
    public static Evidence seen(String where, String observed) { return new Evidence(where, observed, null); }
}
