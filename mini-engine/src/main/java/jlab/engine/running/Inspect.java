package jlab.engine.running;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jlab.engine.ContainerSpec;
import jlab.engine.network.Endpoint;
import jlab.engine.network.PortMapping;
import jlab.engine.network.Subnet;
import jlab.engine.state.ContainerRecord;
import jlab.engine.state.StateDir;
import jlab.engine.volume.MountSpec;
import jlab.engine.volume.MountView;
import jlab.engine.volume.VolumeStore;
import jlab.kernel.KernelException;
import jlab.kernel.cgroup.Cgroup;
import jlab.kernel.ns.Namespace;
import jlab.kernel.proc.MountInfo;
import jlab.kernel.proc.NetDevice;
import jlab.kernel.proc.ProcFs;

/**
 * {@code jlab inspect}: one container as a JSON object, with Docker's keys
 * where Docker has them (Id, Created, Name, State, Config...), and what jlab
 * can show of the kernel's side besides: each namespace with its inode (read
 * from /proc/PID/ns, so {@code readlink /proc/PID/ns/uts} on the host shows
 * the same number), the cgroup with its limit files as the kernel holds them,
 * its volumes and binds (Docker's "Mounts"), the mount table the container
 * sees (/proc/PID/mountinfo: "MountTable") and the network
 * interfaces of its network namespace (/proc/PID/net/dev) with, on a bridge
 * network, its address, gateway and published ports.
 */
public final class Inspect {
    private final ProcFs proc;
    private final StateDir state;
    private final String cgroupVersion;

    public Inspect(StateDir state, String cgroupVersion) { this(ProcFs.host(), state, cgroupVersion); }

    Inspect(ProcFs proc, StateDir state, String cgroupVersion) {
        this.proc = proc;
        this.state = state;
        this.cgroupVersion = cgroupVersion;
    }

    public Map<String, Object> of(LiveContainer c) {
        ContainerRecord r = c.record();
        boolean running = c.running();
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("Id", r.id());
        o.put("Created", Instant.ofEpochMilli(r.created()).toString());
        o.put("Path", r.command().isEmpty() ? "" : r.command().get(0));
        o.put("Args", r.command().size() > 1 ? r.command().subList(1, r.command().size()) : List.of());
        o.put("State", state(c, running));
        o.put("Image", r.image());
        o.put("Name", "/" + r.name());
        o.put("Config", c.spec());
        o.put("Mounts", userMounts(r.id(), c.spec()));
        // Docker's keys are there whatever the state, so that a template can range over them
        Map<String, Object> network = new LinkedHashMap<>();
        network.put("Networks", Map.of());
        network.put("Ports", Map.of());
        o.put("NetworkSettings", network);
        if (!running) return o;
        long pid = c.pid();
        try {
            o.put("Namespaces", namespaces(pid));
            o.put("Cgroup", cgroup(c.cgroup()));
            o.put("MountTable", mountTable(pid));
            network.putAll(networkSettings(r, pid));
        } catch (KernelException exited) {
            // it stopped while we read it: what was read is still true of it
        }
        return o;
    }

    /**
     * What the kernel shows of its network namespace (Interfaces), and, on a
     * bridge network, its endpoint as network.json records it, under Docker's
     * keys: the network with its address, gateway and bridge; the published ports.
     */
    private Map<String, Object> networkSettings(ContainerRecord r, long pid) {
        Map<String, Object> n = new LinkedHashMap<>();
        n.put("Interfaces", interfaces(pid));
        Endpoint.load(state.container(r.id())).ifPresent(e -> {
            Map<String, Object> net = new LinkedHashMap<>();
            net.put("IPAddress", e.address());
            net.put("IPPrefixLen", Subnet.parse(e.subnet()).prefix());
            net.put("Gateway", e.gateway());
            net.put("Bridge", e.bridge());
            net.put("HostVeth", e.hostVeth());
            n.put("Networks", Map.of(e.network(), net));
            n.put("Ports", ports(e.ports()));
        });
        return n;
    }

    /** Docker's shape: {@code {"80/tcp": [{"HostIp": "0.0.0.0", "HostPort": "8080"}]}}, a list per container port. */
    private static Map<String, List<Map<String, String>>> ports(List<PortMapping> published) {
        Map<String, List<Map<String, String>>> out = new java.util.TreeMap<>();
        for (PortMapping p : published) {
            List<Map<String, String>> bindings = out.computeIfAbsent(p.containerSide(), k -> new ArrayList<>());
            Map<String, String> b = new LinkedHashMap<>();
            b.put("HostIp", p.hostAddress());
            b.put("HostPort", Integer.toString(p.hostPort()));
            bindings.add(b);
        }
        return out;
    }

    private static Map<String, Object> state(LiveContainer c, boolean running) {
        ContainerRecord r = c.record();
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("Status", c.status());
        s.put("Running", running);
        s.put("Paused", running && c.paused());
        s.put("Pid", running ? r.initPid() : 0);
        s.put("HelperPid", running ? r.helperPid() : 0);
        s.put("ExitCode", r.exitCode() == null ? 0 : r.exitCode());
        s.put("OOMKilled", r.oomKilled());
        return s;
    }

    /** mnt -> 4026532201, ...: the same numbers as readlink /proc/PID/ns/*. */
    private Map<String, Long> namespaces(long pid) {
        Map<String, Long> ns = new LinkedHashMap<>();
        for (Map.Entry<Namespace, Long> e : proc.namespaces(pid).entrySet()) ns.put(e.getKey().procName(), e.getValue());
        return ns;
    }

    private Map<String, Object> cgroup(Cgroup cg) {
        Map<String, Object> o = new LinkedHashMap<>();
        if (cg == null) return o;
        o.put("Version", cgroupVersion);
        o.put("Path", cg.path());
        o.put("Directories", cg.directories().stream().map(Object::toString).toList());
        o.put("Limits", cg.limitValues());
        o.put("Frozen", cg.frozen());
        return o;
    }

    /**
     * Docker's "Mounts": the volumes, binds and tmpfs the container was given (-v, --mount, --tmpfs, and
     * an anonymous volume per VOLUME of its image), with each volume's name and directory on the host.
     * From its saved spec: a container that has exited shows them too.
     */
    private List<Map<String, Object>> userMounts(String id, ContainerSpec spec) {
        VolumeStore volumes = new VolumeStore(state);
        List<Map<String, Object>> list = new ArrayList<>();
        for (MountSpec m : spec.mounts()) {
            MountView v = MountView.of(m, id, volumes);
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("Type", v.type());
            if (v.name() != null) o.put("Name", v.name());
            o.put("Source", v.source() == null ? "" : v.source());
            o.put("Destination", v.destination());
            o.put("RW", v.rw());
            list.add(o);
        }
        return list;
    }

    /** The mount table the container sees (/proc/PID/mountinfo), jlab's own key: what the kernel holds. */
    private List<Map<String, Object>> mountTable(long pid) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (MountInfo m : proc.mountInfo(pid)) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("Destination", m.mountPoint());
            o.put("Type", m.fsType());
            o.put("Source", m.source());
            o.put("Options", m.mountOptions());
            o.put("RW", !m.readOnly());
            o.put("Propagation", m.propagation());
            list.add(o);
        }
        return list;
    }

    private List<Map<String, Object>> interfaces(long pid) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (NetDevice d : proc.netDevices(pid)) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("Name", d.name());
            o.put("RxBytes", d.rxBytes());
            o.put("TxBytes", d.txBytes());
            list.add(o);
        }
        return list;
    }
}
