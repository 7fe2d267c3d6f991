package jlab.web;

/**
 * A request the server will not do, and why, in one line a person can act on:
 * thrown by a handler, answered by {@link WebServer} with its status and
 * message (a page for a browser, JSON for a script), never a stack trace.
 */
public final class ClientError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int status;

    public ClientError(int status, String message) {
        super(message, null, false, false);
        if (status < 400 || status > 499) throw new IllegalArgumentException("not a client error status: " + status);
        this.status = status;
    }

    public int status() { return status; }

    public static ClientError badRequest(String message) { return new ClientError(400, message); }
    public static ClientError unauthorized(String message) { return new ClientError(401, message); }
    public static ClientError forbidden(String message) { return new ClientError(403, message); }
    public static ClientError notFound(String message) { return new ClientError(404, message); }
}
