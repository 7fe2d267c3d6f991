package jlab.engine.step;

import java.nio.file.Files;

/** Mount points a container needs but an image may lack. */
final class Dirs {
    private Dirs() {}

    /**
     * Makes {@code inContainer} (e.g. "/proc") unless the image already has it.
     * Asked of the host first (no round trip): the image's directory is readable here.
     * When made, it is made through the overlay, so it lands in the container's upper dir.
     */
    static void ensure(ContainerBuild b, String inContainer, String mode) {
        if (Files.isDirectory(b.image().rootfs().resolve(inContainer.substring(1)))) return;
        b.helper().call("mkdir", b.path(inContainer), mode);
    }
}
