package jlab.shell.repl;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import jlab.engine.state.StateDir;

/**
 * The names of the containers in a state directory, for completion: read from
 * {@code names/} (one small file per name, holding the container's id) without
 * opening the engine — no root check, no sweep — and without parsing any
 * record, so a Tab answers in a millisecond. A name whose container directory
 * is gone (a crash between two writes) is skipped.
 */
final class ContainerNames {
    private final StateDir state;

    ContainerNames(StateDir state) { this.state = state; }

    List<String> list() {
        List<String> names = new ArrayList<>();
        if (!Files.isDirectory(state.names())) return names;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(state.names())) {
            for (Path f : files) {
                String id = read(f);
                if (!id.isEmpty() && Files.isDirectory(state.containers().resolve(id))) names.add(f.getFileName().toString());
            }
        } catch (IOException e) {
            // unreadable: nothing to complete
        }
        names.sort(null);
        return names;
    }

    private static String read(Path nameFile) {
        try {
            return Files.readString(nameFile).trim();
        } catch (IOException e) {
            return ""; // removed meanwhile
        }
    }
}
