package jlab.engine.containerfs;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;

import jlab.engine.Engine;
import jlab.engine.EngineException;
import jlab.engine.image.ContainerChanges;
import jlab.engine.image.Image;
import jlab.engine.image.RootfsExport;
import jlab.engine.running.LiveContainer;
import jlab.engine.state.ContainerConfig;

/**
 * One container's files: its upper directory (kept from create to {@code rm}, running or exited) over
 * the layers of the image it was made from.
 *
 * @param config what the container was made from (config.json): its image's ID and name
 * @param image  that image, its layers unpacked
 * @param upper  {@code containers/ID/upper}: every file it wrote, a whiteout for every file it deleted
 */
public record ContainerFiles(LiveContainer container, ContainerConfig config, Image image, Path upper) {
    /** The container called {@code idOrName}: Docker's "No such container" (exit 1) if there is none. */
    public static ContainerFiles of(Engine engine, String idOrName) {
        LiveContainer c = LiveContainer.find(engine, idOrName);
        ContainerConfig config = engine.containers().loadConfig(c.record().id()).orElseThrow(() -> new EngineException(
                "container " + c.record().shortId() + " has no config.json (it was being created, or an older jlab made"
                        + " it): jlab rm it", LiveContainer.REFUSED));
        Image image = engine.images().forConfig(config);
        return new ContainerFiles(c, config, image, engine.stateDir().container(c.record().id()).upper());
    }

    /** {@code jlab diff}: what it added, changed and deleted. */
    public ContainerChanges changes() { return new ContainerChanges(upper, image); }

    /** {@code jlab export}: its whole root, merged, as one tar. */
    public void export(OutputStream out) throws IOException { RootfsExport.write(image, upper, out); }
}
