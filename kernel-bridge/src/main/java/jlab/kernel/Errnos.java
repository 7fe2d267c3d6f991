package jlab.kernel;

import jnr.constants.platform.Errno;

/** errno numbers to names and descriptions, as {@code errno -l} prints them. */
public final class Errnos {
    private Errnos() {}

    /** {@code 2 -> "ENOENT"}; an unknown number reads {@code "E<number>"}. */
    public static String name(int errno) {
        Errno e = Errno.valueOf(errno);
        return e == null || e == Errno.__UNKNOWN_CONSTANT__ ? "E" + errno : e.name();
    }

    /** {@code 2 -> "No such file or directory"}. */
    public static String describe(int errno) {
        Errno e = Errno.valueOf(errno);
        return e == null || e == Errno.__UNKNOWN_CONSTANT__ ? "errno " + errno : e.description();
    }

    /** {@code "ENOENT" -> 2}; -1 when the name is unknown. */
    public static int number(String name) {
        try {
            return Errno.valueOf(name).intValue();
        } catch (IllegalArgumentException e) {
            return -1;
        }
    }
}
