package jlab.labs.check;

import java.util.Locale;

/** What a check concluded. */
public enum Status {
    /** Everything it asks for is on the host: full points. */
    PASS,
    /** Part of it (a chroot where pivot_root was asked): part of the points. */
    PARTIAL,
    /** Not there, or not as asked: no points, and a hint that fits what was seen. */
    FAIL,
    /** The checker itself broke (a kernel interface this host lacks): no points lost, and it says so. */
    ERROR,
    /** Not run, because a check it requires did not pass. */
    SKIPPED;

    /** {@code "pass"}, as results write it. */
    public String word() { return name().toLowerCase(Locale.ROOT); }
}
