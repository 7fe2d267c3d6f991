package jlab.engine.network;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The bridges whose netfilter rules this process has already checked, so that
 * a long-lived jlab (the prompt, a script) reads the rules once per network
 * instead of once per container.
 *
 * <p>Remembered with the bridge's interface index, not just its name: another
 * jlab's {@code gc} may remove an unused network — its bridge and its rules —
 * and the next container make the bridge again. The kernel gives every new
 * interface a new index ({@code /sys/class/net/NAME/ifindex}, from a counter
 * of the network namespace that does not go back), so a re-made bridge is one
 * this process has not checked, and its rules are made again.
 */
final class CheckedBridges {
    private final Map<String, Long> checked = new ConcurrentHashMap<>();
    private final Path sysClassNet;

    CheckedBridges() { this(Path.of("/sys/class/net")); }

    CheckedBridges(Path sysClassNet) { this.sysClassNet = sysClassNet; }

    /** Whether the rules of this very bridge (same name, same interface) were checked already. */
    boolean seen(String bridge) {
        Long index = checked.get(bridge);
        return index != null && index == ifindex(bridge);
    }

    /** Remembers that the rules of the bridge as it is now were checked. */
    void add(String bridge) {
        long index = ifindex(bridge);
        if (index > 0) checked.put(bridge, index); // no bridge yet: nothing to remember
    }

    void remove(String bridge) { checked.remove(bridge); }

    /** The bridge's interface index; 0 when there is no such interface. */
    long ifindex(String bridge) {
        try {
            return Long.parseLong(Files.readString(sysClassNet.resolve(bridge).resolve("ifindex")).strip());
        } catch (NoSuchFileException gone) {
            return 0;
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
    }
}
