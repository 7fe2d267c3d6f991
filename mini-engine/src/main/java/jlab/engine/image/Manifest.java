package jlab.engine.image;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * An image manifest (OCI image spec): the descriptor of the image's config and those of its layers,
 * the lowest first. Pull, push, save and load move these three kinds of blob; a manifest's digest is
 * what a registry calls the image's digest ({@code busybox@sha256:...}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record Manifest(@JsonProperty("schemaVersion") int schemaVersion,
                       @JsonProperty("mediaType") String mediaType,
                       @JsonProperty("config") Descriptor config,
                       @JsonProperty("layers") List<Descriptor> layers,
                       @JsonProperty("annotations") Map<String, String> annotations) {
    public Manifest {
        layers = layers == null ? List.of() : List.copyOf(layers);
    }

    public static Manifest of(Descriptor config, List<Descriptor> layers) {
        return new Manifest(2, Descriptor.MANIFEST, config, layers, null);
    }
}
