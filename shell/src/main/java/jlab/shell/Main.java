package jlab.shell;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;

import jlab.engine.state.StateDir;
import jlab.kernel.syscall.Syscalls;

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
            code = new Repl(cli, session).run();
        } else {
            code = new ScriptMode(cli, session).run(
                    new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)));
        }
        session.close();
        System.out.flush();
        System.exit(code);
    }
}
