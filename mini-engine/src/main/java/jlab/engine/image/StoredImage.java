package jlab.engine.image;

import java.util.List;
import java.util.Map;

/**
 * An image in jlab's store, as {@code jlab images} lists it.
 *
 * @param id          the digest of its config: Docker's IMAGE ID
 * @param manifest    the digest of its manifest
 * @param tags        its tags ({@code web:1}); none for a dangling image or a build step's
 * @param parent      the image a build step started from (null for one loaded, imported or built-in)
 * @param intermediate the image of one step of a build, kept as its cache ({@code images -a} shows it)
 * @param size        the bytes of its layers' tars
 */
public record StoredImage(Digest id, Digest manifest, Manifest manifestBody, ImageConfig config, List<String> tags,
                          String parent, boolean intermediate, long size, Map<String, String> annotations) {
    public StoredImage {
        tags = List.copyOf(tags);
    }

    public boolean dangling() { return tags.isEmpty() && !intermediate; }

    /** "web:1", or the short id of an image with no tag. */
    public String displayName() { return tags.isEmpty() ? id.shortHex() : tags.get(0); }
}
