package jlab.web.terminal;

/**
 * How the server closes a terminal's WebSocket, and why (the reason is shown
 * on the page). 1000 is a normal end; 4000-4999 are the application's own
 * codes (RFC 6455, 7.4.2). The page reconnects after any other close (a
 * dropped network), never after these.
 */
final class CloseCodes {
    /** The program exited, or the page asked to close. */
    static final int NORMAL = 1000;
    /** The ticket is missing, used, expired, or of another browser session. */
    static final int BAD_TICKET = 4401;
    /** The terminal has ended (its reconnect window passed, or it was closed). */
    static final int GONE = 4404;
    /** Another tab opened this terminal. */
    static final int TAKEN_OVER = 4409;

    private CloseCodes() {}
}
