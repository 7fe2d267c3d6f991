package jlab.engine.volume;

import java.util.List;

/**
 * A volume as {@code volume inspect} shows it.
 *
 * @param name       its name (64 hex digits for an anonymous one)
 * @param driver     always "local": a directory on this host, as Docker's default driver
 * @param mountpoint the directory that containers see: {@code STATE/volumes/NAME/_data}
 * @param created    when it was made, RFC 3339 (UTC)
 * @param anonymous  made by {@code -v /path} for one container, removed with it by {@code rm -v} and {@code --rm}
 * @param usedBy     the ids of the containers (running or not) that mount it
 */
public record Volume(String name, String driver, String mountpoint, String created, boolean anonymous, List<String> usedBy) {
    public Volume {
        usedBy = List.copyOf(usedBy);
    }
}
