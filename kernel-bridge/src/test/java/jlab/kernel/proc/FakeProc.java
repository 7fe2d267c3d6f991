package jlab.kernel.proc;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A small fake /proc in a temporary directory: the fixtures under
 * src/test/resources/proc become /proc/PID/... files, and namespace links become
 * dangling symbolic links whose text is what the kernel would show.
 */
final class FakeProc {
    private final Path root;

    FakeProc(Path root) {
        this.root = root;
    }

    ProcFs procFs() {
        return new ProcFs(root);
    }

    /** /proc/PID/name with this content. */
    FakeProc file(long pid, String name, String content) {
        return bytes(pid, name, content.getBytes(StandardCharsets.UTF_8));
    }

    FakeProc bytes(long pid, String name, byte[] content) {
        try {
            Path file = root.resolve(Long.toString(pid)).resolve(name);
            Files.createDirectories(file.getParent());
            Files.write(file, content);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** /proc/PID/name with the content of the fixture src/test/resources/proc/{resource}. */
    FakeProc fixture(long pid, String name, String resource) {
        return file(pid, name, fixture(resource));
    }

    /** /proc/PID/ns/{kind} -> "{kind}:[inode]", as the kernel shows it. */
    FakeProc namespace(long pid, String kind, long inode) {
        return link(pid, "ns/" + kind, kind.replace("_for_children", "") + ":[" + inode + "]");
    }

    FakeProc link(long pid, String name, String target) {
        try {
            Path link = root.resolve(Long.toString(pid)).resolve(name);
            Files.createDirectories(link.getParent());
            Files.createSymbolicLink(link, Path.of(target));
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A directory in /proc that is not a process, like /proc/sys or /proc/self. */
    FakeProc directory(String name) {
        try {
            Files.createDirectories(root.resolve(name));
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String fixture(String resource) {
        try (InputStream in = FakeProc.class.getResourceAsStream("/proc/" + resource)) {
            if (in == null) throw new IllegalArgumentException("no fixture proc/" + resource);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
