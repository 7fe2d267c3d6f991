package jlab.engine.network;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

import jlab.engine.ContainerSpec;
import jlab.engine.EngineException;
import jlab.engine.image.Image;

/**
 * {@code -P}: every port the image EXPOSEs gets a published port on the host, as Docker does — a
 * free one the kernel picks (bind to port 0, read which it gave, let it go), unless {@code -p}
 * already published that container port. EXPOSE itself publishes nothing: it is documentation in
 * the image's config until -P reads it.
 */
public final class PublishAll {
    private PublishAll() {}

    /** {@code spec} with the image's exposed ports added to its -p list when -P was given. */
    public static ContainerSpec expand(ContainerSpec spec, Image image) {
        if (!spec.publishAll() || image.exposedPorts().isEmpty()) return spec;
        List<PortMapping> ports = new ArrayList<>(spec.publish());
        for (String exposed : image.exposedPorts()) {
            String[] parts = exposed.split("/", 2);
            int port;
            try {
                port = Integer.parseInt(parts[0]);
            } catch (NumberFormatException e) {
                throw new EngineException("image " + image.name() + " exposes \"" + exposed + "\", which is not PORT[/tcp|/udp]");
            }
            String protocol = parts.length > 1 ? parts[1] : "tcp";
            if (ports.stream().anyMatch(p -> p.containerPort() == port && p.protocol().equals(protocol))) continue;
            ports.add(new PortMapping("", freePort(protocol), port, protocol));
        }
        return spec.withPublish(ports);
    }

    /** A port no socket of this host holds now: the kernel's pick for a bind to port 0. */
    private static int freePort(String protocol) {
        try {
            if (protocol.equals("udp")) {
                try (DatagramSocket s = new DatagramSocket(0)) {
                    return s.getLocalPort();
                }
            }
            try (ServerSocket s = new ServerSocket(0)) {
                return s.getLocalPort();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find a free port for -P: " + e.getMessage(), e);
        }
    }
}
