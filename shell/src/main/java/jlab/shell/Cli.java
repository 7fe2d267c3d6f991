package jlab.shell;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Properties;

import jlab.engine.EngineException;
import jlab.kernel.KernelException;
import jlab.shell.command.CommitCommand;
import jlab.shell.command.BuildCommand;
import jlab.shell.command.ContainerCommand;
import jlab.shell.command.ContainerExitedCommand;
import jlab.shell.command.CreateCommand;
import jlab.shell.command.DiffCommand;
import jlab.shell.command.ExecCommand;
import jlab.shell.command.ExportCommand;
import jlab.shell.command.GcCommand;
import jlab.shell.command.ImageCommand;
import jlab.shell.command.ImportCommand;
import jlab.shell.command.InspectCommand;
import jlab.shell.command.KillCommand;
import jlab.shell.command.LoadCommand;
import jlab.shell.command.LogsCommand;
import jlab.shell.command.CgroupCommand;
import jlab.shell.command.MountsCommand;
import jlab.shell.command.NetCommand;
import jlab.shell.command.NetworkCommand;
import jlab.shell.command.NsCommand;
import jlab.shell.command.PauseCommand;
import jlab.shell.command.PortCommand;
import jlab.shell.command.PsCommand;
import jlab.shell.command.RestartCommand;
import jlab.shell.command.RmCommand;
import jlab.shell.command.RunCommand;
import jlab.shell.command.SaveCommand;
import jlab.shell.command.StartCommand;
import jlab.shell.command.StatsCommand;
import jlab.shell.command.StopCommand;
import jlab.shell.command.TopCommand;
import jlab.shell.command.TourCommand;
import jlab.shell.command.VolumeCommand;
import jlab.shell.lab.GradeCommand;
import jlab.shell.lab.LabCommand;
import jlab.shell.serve.ServeCommand;
import jlab.shell.command.WaitCommand;
import jlab.shell.command.WebCommand;
import jlab.shell.command.ConstructionExecCommand;
import jlab.shell.command.NewCommand;
import jlab.shell.command.PlanCommand;
import jlab.shell.command.StepCommand;
import jlab.shell.command.StepMode;
import jlab.shell.command.UndoCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Option;

/**
 * The one command model: {@code jlab run ...} on the command line,
 * {@code run ...} in the REPL and in a script are parsed and executed here,
 * with the same help and the same errors.
 *
 * Errors: a user's mistake is one line on standard error and an exit code
 * (125 for the engine's, as Docker); a stack trace only for a bug in jlab.
 */
public final class Cli {
    /** The top-level command: {@code jlab [--version] COMMAND}. */
    @Command(name = "jlab", versionProvider = Version.class,
            description = "Learn how containers really work: jlab builds them on the real kernel, step by step.",
            synopsisSubcommandLabel = "COMMAND",
            footer = {"", "With no command, jlab opens its prompt; with commands on standard input, it runs them one per line."})
    static final class Jlab implements Runnable {
        @Option(names = {"-V", "--version"}, versionHelp = true, description = "Print the version.") boolean version;
        @Option(names = "--help", usageHelp = true, description = "Show this help.") boolean help;

        @Override
        public void run() {
            throw new CommandLine.ParameterException(new CommandLine(this), "a command is missing (try: jlab --help)");
        }
    }

