package jlab.engine.state;

import jlab.engine.ContainerSpec;

/**
 * {@code containers/ID/config.json}: what the container was asked to be,
 * written once at create. Any later jlab process rebuilds the container's
 * build (and so its plan) from it: to start it, and to undo on the host what
 * its steps made, when it is not the process that made them.
 *
 * @param imageName   the image as resolved at create ({@code busybox}, or the --rootfs directory)
 */
public record ContainerConfig(String id, String name, ContainerSpec spec, String imageName) {}
