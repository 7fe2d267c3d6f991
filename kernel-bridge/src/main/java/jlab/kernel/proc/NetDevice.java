package jlab.kernel.proc;

import java.util.ArrayList;
import java.util.List;

/**
 * One line of /proc/PID/net/dev: a network interface of the process's network
 * namespace and what went through it. A new namespace has only {@code lo}.
 *
 * <pre>
 * Inter-|   Receive                            ...|  Transmit
 *  face |bytes    packets errs drop fifo frame ...|bytes    packets ...
 *     lo:    1234      12    0    0    0     0 ...     1234      12 ...
 * </pre>
 */
public record NetDevice(String name, long rxBytes, long rxPackets, long txBytes, long txPackets) {

    static List<NetDevice> parse(String text) {
        List<NetDevice> devices = new ArrayList<>();
        for (String line : text.split("\n")) {
            int colon = line.indexOf(':');
            if (colon < 0 || line.contains("|")) continue; // the two header lines
            String[] f = line.substring(colon + 1).trim().split(" +");
            if (f.length < 10) continue;
            devices.add(new NetDevice(line.substring(0, colon).trim(), Long.parseLong(f[0]), Long.parseLong(f[1]),
                    Long.parseLong(f[8]), Long.parseLong(f[9])));
        }
        return List.copyOf(devices);
    }
}
