package jlab.engine;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import jlab.engine.network.NetworkConfig;
import jlab.engine.network.PortMapping;
import jlab.engine.volume.MountSpec;

/**
 * What the user asked for: {@code jlab run [flags] IMAGE [COMMAND...]}, as data.
 * The engine turns it into a plan of steps.
 *
 * @param name        --name, or null for a generated one
 * @param image       the image's name, or null when {@code rootfs} is given
 * @param rootfs      --rootfs: a directory used as the image
 * @param command     the command and its arguments; empty means the image's default
 * @param env         -e NAME=value, in order (later ones win)
 * @param workdir     -w, or null for the image's
 * @param hostname    --hostname, or null for the container's short id (as Docker does)
 * @param user        --user uid[:gid] or name[:group], or null for root
 * @param interactive -i: keep standard input open (otherwise it reads /dev/null)
 * @param tty         -t: a terminal for the container
 * @param remove      --rm: remove everything when it exits
 * @param resources   cgroup limits
 * @param userns      --userns: a user namespace in which root is an unprivileged id of the host
 * @param mounts      -v, --mount, --tmpfs: bind mounts, volumes and tmpfs, in the order given
 * @param detach      -d: run in the background, under a supervisor of its own, and outlive jlab
 * @param restart     --restart: what to do when its command exits on its own
 * @param network     --network: "bridge" (the default, as Docker), "none", "host", or a user-defined network's name
 * @param publish     -p: host ports forwarded to the container's (on a bridge network)
 * @param publishAll  -P: publish every port the image exposes, on free host ports
 * @param entrypoint  --entrypoint: replaces the image's ENTRYPOINT and drops its CMD ("" clears both); null: the image's
 */
public record ContainerSpec(String name, String image, Path rootfs, List<String> command, List<String> env,
                            String workdir, String hostname, String user, boolean interactive, boolean tty,
                            boolean remove, Resources resources, boolean userns, List<MountSpec> mounts,
                            boolean detach, RestartPolicy restart, String network, List<PortMapping> publish,
                            boolean publishAll, String entrypoint) {

    /** The same spec with other published ports: -P adds the image's exposed ones. */
    public ContainerSpec withPublish(List<PortMapping> ports) {
        return new ContainerSpec(name, image, rootfs, command, env, workdir, hostname, user, interactive, tty, remove,
                resources, userns, mounts, detach, restart, network, ports, publishAll, entrypoint);
    }

    /** The same spec with other mounts: an image's VOLUMEs add anonymous volumes. */
    public ContainerSpec withMounts(List<MountSpec> other) {
        return new ContainerSpec(name, image, rootfs, command, env, workdir, hostname, user, interactive, tty, remove,
                resources, userns, other, detach, restart, network, publish, publishAll, entrypoint);
    }

    public ContainerSpec {
        command = List.copyOf(command);
        env = List.copyOf(env);
        mounts = mounts == null ? List.of() : List.copyOf(mounts);
        if (resources == null) resources = Resources.NONE;
        if (restart == null) restart = RestartPolicy.NO;
        if (remove && restart.restarts()) {
            throw new EngineException("conflicting options: --restart " + restart + " and --rm: a removed container"
                    + " cannot be restarted (drop one of them)");
        }
        if (network == null || network.isBlank()) network = NetworkConfig.DEFAULT;
        publish = publish == null ? List.of() : List.copyOf(publish);
        if ((image == null) == (rootfs == null)) {
            throw new IllegalArgumentException("a container needs an image or a rootfs, not both");
        }
    }

    public static Builder builder() { return new Builder(); }

    /** Builds a spec field by field; the CLI's flags map one to one onto these setters. */
    public static final class Builder {
        private String name;
        private String image;
        private Path rootfs;
        private List<String> command = new ArrayList<>();
        private List<String> env = new ArrayList<>();
        private String workdir;
        private String hostname;
        private String user;
        private boolean interactive;
        private boolean tty;
        private boolean remove;
        private Resources resources = Resources.NONE;
        private boolean userns;
        private List<MountSpec> mounts = new ArrayList<>();
        private boolean detach;
        private RestartPolicy restart = RestartPolicy.NO;
        private String network;
        private List<PortMapping> publish = new ArrayList<>();
        private boolean publishAll;
        private String entrypoint;

        public Builder name(String v) { name = v; return this; }
        public Builder image(String v) { image = v; return this; }
        public Builder rootfs(Path v) { rootfs = v; return this; }
        public Builder command(List<String> v) { command = new ArrayList<>(v); return this; }
        public Builder command(String... v) { return command(List.of(v)); }
        public Builder env(List<String> v) { env = new ArrayList<>(v); return this; }
        public Builder workdir(String v) { workdir = v; return this; }
        public Builder hostname(String v) { hostname = v; return this; }
        public Builder user(String v) { user = v; return this; }
        public Builder interactive(boolean v) { interactive = v; return this; }
        public Builder tty(boolean v) { tty = v; return this; }
        public Builder remove(boolean v) { remove = v; return this; }
        public Builder resources(Resources v) { resources = v; return this; }
        public Builder userns(boolean v) { userns = v; return this; }
        public Builder mounts(List<MountSpec> v) { mounts = new ArrayList<>(v); return this; }
        public Builder detach(boolean v) { detach = v; return this; }
        public Builder restart(RestartPolicy v) { restart = v; return this; }
        public Builder network(String v) { network = v; return this; }
        public Builder publish(List<PortMapping> v) { publish = new ArrayList<>(v); return this; }
        public Builder publishAll(boolean v) { publishAll = v; return this; }
        public Builder entrypoint(String v) { entrypoint = v; return this; }

        public ContainerSpec build() {
            return new ContainerSpec(name, image, rootfs, command, env, workdir, hostname, user, interactive, tty,
                    remove, resources, userns, mounts, detach, restart, network, publish, publishAll, entrypoint);
        }
    }
}
