package jlab.engine.step;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;

import jlab.engine.state.ContainerStore;

/** Makes the container's directories on the host: the overlay's upper and work, and its mount point. */
public final class ContainerDirStep implements Step {
    @Override
    public String name() { return "directories"; }

    @Override
    public Explanation explain(ContainerBuild b) {
        return new Explanation(
                "Make the container's own directories: upper/ will receive every file it writes, work/ is overlayfs's"
                        + " scratch space, rootfs/ is where its root will be mounted.",
                "mkdir(\"" + b.paths().upper() + "\", 0755) ...",
                "mkdir -p " + b.paths().upper() + " " + b.paths().work() + " " + b.paths().rootfs(),
                "ls " + b.paths().dir());
    }

    @Override
    public void apply(ContainerBuild b) {
        try {
            Files.createDirectories(b.paths().upper());
            Files.createDirectories(b.paths().work());
            Files.createDirectories(b.paths().rootfs());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + b.paths().dir() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void undo(ContainerBuild b) {
        ContainerStore.deleteTree(b.paths().upper());
        ContainerStore.deleteTree(b.paths().work());
        ContainerStore.deleteTree(b.paths().rootfs());
    }

    @Override
    public boolean inHelper() { return false; }
}
