package jlab.shell.repl;

import java.util.function.IntSupplier;

import org.jline.terminal.Terminal;

/**
 * Ctrl-C while a command runs stops that command, not the prompt. The
 * terminal turns the key into SIGINT for jlab's process group; this handler
 * interrupts the one thread that runs every command of the session (step
 * mode's helper process is tied to that thread: it must live on). A
 * Java-side command ({@code logs -f}, {@code stats}) then ends at its next
 * sleep or wait, and the prompt comes back. A container in the foreground
 * gets the signal itself instead: {@code run} forwards it while it runs.
 * While a line is being read, JLine handles Ctrl-C itself (it clears the line).
 */
public final class CtrlC implements Terminal.SignalHandler {
    private final Thread commands;
    private volatile boolean running;

    public CtrlC(Thread commands) { this.commands = commands; }

    @Override
    public void handle(Terminal.Signal signal) {
        if (running) commands.interrupt();
    }

    /** Runs one command on the calling thread (the commands' thread), interruptible by Ctrl-C. */
    public int run(IntSupplier command) {
        running = true;
        try {
            return command.getAsInt();
        } finally {
            running = false;
            Thread.interrupted(); // a Ctrl-C that came as the command ended must not cut the next read
        }
    }
}
