package jlab.shell;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import jlab.engine.EngineException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jlab script [-x] [--keep-going] FILE}: the commands of a file, one per line, as typed at the prompt. */
@Command(name = "script", sortOptions = false,
        description = "Run the commands of a file, one per line, without prompts (- : standard input).",
        footer = {"", "Blank lines and lines starting with # are skipped; a line may start with 'jlab'.",
                "Exit status: 0 when every command succeeded; else the first failing command's code. The script"
                        + " stops at that command, unless --keep-going: then every line runs, and the status is still"
                        + " the first failure's. 'exit [CODE]' ends the script.",
                "Errors name the file and line: jlab: demo.jlab:3: ..."})
final class ScriptCommand implements Callable<Integer> {
    private final Cli cli;
    private final Session session;

    @Option(names = {"-x", "--echo"}, description = "Print each command to stderr (+ run ...) before running it.") boolean echo;
    @Option(names = "--keep-going", description = "Go on after a failing command (exit with the first failure's code).") boolean keepGoing;
    @Parameters(paramLabel = "FILE", description = "The script: jlab commands, one per line.") Path file;
    @Option(names = "--help", usageHelp = true, description = "Show this help.") boolean help;

    ScriptCommand(Cli cli, Session session) {
        this.cli = cli;
        this.session = session;
    }

    @Override
    public Integer call() {
        ScriptMode script = new ScriptMode(cli, session).echo(echo).keepGoing(keepGoing);
        if (file.toString().equals("-")) {
            return script.run(new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)));
        }
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return script.source(file.getFileName().toString()).run(in);
        } catch (NoSuchFileException e) {
            throw new EngineException("script " + file + ": no such file");
        } catch (IOException e) {
            throw new EngineException("script " + file + ": cannot read it (" + e.getMessage() + ")");
        }
    }
}