    /** Reads the version Maven wrote into version.properties. */
    public static final class Version implements IVersionProvider {
        public static String get() {
            try (InputStream in = Cli.class.getResourceAsStream("version.properties")) {
                Properties p = new Properties();
                if (in != null) p.load(in);
                return p.getProperty("version", "dev");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public String[] getVersion() { return new String[] {"jlab " + get()}; }
    }

    private final Session session;
    private final CommandLine commandLine;
    /** The container under construction, if any: new, step, undo, plan, exec in it, rm -f. */
    private final StepMode stepMode;

    public Cli(Session session) {
        this.session = session;
        this.stepMode = new StepMode(session);
        CommandLine cl = new CommandLine(new Jlab());
        cl.addSubcommand(new CommandLine(new RunCommand(session)).setStopAtPositional(true));
        cl.addSubcommand(new PsCommand(session));
        cl.addSubcommand(new RmCommand(session, stepMode));
        cl.addSubcommand(new ImageCommand.Ls(session));
        cl.addSubcommand(ImageCommand.commandLine(session));
        cl.addSubcommand(new ImageCommand.Rm(session));
        cl.addSubcommand(new ImageCommand.Tag(session));
        cl.addSubcommand(new ImageCommand.History(session));
        cl.addSubcommand(new CommitCommand(session));
        cl.addSubcommand(new DiffCommand(session));
        cl.addSubcommand(new SaveCommand(session));
        cl.addSubcommand(new LoadCommand(session));
        cl.addSubcommand(new ImportCommand(session));
        cl.addSubcommand(new ExportCommand(session));
        cl.addSubcommand(new BuildCommand(session));
        cl.addSubcommand(new GcCommand(session));
        cl.addSubcommand(VolumeCommand.commandLine(session));
        cl.addSubcommand(new CommandLine(new ExecCommand(session)).setStopAtPositional(true));
        cl.addSubcommand(new TopCommand(session));
        cl.addSubcommand(new StatsCommand(session));
        cl.addSubcommand(new InspectCommand(session));
        cl.addSubcommand(new PortCommand(session));
        cl.addSubcommand(new CommandLine(new ContainerCommand(session, stepMode, args -> execute(args, where))).setStopAtPositional(true));
        cl.addSubcommand(new PauseCommand.Pause(session));
        cl.addSubcommand(new PauseCommand.Unpause(session));
        cl.addSubcommand(new CommandLine(new CreateCommand(session)).setStopAtPositional(true));
        cl.addSubcommand(new StartCommand(session));
        cl.addSubcommand(new StopCommand(session));
        cl.addSubcommand(new KillCommand(session));
        cl.addSubcommand(new RestartCommand(session));
        cl.addSubcommand(new WaitCommand(session));
        cl.addSubcommand(new LogsCommand(session));
        cl.addSubcommand(new ContainerExitedCommand(session));
        cl.addSubcommand(NetworkCommand.commandLine(session));
        cl.addSubcommand(new NsCommand(session));
        cl.addSubcommand(new MountsCommand(session));
        cl.addSubcommand(new CgroupCommand(session));
        cl.addSubcommand(new NetCommand(session));
        cl.addSubcommand(new NewCommand(session, stepMode));
        cl.addSubcommand(new StepCommand(session, stepMode));
        cl.addSubcommand(new UndoCommand(session, stepMode));
        cl.addSubcommand(new PlanCommand(session, stepMode));
        cl.addSubcommand(new CommandLine(new ConstructionExecCommand(session, stepMode)).setStopAtPositional(true));
        cl.addSubcommand(new TourCommand(session, this::execute));
        cl.addSubcommand(LabCommand.commandLine(session));
        cl.addSubcommand(new GradeCommand(session));
        cl.addSubcommand(ServeCommand.commandLine(session));
        cl.addSubcommand(new WebCommand(session));
        cl.addSubcommand(new ScriptCommand(this, session));
        cl.addSubcommand(new HelpCommand(this));
        cl.addSubcommand(new ExitCommand());
        cl.getHelpSectionMap().put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_COMMAND_LIST, new CommandGroups());
        cl.setOut(new java.io.PrintWriter(session.out(), true));
        cl.setErr(new java.io.PrintWriter(session.err(), true));
        cl.setParameterExceptionHandler(this::badParameters);
        cl.setExecutionExceptionHandler((e, line, parsed) -> failure(e));
        this.commandLine = cl;
    }

    /** Where the command being run was written ("demo.jlab:3: "), for its errors; "" at the prompt and on the command line. */
    private String where = "";

    /** Runs one command; returns its exit code. */
    public int execute(List<String> args) {
        return execute(args, "");
    }

