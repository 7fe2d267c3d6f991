package jlab.engine.volume;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * A volume as {@code volume inspect} shows it, with Docker's keys ({@code Name}, {@code Mountpoint},
 * {@code CreatedAt}...), so that {@code volume inspect -f '{{.Mountpoint}}'} works as with Docker;
 * {@code Anonymous} and {@code UsedBy} are jlab's own.
 *
 * @param name       its name (64 hex digits for an anonymous one)
 * @param driver     always "local": a directory on this host, as Docker's default driver
 * @param mountpoint the directory that containers see: {@code STATE/volumes/NAME/_data}
 * @param created    when it was made, RFC 3339 (UTC)
 * @param anonymous  made by {@code -v /path} for one container, removed with it by {@code rm -v} and {@code --rm}
 * @param usedBy     the ids of the containers (running or not) that mount it
 */
@JsonPropertyOrder({"CreatedAt", "Driver", "Labels", "Mountpoint", "Name", "Options", "Scope", "Anonymous", "UsedBy"})
public record Volume(@JsonProperty("Name") String name,
                     @JsonProperty("Driver") String driver,
                     @JsonProperty("Mountpoint") String mountpoint,
                     @JsonProperty("CreatedAt") String created,
                     @JsonProperty("Anonymous") boolean anonymous,
                     @JsonProperty("UsedBy") List<String> usedBy) {
    public Volume {
        usedBy = List.copyOf(usedBy);
    }

    /** Docker's: no labels or driver options in jlab (an empty map, as {@code docker volume create} with none). */
    @JsonProperty("Labels")
    public Map<String, String> labels() { return Map.of(); }

    @JsonProperty("Options")
    public Map<String, String> options() { return Map.of(); }

    /** Docker's: "local", a volume of this host only. */
    @JsonProperty("Scope")
    public String scope() { return "local"; }
}
