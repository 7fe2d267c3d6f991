package jlab.shell;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

import jlab.engine.state.StateDir;
import jlab.kernel.syscall.Syscalls;
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
        Cli cli = new Cli(session);
        int code;
        if (args.length > 0) {
            code = cli.execute(List.of(args));
        } else if (Syscalls.get().isatty(0)) {
            code = prompt(cli, session);
        } else {
            code = new ScriptMode(cli, session).run(
                    new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)));
        }
        session.close();
        System.out.flush();
        System.exit(code);
    }

    private static int prompt(Cli cli, Session session) {
        // No grapheme-cluster probe: JLine would query the terminal (DECRQM, DA1, cursor position) and wait
        // for answers before the first prompt — up to 200 ms each where nothing answers. jlab prints no emoji.
        try (Terminal terminal = TerminalBuilder.builder().system(true).name("jlab").graphemeCluster(false).build()) {
            return new Repl(cli, session, terminal).history(HistoryFile.of(System.getenv())).environment(System.getenv()).run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
