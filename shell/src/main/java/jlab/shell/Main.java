package jlab.shell;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

import jlab.engine.state.StateDir;
import jlab.kernel.proc.Terminals;
import jlab.shell.repl.HistoryFile;

/**
 * {@code ./jlab}: with arguments, runs one command; with none, opens the
 * prompt — or, when standard input is not a terminal, reads one command per
 * line (script mode), so that tests and benchmarks drive one long-lived engine.
 */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        Session session = new Session(StateDir.fromEnvironment(), System.out, System.err);
        session.colors(Colors.forStdout());
        int code;
        if (args.length > 0) {
            code = new Cli(session).execute(List.of(args));
        } else if (Terminals.isTerminal(0)) {
            code = prompt(session);
        } else {
            code = new ScriptMode(new Cli(session), session).run(
                    new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)));
        }
        session.close();
        System.out.flush();
        System.exit(code);
    }

    /**
     * The prompt. The command model (picocli reads every command's annotations) is built on a
     * second thread while this one opens the terminal and makes the line reader: the prompt
     * shows without waiting for it, and the Repl waits for it at the first word typed (its
     * highlighting), Tab or command. Every command still runs on this thread, the one that
     * will spawn the helpers (see Session).
     */
    private static int prompt(Session session) {
        CompletableFuture<Cli> model = CompletableFuture.supplyAsync(() -> new Cli(session), Main::startThread);
        // No grapheme-cluster probe: JLine would query the terminal (DECRQM, DA1, cursor position) and wait
        // for answers before the first prompt — up to 200 ms each where nothing answers. jlab prints no emoji.
        try (Terminal terminal = TerminalBuilder.builder().system(true).name("jlab").graphemeCluster(false).build()) {
            return new Repl(model::join, session, terminal).history(HistoryFile.of(System.getenv())).environment(System.getenv()).run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void startThread(Runnable r) {
        Thread t = new Thread(r, "jlab-command-model");
        t.setDaemon(true);
        t.start();
    }
}
