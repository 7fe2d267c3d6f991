package jlab.engine.build;

/**
 * One instruction of a stage, its variables substituted, ready to run: its line of history — which,
 * with the image it starts from, is also its cache key — and how to make its change.
 */
interface BuildStep {
    /**
     * What {@code created_by} of the image's history will say, as Docker writes it:
     * {@code /bin/sh -c echo hi} for a RUN, {@code /bin/sh -c #(nop)  ENV A=1} for a change of the
     * configuration, {@code /bin/sh -c #(nop) COPY file:HASH in /app} with the digest of what is copied.
     * Two steps with the same parent and the same line make the same image: the cache relies on it
     * (and, for a {@link ConfigStep}, on the configuration it computes).
     */
    String createdBy();

    /** The build's own state (ARG's variables, SHELL): changed whether or not the cache answers. */
    default void declare(BuildState state) {}

    /** Makes the change on the image so far: runs, copies, or computes new settings. */
    Change make(BuildState state, BuildTools tools);

    /** Docker's spelling of a step that changes only the configuration. */
    static String nop(String instruction) { return "/bin/sh -c #(nop)  " + instruction; }
}
