package jlab.engine.network;

import jlab.engine.EngineException;

/**
 * One {@code -p [IP:]HOST:CTR[/tcp|/udp]}: traffic for the host's port HOST (on
 * the host's address IP, or all of them) goes to the container's port CTR.
 *
 * @param hostIp        the host address to publish on; "" for all of them (0.0.0.0)
 * @param hostPort      the host's port
 * @param containerPort the container's port
 * @param protocol      "tcp" or "udp"
 */
public record PortMapping(String hostIp, int hostPort, int containerPort, String protocol) {

    public PortMapping {
        if (hostIp == null) hostIp = "";
        if (protocol == null) protocol = "tcp";
    }

    /** Parses one -p value with Docker's messages for what is wrong. */
    public static PortMapping parse(String spec) {
        String rest = spec.trim();
        String protocol = "tcp";
        int slash = rest.lastIndexOf('/');
        if (slash >= 0) {
            protocol = rest.substring(slash + 1).toLowerCase();
            rest = rest.substring(0, slash);
            if (!protocol.equals("tcp") && !protocol.equals("udp")) {
                throw bad(spec, "invalid proto: " + protocol + " (tcp or udp)");
            }
        }
        String[] parts = rest.split(":", -1);
        String ip = "";
        String host;
        String ctr;
        if (parts.length == 2) {
            host = parts[0];
            ctr = parts[1];
        } else if (parts.length == 3) {
            ip = parts[0];
            host = parts[1];
            ctr = parts[2];
            if (!Ipv4.isValid(ip)) throw bad(spec, "invalid IP address: " + ip);
        } else {
            throw bad(spec, "write it as [IP:]HOST_PORT:CONTAINER_PORT[/tcp|/udp], e.g. 8080:80");
        }
        return new PortMapping(ip.equals("0.0.0.0") ? "" : ip, port(spec, host, "hostPort"), port(spec, ctr, "containerPort"), protocol);
    }

    private static int port(String spec, String value, String what) {
        if (value.isEmpty() || value.length() > 5 || !value.chars().allMatch(Character::isDigit)) {
            throw bad(spec, "invalid " + what + ": " + (value.isEmpty() ? "(empty)" : value));
        }
        int p = Integer.parseInt(value);
        if (p < 1 || p > 65535) throw bad(spec, "invalid " + what + ": " + value + " (1..65535)");
        return p;
    }

    private static EngineException bad(String spec, String why) {
        return new EngineException("invalid -p " + spec + ": " + why);
    }

    /** The address the host listens on, as Docker prints it. */
    public String hostAddress() { return hostIp.isEmpty() ? "0.0.0.0" : hostIp; }

    /** As docker ps's PORTS shows it: {@code 0.0.0.0:8080->80/tcp}. */
    public String published() { return hostAddress() + ":" + hostPort + "->" + containerPort + "/" + protocol; }

    /** The container's side, as Docker names a port: {@code 80/tcp}. */
    public String containerSide() { return containerPort + "/" + protocol; }

    @Override
    public String toString() {
        return (hostIp.isEmpty() ? "" : hostIp + ":") + hostPort + ":" + containerPort + "/" + protocol;
    }
}