    /** Runs one command read from {@code where} ("demo.jlab:3: "), which its errors name. */
    public int execute(List<String> args, String where) {
        String outer = this.where;
        this.where = where;
        try {
            // picocli's help follows the session's colours (plain under NO_COLOR, on a dumb terminal, in a pipe).
            commandLine.setColorScheme(CommandLine.Help.defaultColorScheme(
                    session.colors().enabled() ? CommandLine.Help.Ansi.ON : CommandLine.Help.Ansi.OFF));
            List<String> words;
            try {
                // In step mode, "unshare uts" is "step unshare uts", and "exec ps" runs ps in the construction.
                words = stepMode.rewrite(args, commandLine.getSubcommands().keySet());
            } catch (RuntimeException e) {
                return failure(e);
            }
            return commandLine.execute(words.toArray(new String[0]));
        } finally {
            this.where = outer;
        }
    }

    /** The picocli model of every command: the REPL completes and highlights from it, so they never drift. */
    public CommandLine.Model.CommandSpec spec() { return commandLine.getCommandSpec(); }

    /** A wrong flag or a missing argument: Docker's form and its exit code, 125. */
    private int badParameters(CommandLine.ParameterException e, String[] args) {
        CommandLine at = e.getCommandLine();
        if (e instanceof CommandLine.UnmatchedArgumentException u && !at.getSubcommands().isEmpty()
                && !u.getUnmatched().isEmpty() && !u.getUnmatched().get(0).startsWith("-")) {
            List<String> path = new java.util.ArrayList<>();
            for (CommandLine c = at; c.getParent() != null; c = c.getParent()) path.add(0, c.getCommandName());
            return unknownCommand(at, path, u.getUnmatched().get(0));
        }
        session.err().println("jlab: " + where + e.getMessage());
        session.err().println("See '" + usagePath(at) + " --help'.");
        return EngineException.ENGINE_ERROR;
    }

    /**
     * A word that names no command (of {@code parent}, reached by {@code path}): Docker's one line, with the
     * closest command — "jlab: 'rnu' is not a jlab command. Did you mean 'run'? See 'jlab --help'." — and 125.
     */
    int unknownCommand(CommandLine parent, List<String> path, String word) {
        String of = path.isEmpty() ? "jlab" : "jlab " + String.join(" ", path);
        List<String> known = parent.getSubcommands().entrySet().stream()
                .filter(c -> !c.getValue().getCommandSpec().usageMessage().hidden())
                .map(java.util.Map.Entry::getKey).toList();
        String hint = Suggestions.closest(word, known).map(s -> " Did you mean '" + s + "'?").orElse("");
        session.err().println("jlab: " + where + "'" + word + "' is not a " + of + " command." + hint
                + " See '" + of + " --help'.");
        return EngineException.ENGINE_ERROR;
    }

    /** "jlab volume ls": the words that lead to a command. */
    private static String usagePath(CommandLine c) {
        String path = "";
        for (; c.getParent() != null; c = c.getParent()) path = " " + c.getCommandName() + path;
        return "jlab" + path;
    }

    private int failure(Exception e) {
        if (e instanceof InterruptedException || Thread.currentThread().isInterrupted()) {
            // Ctrl-C at the prompt while a Java-side command ran (logs -f, stats): it stops, the prompt comes back.
            Thread.interrupted();
            session.out().flush();
            session.err().println();
            return 130; // 128 + SIGINT, as a shell reports a command ended by Ctrl-C
        }
        if (e instanceof EngineException ee) {
            session.err().println("jlab: " + where + ee.getMessage());
            return ee.exitCode();
        }
        if (e instanceof KernelException || e instanceof UncheckedIOException) {
            session.err().println("jlab: " + where + e.getMessage());
            return EngineException.ENGINE_ERROR;
        }
        session.err().println("jlab: internal error (a bug in jlab — please report it with the lines below): " + e);
        e.printStackTrace(session.err());
        return EngineException.ENGINE_ERROR;
    }

}
