package jlab.engine.containerfs;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jlab.engine.ContainerSpec;
import jlab.engine.Engine;
import jlab.engine.EngineException;
import jlab.engine.image.ConfigChange;
import jlab.engine.image.ContainerChanges;
import jlab.engine.image.Descriptor;
import jlab.engine.image.ImageConfig;
import jlab.engine.image.ImageStore;
import jlab.engine.image.Leases;
import jlab.engine.image.StoredImage;
import jlab.engine.running.Freezer;
import jlab.engine.running.LiveContainer;

/**
 * {@code jlab commit}: a container's changes become a new image on top of its own, as
 * {@code docker commit} does. The new image's layers are the old image's and one more, the container's
 * upper directory written as a layer tar ({@link ContainerChanges#writeLayer}: a deleted file becomes a
 * {@code .wh.} whiteout, which hides the lower layer's copy in every container of the new image). Its
 * settings are the container's: the image's, with what {@code run} changed (the command, {@code -e},
 * {@code -w}, {@code -u}), then each {@code --change}. A running container is frozen (the cgroup freezer,
 * as {@code pause}) while its upper directory is read, so that the layer is one moment of it, and thawed
 * after, as Docker pauses it by default; {@code --pause=false} reads it as it runs.
 */
public final class Commit {
    /**
     * @param message {@code -m}: the history entry's comment
     * @param author  {@code -a}: the config's author
     * @param changes {@code -c}: Dockerfile instructions applied to the settings
     * @param pause   freeze a running container while its changes are read
     * @param tag     the new image's name ({@code web:2}), or null: untagged
     */
    public record Options(String message, String author, List<String> changes, boolean pause, String tag) {
        public Options {
            changes = changes == null ? List.of() : List.copyOf(changes);
        }
    }

    private final Engine engine;

    public Commit(Engine engine) { this.engine = engine; }

    /** Makes the image; returns it (its ID is what {@code jlab commit} prints). */
    public StoredImage commit(String idOrName, Options o) {
        if (o.tag() != null) jlab.engine.image.Reference.parse(o.tag());
        ContainerFiles files = ContainerFiles.of(engine, idOrName);
        if (files.config().imageId() == null) {
            throw new EngineException("container " + files.container().record().shortId() + " runs a directory (--rootfs "
                    + files.config().spec().rootfs() + "), not an image: there is nothing to commit on top of (jlab export"
                    + " it, then jlab import the tar)", LiveContainer.REFUSED);
        }
        ImageStore images = engine.images();
        StoredImage base = images.require(files.config().imageId());
        ImageConfig.Settings settings = ConfigChange.applyAll(settingsOf(base, files), o.changes());
        LiveContainer c = files.container();
        boolean frozen = false;
        try (Leases.Lease lease = images.leases().open()) {
            if (o.pause() && c.running() && !c.paused()) {
                Freezer.pause(c);
                frozen = true;
            }
            ContainerChanges changes = files.changes();
            Descriptor layer = changes.list().isEmpty() ? null : changes.writeLayer(images, lease);
            if (frozen) {
                Freezer.unpause(c);
                frozen = false;
            }
            String created = ImageStore.timestamp(Instant.now());
            String createdBy = String.join(" ", c.record().command());
            ImageConfig child = base.config().child(created, createdBy, layer == null ? null : layer.digest(), settings);
            List<ImageConfig.History> history = new ArrayList<>(child.historyOrEmpty());
            ImageConfig.History last = history.remove(history.size() - 1);
            history.add(new ImageConfig.History(last.created(), last.createdBy(), o.message(), last.emptyLayer()));
            ImageConfig config = new ImageConfig(created, o.author(), child.architecture(), child.os(), settings,
                    child.rootfs(), history);
            List<Descriptor> layers = new ArrayList<>(base.manifestBody().layers());
            if (layer != null) layers.add(layer);
            return images.add(config, layers, base.id().toString(), false, o.tag() == null ? List.of() : List.of(o.tag()), lease);
        } finally {
            if (frozen) Freezer.unpause(c);
        }
    }

    /** The container's settings, as Docker's commit takes them: the image's, with what run changed. */
    private static ImageConfig.Settings settingsOf(StoredImage base, ContainerFiles files) {
        ImageConfig.Settings s = base.config().settings();
        ContainerSpec spec = files.config().spec();
        if (!spec.command().isEmpty()) s = s.withCmd(spec.command());
        for (String e : spec.env()) {
            int eq = e.indexOf('=');
            if (eq > 0) s = s.withEnvVar(e.substring(0, eq), e.substring(eq + 1));
        }
        if (spec.workdir() != null) s = s.withWorkingDir(spec.workdir());
        if (spec.user() != null) s = s.withUser(spec.user());
        return s;
    }
}
