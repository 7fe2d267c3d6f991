package jlab.shell.command;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import jlab.engine.ContainerSpec;
import jlab.engine.EngineException;
import jlab.engine.Resources;
import jlab.engine.RestartPolicy;
import jlab.engine.network.PortMapping;
import jlab.engine.volume.MountParser;
import jlab.engine.volume.MountSpec;
import jlab.shell.Sizes;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.TypeConversionException;

/** The flags that say what a container is, shared by {@code run} and {@code create}, with Docker's names. */
abstract class ContainerFlags {
    @Option(names = "--rm", description = "Remove the container when it exits.") boolean remove;
    @Option(names = "--name", paramLabel = "NAME", description = "Name the container.") String name;
    @Option(names = {"-h", "--hostname"}, paramLabel = "NAME", description = "The container's hostname (default: its short id).") String hostname;
    @Option(names = {"-e", "--env"}, paramLabel = "NAME[=VALUE]", description = "Set an environment variable (NAME alone: take jlab's value).") List<String> env = new ArrayList<>();
    @Option(names = "--entrypoint", paramLabel = "CMD", description = "Run CMD instead of the image's ENTRYPOINT, without its CMD (\"\": neither).") String entrypoint;
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
    @Option(names = "--restart", paramLabel = "POLICY", description = "When it exits on its own: no (default), on-failure[:N], always.") String restart = "no";
    @Option(names = "--rootfs", paramLabel = "DIR", description = "Use a directory as the image.") Path rootfs;

    @Parameters(paramLabel = "IMAGE|COMMAND", arity = "0..*") List<String> positional = new ArrayList<>();

    /** The verb, for messages: "run", "create". */
    abstract String verb();

    /** Whether the container runs detached (create: always; run: with -d). */
    abstract boolean detached();

    ContainerSpec spec() {
        ContainerSpec.Builder b = ContainerSpec.builder();
        List<String> rest = new ArrayList<>(positional);
        if (rootfs != null) {
            b.rootfs(rootfs);
        } else {
            if (rest.isEmpty()) {
                throw new EngineException("\"jlab " + verb() + "\" requires an image: jlab " + verb()
                        + " [OPTIONS] IMAGE [COMMAND] (try: busybox)");
            }
            b.image(rest.remove(0));
        }
        return b.command(rest).entrypoint(entrypoint).name(name).hostname(hostname).env(env).workdir(workdir).user(user)
                .interactive(interactive).tty(tty).remove(remove).userns(userns)
                .resources(new Resources(memory, memorySwap, cpus, cpuShares, pidsLimit))
                .mounts(mountSpecs())
                .network(network).publish(publish.stream().map(PortMapping::parse).toList()).publishAll(publishAll)
                .detach(detached()).restart(RestartPolicy.parse(restart))
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
