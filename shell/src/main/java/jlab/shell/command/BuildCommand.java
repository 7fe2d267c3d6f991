package jlab.shell.command;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import jlab.engine.EngineException;
import jlab.engine.build.BuildOptions;
import jlab.engine.build.ImageBuild;
import jlab.engine.build.Progress;
import jlab.engine.image.StoredImage;
import jlab.shell.Session;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jlab build}: Docker's verb and flags, on jlab's image store. */
@Command(name = "build", sortOptions = false,
        description = "Build an image from a Dockerfile: each instruction a step, each RUN a real container, each step"
                + " kept as the cache of the next build.",
        customSynopsis = "jlab build [OPTIONS] PATH",
        footer = {"", "PATH is the build context: COPY and ADD read its files, nothing outside it",
                "(.dockerignore leaves some out); the Dockerfile: PATH/Dockerfile, or -f FILE.",
                "", "Instructions: FROM (a local image, busybox, scratch; AS NAME), RUN, COPY",
                "(--from, --chown, --chmod), ADD (a local tar is unpacked; no URL), ENV, ARG,",
                "WORKDIR, USER, EXPOSE, LABEL, VOLUME, CMD, ENTRYPOINT, SHELL, STOPSIGNAL.",
                "A failed build exits 1, as docker build does.",
                "", "Examples:",
                "  jlab build -t web:1 .",
                "  jlab build -t web:1 -f web.Dockerfile --build-arg VERSION=2 site/",
                "  jlab build --no-cache -q .            # prints only the image's ID",
                "  jlab run --rm web:1                   # then run it"})
public final class BuildCommand implements Callable<Integer> {
    private final Session session;

    @Option(names = {"-t", "--tag"}, paramLabel = "NAME[:TAG]", description = "Name the image (repeatable).")
    List<String> tags = new ArrayList<>();
    @Option(names = {"-f", "--file"}, paramLabel = "FILE", description = "The Dockerfile (default: PATH/Dockerfile).")
    Path file;
    @Option(names = "--build-arg", paramLabel = "NAME=VALUE",
            description = "A value for an ARG (NAME alone: the value of jlab's own environment variable).")
    List<String> buildArgs = new ArrayList<>();
    @Option(names = "--no-cache", description = "Build every step again, whatever the cache holds.") boolean noCache;
    @Option(names = {"-q", "--quiet"}, description = "Print only the image's ID (and, if the build fails, what it printed).")
    boolean quiet;
    @Option(names = "--target", paramLabel = "STAGE", description = "Build up to this stage (FROM IMAGE AS STAGE) and stop.")
    String target;
    @Option(names = "--network", paramLabel = "NETWORK", description = "The network of RUN's containers: bridge (default),"
            + " none, host, or a network's name.")
    String network = "bridge";
    @Option(names = "--help", usageHelp = true, description = "Show this help.") boolean help;
    @Parameters(index = "0", paramLabel = "PATH", description = "The build context: a directory.") Path context;

    public BuildCommand(Session session) { this.session = session; }

    @Override
    public Integer call() {
        BuildOptions options = new BuildOptions(context, file, buildArgs(), tags, noCache, quiet, network, target);
        Progress progress = new Progress(session.out(), quiet);
        session.out().flush();
        StoredImage image;
        try (SignalForwarder forwarder = new SignalForwarder()) {
            image = new ImageBuild(session.engine(), options, progress, forwarder.around(jlab.engine.plan.StepListener.NONE)).run();
        } catch (RuntimeException e) {
            session.err().print(progress.buffered()); // -q: what the build printed, as Docker shows it on failure
            throw e;
        }
        if (quiet) session.out().println(image.id());
        return 0;
    }

    /** --build-arg NAME=VALUE, or NAME alone for the variable of jlab's environment (left out if unset). */
    private Map<String, String> buildArgs() {
        Map<String, String> out = new LinkedHashMap<>();
        for (String a : buildArgs) {
            int eq = a.indexOf('=');
            if (eq == 0) {
                throw new EngineException("--build-arg " + a + ": give NAME=VALUE");
            }
            if (eq > 0) {
                out.put(a.substring(0, eq), a.substring(eq + 1));
            } else if (System.getenv(a) != null) {
                out.put(a, System.getenv(a));
            }
        }
        return out;
    }
}
