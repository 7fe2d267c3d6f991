package jlab.web.terminal;

/**
 * The one page that shows a terminal right now (its WebSocket). Sends never
 * block: output is queued, and {@link #awaitDrain} is where the terminal's
 * reader waits when the page cannot keep up — so a program that prints
 * without end (yes) is slowed down to the speed of the network instead of
 * filling the server's memory.
 */
interface Viewer {
    void output(byte[] bytes);

    void control(String json);

    /** Closes the connection: a WebSocket close code (4000-4999 are ours) and a reason the page shows. */
    void close(int code, String reason);

    void awaitDrain();
}
