package jlab.engine.running;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import jlab.engine.ContainerSpec;
import jlab.engine.Engine;
import jlab.engine.EngineException;
import jlab.engine.image.Image;
import jlab.engine.image.Passwd;
import jlab.engine.plan.Plan;
import jlab.engine.plan.StepListener;
import jlab.engine.step.ContainerBuild;
import jlab.engine.step.ExecStep;
import jlab.kernel.KernelException;
import jlab.kernel.helper.Helper;
import jlab.kernel.syscall.Syscalls;

/**
 * {@code jlab exec}: runs a command in a running container, with the
 * container's environment, user, working directory and capabilities (each
 * of which the options may change), and returns its exit code.
 */
public final class Exec {
    private final Engine engine;

    public Exec(Engine engine) { this.engine = engine; }

    /** An exec ready to run: the build its steps share, and the plan. Nothing is made yet. */
    public record Prepared(ContainerBuild build, Plan plan, boolean detach, long targetPid) {}

    /**
     * Checks everything that can be checked before touching the kernel: the
     * container runs and is not paused, the user exists in its /etc/passwd.
     */
    public Prepared prepare(String idOrName, ExecOptions o) {
        LiveContainer c = LiveContainer.find(engine, idOrName).requireRunning();
        if (c.paused()) {
            throw new EngineException("Container " + idOrName + " is paused, unpause the container before exec",
                    LiveContainer.REFUSED);
        }
        if (o.command().isEmpty()) throw new EngineException("\"jlab exec\" requires a command: jlab exec CONTAINER COMMAND [ARG...]");
        ContainerSpec spec = specFor(c.requireSpec(), o);
        Image image = c.image(engine);
        Image seen = seenThrough(image, c.pid());
        if (o.tty() && o.interactive() && !Syscalls.get().isatty(0)) {
            throw new EngineException("the input device is not a TTY: drop -t to pipe input in, or run jlab from a terminal");
        }
        ContainerBuild build = new ContainerBuild(c.record().id(), c.record().name(), spec, seen, engine.stateDir(),
                engine.cgroups(), engine.helperBinary());
        ExecStep.command(build);
        Passwd.resolve(seen, spec.user() != null ? spec.user() : image.user());
        return new Prepared(build, ExecPlan.forContainer(c, o), o.detach(), c.pid());
    }

    /**
     * The image as exec sees it: the container's files as they are now (its overlay, with what it
     * wrote), read from the host through its PID 1 — /etc/passwd for -u is read there, as Docker
     * reads it in the container — and without the image's ENTRYPOINT: {@code docker exec} runs the
     * command as typed ({@code exec web ls} in an image whose entrypoint is httpd runs ls).
     */
    static Image seenThrough(Image image, long pid) {
        return new Image(image.name(), image.id(), List.of(Path.of("/proc", Long.toString(pid), "root")),
                image.settings().withEntrypoint(null));
    }

    /**
     * The container's spec with the exec's changes: its command, the
     * container's environment then -e, -w and -u if given, -i and -t.
     */
    static ContainerSpec specFor(ContainerSpec c, ExecOptions o) {
        List<String> env = new ArrayList<>(c.env());
        env.addAll(o.env());
        return ContainerSpec.builder().name(c.name()).image(c.image()).rootfs(c.rootfs()).command(o.command())
                .env(env).workdir(o.workdir() != null ? o.workdir() : c.workdir()).hostname(c.hostname())
                .user(o.user() != null ? o.user() : c.user()).interactive(o.interactive()).tty(o.tty())
                .resources(c.resources()).userns(c.userns()).build();
    }

    /**
     * Runs it. In the foreground: waits, and returns the command's exit code
     * (the helper's reaper relays it). Detached: returns 0 once the command
     * runs; a daemon thread reaps the helper when it ends.
     */
    public int run(Prepared p, StepListener listener) {
        ContainerBuild b = p.build();
        boolean detached = false;
        try {
            try {
                p.plan().applyAll(b, listener);
            } catch (KernelException e) {
                // PID 1 exited since prepare: its /proc/PID/ns files are gone. Docker's line, not the syscall's.
                if (!ProcessHandle.of(p.targetPid()).isPresent()) {
                    throw new EngineException("Container " + b.id() + " is not running", LiveContainer.REFUSED, e);
                }
                throw e;
            }
            listener.started(b);
            if (p.detach()) {
                reapInBackground(b.helper());
                detached = true;
                return 0;
            }
            return b.helper().waitFor();
        } finally {
            // The helper is the only thing an exec makes: undo reaps it (or kills it, if a step failed).
            if (!detached) p.plan().undoApplied(b, step -> true);
        }
    }

    private static void reapInBackground(Helper helper) {
        Thread t = new Thread(helper::waitFor, "reap exec " + helper.pid());
        t.setDaemon(true);
        t.start();
    }
}
