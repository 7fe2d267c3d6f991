package jlab.labs.yaml;

import java.util.List;

/**
 * What a kind of check, fixture or reset action accepts under {@code with}
 * (for actions: beside {@code kind}): the reader rejects a missing or unknown
 * parameter before anything runs.
 */
public record Signature(String kind, List<String> required, List<String> optional) {
    public Signature {
        required = List.copyOf(required);
        optional = List.copyOf(optional);
    }

    public boolean accepts(String param) { return required.contains(param) || optional.contains(param); }
}
