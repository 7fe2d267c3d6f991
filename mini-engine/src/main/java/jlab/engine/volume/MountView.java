package jlab.engine.volume;

/**
 * One of a container's mounts as {@code inspect} shows it (Docker's "Mounts"): what the user asked for,
 * with the volume's name and directory filled in.
 *
 * @param type        bind, volume or tmpfs
 * @param name        the volume's name (an anonymous one's derived name); null for bind and tmpfs
 * @param source      the host path (a bind's, a volume's _data); null for tmpfs
 * @param destination the path inside the container
 * @param rw          false when mounted read-only
 */
public record MountView(String type, String name, String source, String destination, boolean rw) {

    /** The view of container {@code containerId}'s mount {@code m}, with volumes kept in {@code store}. */
    public static MountView of(MountSpec m, String containerId, VolumeStore store) {
        return switch (m.type()) {
            case BIND -> new MountView("bind", null, m.source(), m.target(), !m.readOnly());
            case VOLUME -> {
                String name = VolumeStore.nameFor(m, containerId);
                yield new MountView("volume", name, store.data(name).toString(), m.target(), !m.readOnly());
            }
            case TMPFS -> new MountView("tmpfs", null, null, m.target(), !m.readOnly());
        };
    }
}
