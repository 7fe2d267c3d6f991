package jlab.engine.image;

import java.nio.file.Path;
import java.util.List;

/**
 * A root filesystem and how to start a container from it.
 *
 * @param name           what the user called it: {@code busybox}, or a directory for --rootfs
 * @param rootfs         the directory the overlay uses, read-only, as its lower layer
 * @param defaultCommand Docker's CMD: run when the user gives no command (may be empty)
 * @param env            the image's environment, {@code NAME=value}
 * @param workdir        the default working directory
 */
public record Image(String name, Path rootfs, List<String> defaultCommand, List<String> env, String workdir) {
    public static final String DEFAULT_PATH = "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    public Image {
        defaultCommand = List.copyOf(defaultCommand);
        env = List.copyOf(env);
    }
}
