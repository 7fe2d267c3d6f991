package jlab.engine.state;

import jlab.engine.ContainerSpec;

/**
 * {@code containers/ID/config.json}: what the container was asked to be,
 * written once at create. Any later jlab process rebuilds the container's
 * build (and so its plan) from it: to start it, and to undo on the host what
 * its steps made, when it is not the process that made them.
 *
 * @param imageName   the image as resolved at create ({@code busybox}, or the --rootfs directory)
 * @param imageId     the image's ID at create ({@code sha256:...}; null for --rootfs): a container keeps
 *                    its image even when the tag moves to a newer build, as in Docker
 */
public record ContainerConfig(String id, String name, ContainerSpec spec, String imageName, String imageId) {
    /** A config.json written before images had IDs reads with a null imageId. */
    public ContainerConfig(String id, String name, ContainerSpec spec, String imageName) {
        this(id, name, spec, imageName, null);
    }
}
