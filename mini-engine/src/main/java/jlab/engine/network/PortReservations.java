package jlab.engine.network;

import java.io.IOException;
import java.net.BindException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;

import jlab.engine.EngineException;

/**
 * The host ports that published ports hold, host-wide ({@code /run/jlab/ports/tcp-8080}):
 * a DNAT rule takes a port without binding it, so neither the kernel nor another
 * jlab would see it taken. A port is free when no jlab claims it and a socket
 * can still bind it (no program of the host listens there).
 */
public final class PortReservations {
    private final Claims claims = new Claims(HostWide.ports());

    static String key(PortMapping p) { return p.protocol() + "-" + p.hostPort(); }

    /** Throws Docker's one line if the port is taken, by jlab or by a program of the host. */
    public static void checkFree(PortMapping p) {
        String holder = new Claims(HostWide.ports()).holder(key(p));
        if (holder != null || !bindable(p)) throw taken(p);
    }

    public void reserve(PortMapping p, String id, Path stateDir) {
        if (!claims.claim(key(p), Claims.owner(id, stateDir))) throw taken(p);
        if (!bindable(p)) {
            claims.release(key(p), Claims.owner(id, stateDir));
            throw taken(p);
        }
    }

    public void release(PortMapping p, String id, Path stateDir) { claims.release(key(p), Claims.owner(id, stateDir)); }

    static EngineException taken(PortMapping p) {
        return new EngineException("driver failed programming external connectivity: Bind for " + p.hostAddress() + ":"
                + p.hostPort() + " failed: port is already allocated (choose another host port with -p HOST:"
                + p.containerPort() + ", or stop what holds it: ss -lntup 'sport = :" + p.hostPort() + "')");
    }

    /** bind(2) a socket to the port, then close it: EADDRINUSE if a program of the host holds it. */
    private static boolean bindable(PortMapping p) {
        try {
            InetAddress ip = InetAddress.getByName(p.hostAddress());
            if (p.protocol().equals("udp")) {
                try (DatagramSocket s = new DatagramSocket(null)) {
                    s.setReuseAddress(false);
                    s.bind(new InetSocketAddress(ip, p.hostPort()));
                }
            } else {
                try (ServerSocket s = new ServerSocket()) {
                    s.setReuseAddress(true); // a port in TIME_WAIT is free; a listening one is not
                    s.bind(new InetSocketAddress(ip, p.hostPort()));
                }
            }
            return true;
        } catch (BindException e) {
            if (e.getMessage() == null || !e.getMessage().contains("assign")) return false;
            throw new EngineException("cannot publish on " + p.hostAddress() + ":" + p.hostPort() + ": " + e.getMessage()
                    + " (the IP must be one of the host's addresses: ip -br addr lists them)");
        } catch (IOException e) {
            // EADDRNOTAVAIL: the IP is not one of the host's. Docker fails the same way.
            throw new EngineException("cannot publish on " + p.hostAddress() + ":" + p.hostPort() + ": " + e.getMessage()
                    + " (the IP must be one of the host's addresses: ip -br addr lists them)");
        }
    }
}
