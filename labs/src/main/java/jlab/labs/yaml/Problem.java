package jlab.labs.yaml;

import java.nio.file.Path;

/** One mistake in a lab's files, where it is: {@code labs/veth/lab.yaml:14: unknown check kind 'veth-pear'}. */
public record Problem(Path file, int line, String message) {
    @Override
    public String toString() {
        return line > 0 ? file + ":" + line + ": " + message : file + ": " + message;
    }
}
