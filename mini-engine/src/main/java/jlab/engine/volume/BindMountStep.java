package jlab.engine.volume;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import jlab.engine.EngineException;
import jlab.engine.step.ContainerBuild;
import jlab.engine.step.Explanation;

/**
 * {@code -v /srv/site:/www[:ro]}, {@code --mount type=bind,...}: a host directory (or file) appears inside
 * the container. Nothing is copied: the container and the host see the very same inodes, so a write on one
 * side shows on the other at once — unless it is read-only (see {@link BindCalls} for why that takes a
 * second call).
 */
public final class BindMountStep extends UserMountStep {
    public BindMountStep(MountSpec mount) { super(mount); }

    @Override
    public String name() { return "bind " + mount.source() + ":" + mount.target() + (mount.readOnly() ? ":ro" : ""); }

    @Override
    public Explanation explain(ContainerBuild b) {
        String target = planned(b, mount.target());
        return new Explanation(
                "Bind-mount the host's " + mount.source() + " at " + mount.target() + (mount.readOnly() ? ", read-only" : "")
                        + ": the same files, seen from inside; writes go to the host" + (mount.readOnly() ? " (here refused)" : "")
                        + "." + (mount.readOnly() ? READ_ONLY : "") + RESOLVED,
                BindCalls.syscalls(mount.source(), target, mount.readOnly()),
                BindCalls.shell(mount.source(), target, mount.readOnly()),
                lookAt(b));
    }

    @Override
    public void apply(ContainerBuild b) {
        Path source = Path.of(mount.source());
        if (!Files.exists(source)) {
            if (!mount.createHostDir()) {
                throw new EngineException("invalid mount config for type \"bind\": bind source path does not exist: "
                        + source + " (create it, or use -v, which creates a missing directory)");
            }
            try {
                Files.createDirectories(source); // as Docker does for -v (not for --mount): the host keeps it
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create the host directory " + source + ": " + e.getMessage(), e);
            }
        }
        TargetResolver r = resolver(b);
        String resolved = r.resolve(mount.target());
        r.ensure(resolved, Files.isDirectory(source));
        b.helper().pipeline(BindCalls.requests(mount.source(), b.path(resolved), mount.readOnly()));
    }
}
