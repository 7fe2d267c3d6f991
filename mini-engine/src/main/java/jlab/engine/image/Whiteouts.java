package jlab.engine.image;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;

import jlab.kernel.syscall.Syscalls;

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
public final class Whiteouts {
    static final String PREFIX = ".wh.";
    static final String OPAQUE_MARKER = ".wh..wh..opq";
    static final String OPAQUE_XATTR = "trusted.overlay.opaque";

    private Whiteouts() {}

    /** Is {@code p} overlayfs's whiteout: a character device 0/0? */
    public static boolean isWhiteout(Path p) {
        try {
            Map<String, Object> a = Files.readAttributes(p, "unix:mode,rdev", LinkOption.NOFOLLOW_LINKS);
            return ((Integer) a.get("mode") & 0170000) == 0020000 && (Long) a.get("rdev") == 0;
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    /** Is the directory {@code dir} opaque ({@code trusted.overlay.opaque="y"}; only root reads "trusted.")? */
    public static boolean isOpaque(Path dir) {
        byte[] v = Syscalls.get().lgetxattr(dir.toString(), OPAQUE_XATTR);
        return v != null && v.length == 1 && v[0] == 'y';
    }
}
