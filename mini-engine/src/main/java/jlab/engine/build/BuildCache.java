package jlab.engine.build;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import jlab.engine.image.ImageConfig;
import jlab.engine.image.ImageStore;
import jlab.engine.image.StoredImage;

/**
 * The build cache is the image store itself, as in Docker's classic builder: every step's image is
 * kept (an "intermediate" image, {@code images -a} shows them), its index entry names its parent
 * ({@code jlab.parent}), and its last line of history is the step's {@code created_by}. A step is
 * in the cache when an image has the step's parent for parent and the step's line for its last
 * history line — the line holds everything else the result depends on: the command and the ARG
 * values for RUN, a digest of the files for COPY and ADD, the value for ENV. The rest (ENV, USER,
 * WORKDIR before it) is in the parent's configuration, so in the parent's ID.
 *
 * <p>A candidate must also extend its parent by exactly one history line and keep its layers
 * below its own: an image loaded from elsewhere that happens to carry the same line is not taken.
 * For a step that changes only the configuration, the configuration must be the one the step
 * computes too (see {@link ConfigStep}).
 */
final class BuildCache {
    private final ImageStore store;

    BuildCache(ImageStore store) { this.store = store; }

    /**
     * The image a step made before from {@code state}'s image, if any. {@code settings}: the
     * configuration a {@link ConfigStep} computed, which the image must have; null for other steps.
     */
    Optional<StoredImage> find(BuildState state, String createdBy, ImageConfig.Settings settings) {
        List<ImageConfig.History> parentHistory = state.config().historyOrEmpty();
        List<String> parentLayers = state.config().diffIds();
        for (StoredImage s : store.list()) {
            if (!Objects.equals(s.parent(), state.imageId())) continue;
            List<ImageConfig.History> h = s.config().historyOrEmpty();
            if (h.size() != parentHistory.size() + 1 || !createdBy.equals(h.get(h.size() - 1).createdBy())) continue;
            if (settings != null && !settings.equals(s.config().settings())) continue;
            List<String> layers = s.config().diffIds();
            if (layers.size() < parentLayers.size() || !layers.subList(0, parentLayers.size()).equals(parentLayers)) continue;
            return Optional.of(s);
        }
        return Optional.empty();
    }
}
