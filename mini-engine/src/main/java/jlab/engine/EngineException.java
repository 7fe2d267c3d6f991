package jlab.engine;

/**
 * A failure the user can fix: an unknown image, a bad flag value, a name in use.
 * Its message is one line that says what was wrong and what to do; the CLI
 * prints it without a stack trace and exits with {@link #exitCode()}.
 */
public class EngineException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Docker's code for an error of the engine itself, before the command ran. */
    public static final int ENGINE_ERROR = 125;
    /** The command was found but could not be run. */
    public static final int NOT_EXECUTABLE = 126;
    /** The command was not found. */
    public static final int NOT_FOUND = 127;

    private final int exitCode;

    public EngineException(String message) {
        this(message, ENGINE_ERROR);
    }

    public EngineException(String message, int exitCode) {
        super(message);
        this.exitCode = exitCode;
    }

    public EngineException(String message, int exitCode, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public int exitCode() { return exitCode; }
}
