package jlab.kernel;

import java.util.Objects;

/**
 * The kernel said no. Carries what was asked (the operation and its arguments),
 * the kernel's answer (errno, by name and number) and one sentence a student
 * can act on.
 *
 * <pre>
 * pivot_root(".", "."): EINVAL (Invalid argument) — new_root must be a mount point:
 * bind-mount the rootfs onto itself first
 * </pre>
 *
 * Hints come from {@link Hints}, keyed by operation and errno, so the same
 * failure reads the same everywhere (engine, REPL, labs).
 */
public final class KernelException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String operation;
    private final String arguments;
    private final String errnoName;
    private final int errno;
    private final String hint;

    public KernelException(String operation, String arguments, String errnoName, int errno, String hint) {
        super(format(operation, arguments, errnoName, errno, hint));
        this.operation = Objects.requireNonNull(operation);
        this.arguments = arguments == null ? "" : arguments;
        this.errnoName = errnoName;
        this.errno = errno;
        this.hint = hint;
    }

    /** A failure of {@code operation(arguments)} with this errno, with the standard hint. */
    public static KernelException of(String operation, String arguments, int errno) {
        String name = Errnos.name(errno);
        return new KernelException(operation, arguments, name, errno, Hints.forFailure(operation, name));
    }

    /** A failure that is not an errno: a file that says something unexpected, a missing feature. */
    public static KernelException of(String operation, String arguments, String problem) {
        return new KernelException(operation, arguments, null, 0, problem);
    }

    private static String format(String op, String args, String errnoName, int errno, String hint) {
        StringBuilder sb = new StringBuilder(op).append('(').append(args == null ? "" : args).append(')');
        if (errnoName != null) {
            sb.append(": ").append(errnoName).append(" (").append(Errnos.describe(errno)).append(')');
        }
        if (hint != null && !hint.isBlank()) {
            sb.append(errnoName != null ? " — " : ": ").append(hint);
        }
        return sb.toString();
    }

    /** The system call or file operation, e.g. {@code pivot_root}. */
    public String operation() { return operation; }

    /** Its arguments as a student would write them, e.g. {@code ".", "."}. */
    public String arguments() { return arguments; }

    /** The errno name ({@code EINVAL}), or null when the failure was not an errno. */
    public String errnoName() { return errnoName; }

    /** The errno number, or 0 when the failure was not an errno. */
    public int errno() { return errno; }

    /** One sentence on what to do, or null when we have nothing better than the errno. */
    public String hint() { return hint; }
}
