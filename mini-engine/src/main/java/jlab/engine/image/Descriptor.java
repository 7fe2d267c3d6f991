package jlab.engine.image;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * An OCI descriptor: what a manifest or an index says of a blob it points to —
 * its media type, its digest, its size. The pointer is the digest: whoever
 * follows it can check they got the right bytes.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Descriptor(@JsonProperty("mediaType") String mediaType,
                         @JsonProperty("digest") String digestText,
                         @JsonProperty("size") long size) {
    public static final String MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    public static final String CONFIG = "application/vnd.oci.image.config.v1+json";
    public static final String LAYER = "application/vnd.oci.image.layer.v1.tar";
    public static final String LAYER_GZIP = "application/vnd.oci.image.layer.v1.tar+gzip";
    public static final String INDEX = "application/vnd.oci.image.index.v1+json";
    /** Docker's own names for the same things (docker save, older registries). */
    public static final String DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";
    public static final String DOCKER_LAYER = "application/vnd.docker.image.rootfs.diff.tar";
    public static final String DOCKER_LAYER_GZIP = "application/vnd.docker.image.rootfs.diff.tar.gzip";
    public static final String DOCKER_CONFIG = "application/vnd.docker.container.image.v1+json";
    public static final String DOCKER_LIST = "application/vnd.docker.distribution.manifest.list.v2+json";

    public Descriptor(String mediaType, Digest digest, long size) { this(mediaType, digest.toString(), size); }

    @JsonIgnore
    public Digest digest() { return Digest.parse(digestText); }

    /** Is this layer gzip-compressed (its digest is then of the compressed bytes)? */
    @JsonIgnore
    public boolean gzipped() {
        return mediaType != null && (mediaType.endsWith("+gzip") || mediaType.endsWith(".tar.gzip"));
    }
}
