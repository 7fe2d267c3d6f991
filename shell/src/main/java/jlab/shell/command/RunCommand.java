package jlab.shell.command;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import jlab.engine.ContainerSpec;
import jlab.engine.Engine;
import jlab.engine.EngineException;
import jlab.engine.Resources;
import jlab.engine.RunResult;
import jlab.engine.network.PortMapping;
import jlab.engine.plan.StepListener;
import jlab.engine.volume.MountParser;
import jlab.engine.volume.MountSpec;
import jlab.shell.Session;
import jlab.shell.Sizes;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.TypeConversionException;

/** {@code jlab run}: Docker's verb and flags, on jlab's own engine. */
@Command(name = "run", sortOptions = false,
        description = "Run a command in a new container, in the foreground, and exit with its exit code.",
        customSynopsis = {"jlab run [OPTIONS] IMAGE [COMMAND] [ARG...]", "jlab run [OPTIONS] --rootfs DIR COMMAND [ARG...]"},
        footer = {"", "Examples:",
                "  jlab run --rm --hostname box busybox sh -c 'hostname; echo $$'",
                "  jlab run --rm --memory 32m --pids-limit 20 busybox sh",
                "  jlab run --rm -v /srv/site:/www:ro -v data:/data --tmpfs /scratch:size=64m busybox ls /www",
                "  jlab run --rm --explain busybox true      # every step, nothing run"})
public final class RunCommand implements Callable<Integer> {
    private final Session session;

    @Option(names = "--rm", description = "Remove the container when it exits.") boolean remove;
    @Option(names = "--name", paramLabel = "NAME", description = "Name the container.") String name;
    @Option(names = {"-h", "--hostname"}, paramLabel = "NAME", description = "The container's hostname (default: its short id).") String hostname;
    @Option(names = {"-e", "--env"}, paramLabel = "NAME[=VALUE]", description = "Set an environment variable (NAME alone: take jlab's value).") List<String> env = new ArrayList<>();
    @Option(names = {"-w", "--workdir"}, paramLabel = "DIR", description = "Working directory inside the container.") String workdir;
    @Option(names = {"-u", "--user"}, paramLabel = "USER[:GROUP]", description = "Run as this user (name or uid, from the image's /etc/passwd).") String user;
    @Option(names = {"-i", "--interactive"}, description = "Keep standard input open.") boolean interactive;
    @Option(names = {"-t", "--tty"}, description = "Give the container a terminal.") boolean tty;
    @Option(names = {"-m", "--memory"}, paramLabel = "BYTES", converter = SizeConverter.class, description = "Memory limit (e.g. 64m).") Long memory;
    @Option(names = "--memory-swap", paramLabel = "BYTES", converter = SwapConverter.class, description = "Memory plus swap limit; -1: unlimited swap.") Long memorySwap;
    @Option(names = "--cpus", paramLabel = "N", description = "CPU time, in CPUs (0.5: half of one).") Double cpus;
    @Option(names = {"-c", "--cpu-shares"}, paramLabel = "N", description = "Relative CPU weight (default 1024).") Long cpuShares;
    @Option(names = "--pids-limit", paramLabel = "N", description = "Most processes at once (-1: unlimited).") Long pidsLimit;
    @Option(names = {"-v", "--volume"}, paramLabel = "[SRC:]DST[:ro]", description = "Bind a host path (/srv/site:/www), mount a named volume (data:/data, made on first use) or an anonymous one (/data).") List<String> volumes = new ArrayList<>();
    @Option(names = "--mount", paramLabel = "type=...,target=...", description = "A bind, volume or tmpfs mount, Docker's way: type=bind,source=/srv,target=/www,readonly.") List<String> mounts = new ArrayList<>();
    @Option(names = "--tmpfs", paramLabel = "DST[:OPTS]", description = "A tmpfs at DST (e.g. /scratch:size=64m,mode=1777).") List<String> tmpfs = new ArrayList<>();
    @Option(names = "--userns", description = "A user namespace: root inside is uid 100000 on the host.") boolean userns;
    @Option(names = "--network", paramLabel = "NETWORK", description = "bridge (the default), none, host, or a network's name.") String network = "bridge";
    @Option(names = {"-p", "--publish"}, paramLabel = "[IP:]HOST:CTR[/PROTO]", description = "Publish a container's port on the host.") List<String> publish = new ArrayList<>();
    @Option(names = {"-P", "--publish-all"}, description = "Publish every port the image exposes, on free host ports.") boolean publishAll;
    @Option(names = "--rootfs", paramLabel = "DIR", description = "Use a directory as the image.") Path rootfs;
    @Option(names = "--explain", description = "Print every step (syscall, shell command, what to look at) and run nothing.") boolean explain;
    @Option(names = "--trace", description = "Print each step as it runs, with its time.") boolean trace;
    @Option(names = "--help", usageHelp = true, description = "Show this help.") boolean help;

    @Parameters(paramLabel = "IMAGE|COMMAND", arity = "0..*") List<String> positional = new ArrayList<>();

    public RunCommand(Session session) { this.session = session; }

    @Override
    public Integer call() {
        ContainerSpec spec = spec();
        if (explain) {
            Engine.Prepared p = session.engine().explain(spec);
            new PlanPrinter(session.out()).explain(p.build(), p.plan());
            return 0;
        }
        StepListener listener = trace ? new TraceListener(session.err()) : StepListener.NONE;
        session.out().flush();
        RunResult result;
        try (SignalForwarder forwarder = new SignalForwarder()) {
            result = session.engine().run(spec, forwarder.around(listener));
        }
        if (result.oomKilled()) {
            // Without --memory it can still happen: the host ran out, and the kernel chose a process of the container.
            String why = memory != null ? "it used all of its memory limit (--memory " + Sizes.human(memory) + ")"
                    : "the host ran out of memory";
            session.err().println("jlab: container " + result.name() + " was killed by the kernel's OOM killer: " + why);
        }
        return result.exitCode();
    }

    ContainerSpec spec() {
        ContainerSpec.Builder b = ContainerSpec.builder();
        List<String> rest = new ArrayList<>(positional);
        if (rootfs != null) {
            b.rootfs(rootfs);
        } else {
            if (rest.isEmpty()) {
                throw new EngineException("\"jlab run\" requires an image: jlab run [OPTIONS] IMAGE [COMMAND] (try: busybox)");
            }
            b.image(rest.remove(0));
        }
        return b.command(rest).name(name).hostname(hostname).env(env).workdir(workdir).user(user)
                .interactive(interactive).tty(tty).remove(remove).userns(userns)
                .resources(new Resources(memory, memorySwap, cpus, cpuShares, pidsLimit))
                .mounts(mountSpecs())
                .network(network).publish(publish.stream().map(PortMapping::parse).toList()).publishAll(publishAll)
                .build();
    }

    /** -v, then --mount, then --tmpfs, each read as Docker reads it; a bad one is refused before anything is made. */
    private List<MountSpec> mountSpecs() {
        List<MountSpec> all = new ArrayList<>();
        for (String v : volumes) all.add(MountParser.volume(v));
        for (String m : mounts) all.add(MountParser.mount(m));
        for (String t : tmpfs) all.add(MountParser.tmpfs(t));
        MountParser.checkTargets(all);
        return all;
    }

    /** "64m" to bytes, with Docker's error for anything else. */
    public static final class SizeConverter implements ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            try {
                return Sizes.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    /** Like {@link SizeConverter}, and -1 for unlimited. */
    public static final class SwapConverter implements ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            return value.trim().equals("-1") ? -1L : new SizeConverter().convert(value);
        }
    }
}
