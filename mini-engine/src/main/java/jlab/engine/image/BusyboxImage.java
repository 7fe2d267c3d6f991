package jlab.engine.image;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

import jlab.engine.EngineException;
import jlab.engine.state.ContainerStore;

/**
 * The built-in {@code busybox} image, made from the host's static busybox:
 * no network, no registry. One file, {@code /bin/busybox}, plus a symlink per
 * applet ({@code /bin/sh -> busybox}), a few directories and the files a shell
 * expects (/etc/passwd, /etc/group). Like Docker's busybox image, its default
 * command is {@code sh}.
 *
 * It must be the <em>static</em> build (Debian's busybox-static): a dynamic
 * busybox would need the host's libc inside the container.
 */
public final class BusyboxImage {
    public static final String NAME = "busybox";
    static final List<Path> CANDIDATES = List.of(Path.of("/bin/busybox"), Path.of("/usr/bin/busybox"));

    private BusyboxImage() {}

    /** {@code busybox} or {@code busybox:latest} (also with Docker Hub's prefix): the image jlab makes itself. */
    static boolean isBuiltInName(String ref) {
        try {
            return Reference.parse(ref).toString().equals(NAME + ":latest");
        } catch (EngineException e) {
            return false;
        }
    }

    /**
     * A busybox root filesystem at {@code rootfs}, for a lab that asks a
     * student to chroot or pivot_root into one; kept if it is already there.
     */
    public static void buildRootfs(Path rootfs) {
        if (Files.isRegularFile(rootfs.resolve("bin/busybox"))) return;
        build(rootfs);
    }

    /** Builds the rootfs at {@code rootfs} (atomically: a half-built image is never seen). */
    static void build(Path rootfs) {
        Path busybox = findStaticBusybox();
        Path tmp = rootfs.resolveSibling(rootfs.getFileName() + ".building-" + ProcessHandle.current().pid());
        try {
            ContainerStore.deleteTree(tmp);
            for (String d : List.of("bin", "dev", "etc", "home", "proc", "root", "sys", "tmp", "usr", "var", "var/tmp")) {
                Files.createDirectories(tmp.resolve(d));
            }
            Files.setPosixFilePermissions(tmp.resolve("tmp"), PosixFilePermissions.fromString("rwxrwxrwx"));
            Files.setPosixFilePermissions(tmp.resolve("root"), PosixFilePermissions.fromString("rwx------"));
            Path bin = tmp.resolve("bin/busybox");
            Files.copy(busybox, bin, StandardCopyOption.COPY_ATTRIBUTES);
            Files.setPosixFilePermissions(bin, PosixFilePermissions.fromString("rwxr-xr-x"));
            for (String applet : applets(busybox)) {
                Path link = tmp.resolve("bin").resolve(applet);
                if (!Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    Files.createSymbolicLink(link, Path.of("busybox"));
                }
            }
            Files.writeString(tmp.resolve("etc/passwd"),
                    "root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/home:/bin/false\n");
            Files.writeString(tmp.resolve("etc/group"), "root:x:0:\nnogroup:x:65534:\n");
            Files.writeString(tmp.resolve("etc/hosts"), "127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n");
            Files.createDirectories(rootfs.getParent());
            Files.move(tmp, rootfs, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            ContainerStore.deleteTree(tmp);
            if (Files.isDirectory(rootfs)) return; // another jlab built it at the same time
            throw new UncheckedIOException("cannot build the busybox image in " + rootfs + ": " + e.getMessage(), e);
        }
    }

    static Path findStaticBusybox() {
        for (Path p : CANDIDATES) {
            if (Files.isExecutable(p)) {
                if (!isStaticElf(p)) {
                    throw new EngineException("the host's " + p + " is linked dynamically and would need the host's libc"
                            + " inside the container: install the static build (apt-get install busybox-static)");
                }
                return p;
            }
        }
        throw new EngineException("the busybox image is made from the host's static busybox, which is missing:"
                + " apt-get install busybox-static");
    }

    /** The applets this busybox offers, from {@code busybox --list}. */
    private static List<String> applets(Path busybox) throws IOException {
        Process p = new ProcessBuilder(busybox.toString(), "--list").redirectErrorStream(true).start();
        List<String> names = new ArrayList<>();
        for (String line : new String(p.getInputStream().readAllBytes()).split("\n")) {
            String n = line.trim();
            if (!n.isEmpty() && !n.contains("/")) names.add(n);
        }
        try {
            if (p.waitFor() != 0) throw new IOException(busybox + " --list failed");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        return names;
    }

    /**
     * An ELF executable is static when it has no PT_INTERP program header: no
     * dynamic loader is named to run it.
     */
    static boolean isStaticElf(Path file) {
        try {
            byte[] b = Files.readAllBytes(file);
            ByteBuffer buf = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
            if (b.length < 64 || b[0] != 0x7f || b[1] != 'E' || b[2] != 'L' || b[3] != 'F' || b[4] != 2) return false;
            long phoff = buf.getLong(0x20);
            int phentsize = Short.toUnsignedInt(buf.getShort(0x36));
            int phnum = Short.toUnsignedInt(buf.getShort(0x38));
            for (int i = 0; i < phnum; i++) {
                int type = buf.getInt((int) (phoff + (long) i * phentsize));
                if (type == 3 /* PT_INTERP */) return false;
            }
            return true;
        } catch (IOException | IndexOutOfBoundsException e) {
            return false;
        }
    }
}
