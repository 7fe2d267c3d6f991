package jlab.engine.image;

/**
 * How a layer says "deleted", in its two spellings.
 *
 * <p>In a layer's tar (the OCI image spec, and Docker's): an empty file {@code .wh.NAME} means NAME,
 * present in a lower layer, is gone; an empty file {@code .wh..wh..opq} in a directory means the
 * directory is "opaque": nothing of the lower layers' copies of it shows through.
 *
 * <p>On disk, in an overlayfs layer directory: a whiteout is a character device with device number
 * 0/0 named NAME, and an opaque directory carries the extended attribute
 * {@code trusted.overlay.opaque="y"}. The kernel writes these in a container's upper directory when
 * the container deletes a file or replaces a directory; jlab writes them when it unpacks a layer,
 * so that stacked as a lowerdir the layer hides what it deleted.
 */
final class Whiteouts {
    static final String PREFIX = ".wh.";
    static final String OPAQUE_MARKER = ".wh..wh..opq";
    static final String OPAQUE_XATTR = "trusted.overlay.opaque";

    private Whiteouts() {}
}
