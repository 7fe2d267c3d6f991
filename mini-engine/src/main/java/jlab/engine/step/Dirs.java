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
        if (b.image().file(inContainer).filter(Files::isDirectory).isPresent()) return;
        b.helper().call("mkdir", b.path(inContainer), mode);
    }
}
