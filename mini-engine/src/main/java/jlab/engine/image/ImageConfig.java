package jlab.engine.image;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * An image's configuration, as the OCI image spec writes it (application/vnd.oci.image.config.v1+json):
 * how to run a container of it ({@code config}: Env, Cmd, Entrypoint, WorkingDir, User, ExposedPorts,
 * Volumes, Labels), the digests of its layers' uncompressed tars ({@code rootfs.diff_ids}, bottom first),
 * and one {@code history} entry per Dockerfile instruction — those that made no layer are
 * {@code empty_layer}. Its digest is the image's ID.
 *
 * Fields this class does not know are ignored when reading; the bytes a tarball brought are kept as
 * they were, so a loaded image keeps its digest.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ImageConfig(@JsonProperty("created") String created,
                          @JsonProperty("author") String author,
                          @JsonProperty("architecture") String architecture,
                          @JsonProperty("os") String os,
                          @JsonProperty("config") Settings config,
                          @JsonProperty("rootfs") RootFs rootfs,
                          @JsonProperty("history") List<History> history) {

    /** What {@code docker run} takes from the image. */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Settings(@JsonProperty("User") String user,
                           @JsonProperty("ExposedPorts") Map<String, Map<String, String>> exposedPorts,
                           @JsonProperty("Env") List<String> env,
                           @JsonProperty("Entrypoint") List<String> entrypoint,
                           @JsonProperty("Cmd") List<String> cmd,
                           @JsonProperty("Volumes") Map<String, Map<String, String>> volumes,
                           @JsonProperty("WorkingDir") String workingDir,
                           @JsonProperty("Labels") Map<String, String> labels,
                           @JsonProperty("StopSignal") String stopSignal,
                           @JsonProperty("Shell") List<String> shell) {
        public static final Settings EMPTY = new Settings(null, null, null, null, null, null, null, null, null, null);

        public Settings {
            exposedPorts = sorted(exposedPorts);
            volumes = sorted(volumes);
            labels = sorted(labels);
            env = env == null ? null : List.copyOf(env);
            entrypoint = entrypoint == null ? null : List.copyOf(entrypoint);
            cmd = cmd == null ? null : List.copyOf(cmd);
            shell = shell == null ? null : List.copyOf(shell);
        }

        public List<String> envOrEmpty() { return env == null ? List.of() : env; }

        public Settings withUser(String v) { return new Settings(v, exposedPorts, env, entrypoint, cmd, volumes, workingDir, labels, stopSignal, shell); }

        public Settings withEnv(List<String> v) { return new Settings(user, exposedPorts, v, entrypoint, cmd, volumes, workingDir, labels, stopSignal, shell); }

        public Settings withEntrypoint(List<String> v) { return new Settings(user, exposedPorts, env, v, cmd, volumes, workingDir, labels, stopSignal, shell); }

        public Settings withCmd(List<String> v) { return new Settings(user, exposedPorts, env, entrypoint, v, volumes, workingDir, labels, stopSignal, shell); }

        public Settings withWorkingDir(String v) { return new Settings(user, exposedPorts, env, entrypoint, cmd, volumes, v, labels, stopSignal, shell); }

        public Settings withStopSignal(String v) { return new Settings(user, exposedPorts, env, entrypoint, cmd, volumes, workingDir, labels, v, shell); }

        /** Docker's "Shell", set by SHELL: the shell form of RUN, CMD and ENTRYPOINT in a build FROM this image. */
        public Settings withShell(List<String> v) { return new Settings(user, exposedPorts, env, entrypoint, cmd, volumes, workingDir, labels, stopSignal, v); }

        public Settings withExposedPort(String port) {
            Map<String, Map<String, String>> m = new TreeMap<>(exposedPorts == null ? Map.of() : exposedPorts);
            m.put(port, Map.of());
            return new Settings(user, m, env, entrypoint, cmd, volumes, workingDir, labels, stopSignal, shell);
        }

        public Settings withVolume(String path) {
            Map<String, Map<String, String>> m = new TreeMap<>(volumes == null ? Map.of() : volumes);
            m.put(path, Map.of());
            return new Settings(user, exposedPorts, env, entrypoint, cmd, m, workingDir, labels, stopSignal, shell);
        }

        public Settings withLabel(String key, String value) {
            Map<String, String> m = new TreeMap<>(labels == null ? Map.of() : labels);
            m.put(key, value);
            return new Settings(user, exposedPorts, env, entrypoint, cmd, volumes, workingDir, m, stopSignal, shell);
        }

        /** {@code ENV NAME=value}: replaces NAME's earlier value, keeps the order of the others. */
        public Settings withEnvVar(String name, String value) {
            List<String> list = new ArrayList<>();
            boolean replaced = false;
            for (String e : envOrEmpty()) {
                if (e.startsWith(name + "=")) {
                    list.add(name + "=" + value);
                    replaced = true;
                } else {
                    list.add(e);
                }
            }
            if (!replaced) list.add(name + "=" + value);
            return withEnv(list);
        }

        private static <V> Map<String, V> sorted(Map<String, V> m) {
            return m == null ? null : new TreeMap<>(m);
        }
    }

    /** {@code rootfs}: always of type "layers"; one diff_id per layer, the lowest first. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record RootFs(@JsonProperty("type") String type, @JsonProperty("diff_ids") List<String> diffIds) {
        public RootFs {
            diffIds = diffIds == null ? List.of() : List.copyOf(diffIds);
        }
    }

    /** One line of {@code jlab history}: the instruction that made a layer, or changed only the config. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record History(@JsonProperty("created") String created,
                          @JsonProperty("created_by") String createdBy,
                          @JsonProperty("comment") String comment,
                          @JsonProperty("empty_layer") Boolean emptyLayer) {
        public boolean isEmptyLayer() { return Boolean.TRUE.equals(emptyLayer); }
    }

    public Settings settings() { return config == null ? Settings.EMPTY : config; }

    public List<History> historyOrEmpty() { return history == null ? List.of() : history; }

    public List<String> diffIds() { return rootfs == null ? List.of() : rootfs.diffIds(); }

    public ImageConfig withSettings(Settings s) { return new ImageConfig(created, author, architecture, os, s, rootfs, history); }

    /** The config of a child image: one more history entry and, with {@code diffId}, one more layer. */
    public ImageConfig child(String createdAt, String createdBy, Digest diffId, Settings s) {
        List<String> ids = new ArrayList<>(diffIds());
        if (diffId != null) ids.add(diffId.toString());
        List<History> h = new ArrayList<>(historyOrEmpty());
        h.add(new History(createdAt, createdBy, null, diffId == null ? Boolean.TRUE : null));
        return new ImageConfig(createdAt, author, architecture, os, s, new RootFs("layers", ids), h);
    }

    /** An image with nothing in it: Dockerfile's {@code FROM scratch}. */
    public static ImageConfig scratch() {
        return new ImageConfig(null, null, hostArchitecture(), "linux", Settings.EMPTY, new RootFs("layers", List.of()), List.of());
    }

    /** The OCI name of this machine's architecture (Go's GOARCH names): amd64, arm64, ... */
    static String hostArchitecture() {
        String a = System.getProperty("os.arch");
        return switch (a) {
            case "amd64", "x86_64" -> "amd64";
            case "aarch64" -> "arm64";
            default -> a;
        };
    }
}
