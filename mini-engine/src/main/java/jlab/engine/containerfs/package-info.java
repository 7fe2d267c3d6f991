/**
 * A container's filesystem seen from the host, for the commands that read it whether the container runs
 * or not: {@code diff} (what it changed), {@code export} (its whole root as one tar) and {@code commit}
 * (its changes as a new image). Each starts from the container's directory, whose {@code upper/} holds
 * every write and deletion until {@code rm}, and from the image its config.json recorded by ID.
 */
package jlab.engine.containerfs;
