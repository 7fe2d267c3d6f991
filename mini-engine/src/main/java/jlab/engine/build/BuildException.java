package jlab.engine.build;

import jlab.engine.EngineException;

/**
 * A build that cannot go on: a mistake in the Dockerfile, a file outside the context, a RUN that
 * failed. One line, which names {@code Dockerfile:LINE} when a line is to blame, and exit code 1,
 * as {@code docker build} exits for every failed build.
 */
public final class BuildException extends EngineException {
    private static final long serialVersionUID = 1L;

    /** {@code docker build}'s exit code for a failed build, whatever failed. */
    public static final int BUILD_FAILED = 1;

    public BuildException(String message) { super(message, BUILD_FAILED); }

    public BuildException(String message, Throwable cause) { super(message, BUILD_FAILED, cause); }

    /** "Dockerfile:3: unknown instruction ..." */
    static BuildException at(String file, int line, String message) {
        return new BuildException(file + ":" + line + ": " + message);
    }

    /** The same, for an instruction. */
    static BuildException at(Instruction in, String message) { return at(in.file(), in.line(), message); }
}
