package jlab.kernel.helper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.zip.CRC32;

/**
 * The native helper's executable. Maven compiles it (src/main/c/helper) into
 * this jar; at run time it is copied once into a directory of jlab's, under a
 * name that carries its checksum, so two jlab versions never run each other's
 * helper.
 */
public final class HelperBinary {
    private static final String RESOURCE = "/jlab/kernel/helper/jlab-helper";

    private final Path path;

    private HelperBinary(Path path) { this.path = path; }

    public Path path() { return path; }

    /** Extracts the helper into {@code directory} (if not there already) and returns it. */
    public static HelperBinary extractTo(Path directory) {
        byte[] bytes = readResource();
        CRC32 crc = new CRC32();
        crc.update(bytes);
        Path target = directory.resolve(String.format("jlab-helper-%08x", crc.getValue()));
        try {
            if (Files.isExecutable(target) && Files.size(target) == bytes.length) return new HelperBinary(target);
            Files.createDirectories(directory);
            Path tmp = Files.createTempFile(directory, ".jlab-helper", ".tmp");
            Files.write(tmp, bytes);
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
            // A rename is atomic: a concurrent jlab sees the whole file or none.
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return new HelperBinary(target);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot install the native helper in " + directory + ": " + e.getMessage(), e);
        }
    }

    /** A helper built elsewhere (tests, or a developer's own build). */
    public static HelperBinary at(Path path) { return new HelperBinary(path); }

    private static byte[] readResource() {
        try (InputStream in = HelperBinary.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the native helper is missing from the jar (" + RESOURCE
                        + "): rebuild with ./mvnw package, which compiles it with the machine's C compiler");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
