package jlab.engine.network;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The host's IPv4 routes, from {@code /proc/net/route} (what {@code ip -4 route}
 * shows for the main table): a new network's subnet must not overlap any of
 * them, or the host could no longer tell where to send a packet. Addresses in
 * that file are hexadecimal, in the kernel's (little-endian) byte order.
 */
final class HostRoutes {
    record Route(String device, Subnet destination) {}

    private HostRoutes() {}

    static List<Route> read() { return read(Path.of("/proc/net/route")); }

    static List<Route> read(Path file) {
        List<Route> routes = new ArrayList<>();
        try {
            List<String> lines = Files.readAllLines(file);
            for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
                String[] f = line.trim().split("\\s+");
                if (f.length < 8) continue;
                int dest = Integer.reverseBytes((int) Long.parseLong(f[1], 16));
                int mask = Integer.reverseBytes((int) Long.parseLong(f[7], 16));
                int prefix = Integer.bitCount(mask);
                routes.add(new Route(f[0], new Subnet(new Ipv4(dest & Subnet.mask(prefix)), prefix)));
            }
        } catch (IOException | RuntimeException e) {
            return routes; // no /proc/net/route: nothing to compare with
        }
        return routes;
    }
}
