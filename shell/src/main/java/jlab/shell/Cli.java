package jlab.shell;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Properties;

import jlab.engine.EngineException;
import jlab.kernel.KernelException;
import jlab.shell.command.ContainerExitedCommand;
import jlab.shell.command.CreateCommand;
import jlab.shell.command.ExecCommand;
import jlab.shell.command.GcCommand;
import jlab.shell.command.ImagesCommand;
import jlab.shell.command.InspectCommand;
import jlab.shell.command.KillCommand;
import jlab.shell.command.LogsCommand;
import jlab.shell.command.CgroupCommand;
import jlab.shell.command.MountsCommand;
import jlab.shell.command.NetCommand;
import jlab.shell.command.NetworkCommand;
import jlab.shell.command.NsCommand;
import jlab.shell.command.PauseCommand;
import jlab.shell.command.PsCommand;
import jlab.shell.command.RestartCommand;
import jlab.shell.command.RmCommand;
import jlab.shell.command.RunCommand;
import jlab.shell.command.StartCommand;
import jlab.shell.command.StatsCommand;
import jlab.shell.command.StopCommand;
import jlab.shell.command.TopCommand;
import jlab.shell.command.TourCommand;
import jlab.shell.command.VolumeCommand;
import jlab.shell.command.WaitCommand;
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
        cl.addSubcommand(new ImagesCommand(session));
        cl.addSubcommand(new GcCommand(session));
        cl.addSubcommand(VolumeCommand.commandLine(session));
        cl.addSubcommand(new CommandLine(new ExecCommand(session)).setStopAtPositional(true));
        cl.addSubcommand(new TopCommand(session));
        cl.addSubcommand(new StatsCommand(session));
        cl.addSubcommand(new InspectCommand(session));
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
        cl.addSubcommand("help", new CommandLine.HelpCommand());
        cl.setOut(new java.io.PrintWriter(session.out(), true));
        cl.setErr(new java.io.PrintWriter(session.err(), true));
        cl.setParameterExceptionHandler(this::badParameters);
        cl.setExecutionExceptionHandler((e, line, parsed) -> failure(e));
        this.commandLine = cl;
    }

    /** Runs one command; returns its exit code. */
    public int execute(List<String> args) {
        List<String> words;
        try {
            // In step mode, "unshare uts" is "step unshare uts", and "exec ps" runs ps in the construction.
            words = stepMode.rewrite(args, commandLine.getSubcommands().keySet());
        } catch (RuntimeException e) {
            return failure(e);
        }
        return commandLine.execute(words.toArray(new String[0]));
    }

    /** A wrong flag or a missing argument: Docker's form and its exit code, 125. */
    private int badParameters(CommandLine.ParameterException e, String[] args) {
        String cmd = e.getCommandLine().getCommandName();
        session.err().println("jlab: " + e.getMessage());
        session.err().println("See 'jlab " + (cmd.equals("jlab") ? "" : cmd + " ") + "--help'.");
        return EngineException.ENGINE_ERROR;
    }

    private int failure(Exception e) {
        if (e instanceof EngineException ee) {
            session.err().println("jlab: " + ee.getMessage());
            return ee.exitCode();
        }
        if (e instanceof KernelException || e instanceof UncheckedIOException) {
            session.err().println("jlab: " + e.getMessage());
            return EngineException.ENGINE_ERROR;
        }
        session.err().println("jlab: internal error (a bug in jlab — please report it with the lines below): " + e);
        e.printStackTrace(session.err());
        return EngineException.ENGINE_ERROR;
    }
}
