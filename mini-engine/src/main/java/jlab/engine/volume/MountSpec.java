package jlab.engine.volume;

import java.util.List;

/**
 * One mount the user asked for ({@code -v}, {@code --mount}, {@code --tmpfs}), as data, the way Docker
 * understands it. Saved in the container's config.json, so that a later jlab can find a container's
 * volumes again (for {@code rm -v}, for {@code volume rm}'s "in use").
 *
 * @param type          bind (a host path), volume (a directory jlab keeps), tmpfs (memory)
 * @param source        bind: the host path (absolute); volume: its name, or null for an anonymous
 *                      volume (its name is then derived from the container's id, see {@link VolumeStore#anonymousName});
 *                      tmpfs: null
 * @param target        where it appears in the container: absolute, no "..", not "/"
 * @param readOnly      {@code :ro}, {@code readonly}
 * @param noCopy        do not copy the image's files into an empty volume ({@code nocopy}, {@code volume-nocopy})
 * @param createHostDir bind: make a missing host directory ({@code -v} does, {@code --mount} refuses)
 * @param tmpfsOptions  tmpfs: the options as given ({@code size=64m}, {@code mode=1777}, {@code exec}...)
 */
public record MountSpec(Type type, String source, String target, boolean readOnly, boolean noCopy,
                        boolean createHostDir, List<String> tmpfsOptions) {

    public enum Type { BIND, VOLUME, TMPFS }

    public MountSpec {
        tmpfsOptions = tmpfsOptions == null ? List.of() : List.copyOf(tmpfsOptions);
    }

    public static MountSpec bind(String hostPath, String target, boolean readOnly, boolean createHostDir) {
        return new MountSpec(Type.BIND, hostPath, target, readOnly, false, createHostDir, List.of());
    }

    public static MountSpec volume(String name, String target, boolean readOnly, boolean noCopy) {
        return new MountSpec(Type.VOLUME, name, target, readOnly, noCopy, false, List.of());
    }

    public static MountSpec tmpfs(String target, boolean readOnly, List<String> options) {
        return new MountSpec(Type.TMPFS, null, target, readOnly, false, false, options);
    }

    /** A volume without a name ({@code -v /data}): removed with its container by {@code rm -v} and {@code --rm}. */
    public boolean anonymous() { return type == Type.VOLUME && source == null; }

    /** How deep the target is: parents are mounted before their children ({@code /a} before {@code /a/b}), as Docker sorts them. */
    public int depth() {
        return (int) target.chars().filter(c -> c == '/').count();
    }
}
