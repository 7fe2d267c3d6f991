package jlab.shell.command;

import java.util.ArrayList;
import java.util.List;

import jlab.engine.plan.StepListener;
import jlab.engine.step.ContainerBuild;
import jlab.engine.step.Step;
import jlab.kernel.syscall.Syscalls;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * While a container runs in the foreground, Ctrl-C and SIGTERM sent to jlab are
 * passed on to the container's PID 1, as {@code docker run} does (its
 * "sig-proxy"): the container decides what to do with them. Note that PID 1
 * ignores any signal it installed no handler for — the kernel protects a
 * namespace's init — so {@code sleep} as PID 1 does not die of Ctrl-C.
 * Before the container runs, a signal stops jlab as usual.
 */
final class SignalForwarder implements AutoCloseable {
    private static final String[] SIGNALS = {"INT", "TERM", "HUP"};

    private final List<Signal> installed = new ArrayList<>();
    private final List<SignalHandler> previous = new ArrayList<>();
    private volatile long target;

    StepListener around(StepListener inner) {
        return new StepListener() {
            @Override
            public void before(int index, Step step, ContainerBuild build) { inner.before(index, step, build); }

            @Override
            public void after(int index, Step step, ContainerBuild build, long nanos) {
                inner.after(index, step, build, nanos);
            }

            @Override
            public void started(ContainerBuild build) {
                inner.started(build);
                install(build.processPid());
            }
        };
    }

    private void install(long pid) {
        target = pid;
        for (String name : SIGNALS) {
            try {
                Signal sig = new Signal(name);
                previous.add(Signal.handle(sig, s -> Syscalls.get().kill(target, s.getNumber())));
                installed.add(sig);
            } catch (IllegalArgumentException e) {
                // the JVM reserves this signal (e.g. with -Xrs): leave it alone
            }
        }
    }

    @Override
    public void close() {
        for (int i = 0; i < installed.size(); i++) Signal.handle(installed.get(i), previous.get(i));
        installed.clear();
        previous.clear();
    }
}
