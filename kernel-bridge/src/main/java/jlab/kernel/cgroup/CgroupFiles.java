package jlab.kernel.cgroup;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import jlab.kernel.Errnos;
import jlab.kernel.KernelException;

/**
 * Reading and writing cgroup files. A cgroup file is not data on a disk: each
 * write() is a request the kernel parses and accepts or refuses at once, with
 * an errno. So a value is written in one write() and a refusal becomes a
 * {@link KernelException} naming the file, the value and the errno.
 */
final class CgroupFiles {
    private CgroupFiles() {}

    /** {@code echo VALUE > FILE}. The file exists (the kernel made it); we neither create nor truncate. */
    static void write(Path file, String value) {
        try {
            Files.writeString(file, value, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw failure("write", file, value, e);
        }
    }

    static String read(Path file) {
        try {
            return Files.readString(file).strip();
        } catch (IOException e) {
            throw failure("read", file, null, e);
        }
    }

    static long readLong(Path file) {
        return Long.parseLong(read(file));
    }

    /** A limit file: {@code "max"} (v2) reads as null. */
    static Long readLimit(Path file) {
        String value = read(file);
        return value.equals("max") ? null : Long.valueOf(value);
    }

    /** {@code cgroup.procs}: one pid a line. */
    static List<Long> readPids(Path file) {
        return read(file).lines().filter(l -> !l.isBlank()).map(Long::valueOf).toList();
    }

    /** A "flat keyed" file ({@code memory.events}, {@code cpu.stat}): one {@code key value} a line. */
    static Map<String, Long> readKeyed(Path file) {
        Map<String, Long> values = new LinkedHashMap<>();
        for (String line : read(file).split("\n")) {
            String[] kv = line.trim().split("\\s+");
            if (kv.length == 2 && kv[1].matches("-?\\d+")) {
                values.put(kv[0], Long.valueOf(kv[1]));
            }
        }
        return values;
    }

    /**
     * mkdir: in a cgroup filesystem this makes a cgroup, and the kernel fills the
     * new directory with its interface files. True if it made the directory,
     * false if it was there already (an error if {@code mustBeNew}).
     */
    static boolean mkdir(Path dir, boolean mustBeNew) {
        try {
            Files.createDirectory(dir);
            return true;
        } catch (FileAlreadyExistsException e) {
            if (mustBeNew) {
                throw failure("mkdir", dir, null, e);
            }
            return false;
        } catch (IOException e) {
            throw failure("mkdir", dir, null, e);
        }
    }

    /** Names of the subdirectories (child cgroups) of {@code dir}; empty if it does not exist. */
    static List<String> subdirectories(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw failure("list", dir, null, e);
        }
    }

    /** The IOException of {@code op} on {@code file} (writing {@code value}) as a KernelException. */
    static KernelException failure(String op, Path file, String value, IOException e) {
        String args = value == null ? file.toString() : file + ", \"" + value + "\"";
        int errno = IoErrno.of(e);
        KernelException failure;
        if (errno == 0) {
            failure = KernelException.of(op, args, String.valueOf(e.getMessage()));
        } else {
            String name = Errnos.name(errno);
            String fileName = String.valueOf(file.getFileName());
            failure = new KernelException(op, args, name, errno, CgroupHints.forFailure(op, fileName, name));
        }
        failure.initCause(e);
        return failure;
    }
}
