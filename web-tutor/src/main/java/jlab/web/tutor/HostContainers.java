package jlab.web.tutor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import jlab.engine.Engine;
import jlab.engine.Resources;
import jlab.engine.running.LiveContainer;
import jlab.engine.state.ContainerRecord;
import jlab.engine.state.StateDir;
import jlab.engine.view.NamespaceView;
import jlab.kernel.cgroup.CgroupStats;
import jlab.web.ClientError;

/**
 * jlab's containers on this host, as {@code jlab ps}, {@code jlab ns} and
 * {@code jlab stats} see them — through mini-engine's API ({@link Engine#ps},
 * {@link LiveContainer}, {@link NamespaceView}), never by reading its files.
 *
 * <p>CPU use is a rate: the kernel counts CPU time used so far
 * ({@code cpu.stat} usage_usec on v2, {@code cpuacct.usage} on v1), so a
 * figure needs two readings. The page polls each second; each poll is
 * compared with the one before it.
 */
final class HostContainers {
    /** Docker's rule for a container name: what a URL may name here, and nothing that walks a path. */
    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]{0,127}");

    private final StateDir state;
    private volatile Engine engine;
    private final Map<String, long[]> lastCpu = new ConcurrentHashMap<>();

    HostContainers(StateDir state) { this.state = state; }

    /** Opened on first use: opening sweeps what crashed jlab processes left, which a page that is never opened need not do. */
    private Engine engine() {
        Engine e = engine;
        if (e == null) {
            synchronized (this) {
                if (engine == null) engine = Engine.open(state);
                e = engine;
            }
        }
        return e;
    }

    /** Every running container: name, id, state, PID, image, command, namespaces beside the host's, limits. */
    List<Map<String, Object>> list() {
        List<Map<String, Object>> out = new ArrayList<>();
        long host = ProcessHandle.current().pid();
        for (ContainerRecord r : engine().ps(false)) {
            LiveContainer c = LiveContainer.of(engine(), r);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", r.id());
            m.put("name", r.name());
            m.put("state", c.status());
            m.put("pid", r.initPid());
            m.put("image", r.image());
            m.put("command", String.join(" ", r.command()));
            m.put("namespaces", c.running() ? new NamespaceView().of(r.initPid(), host) : List.of());
            m.put("limits", limits(c));
            out.add(m);
        }
        return out;
    }

    /** Memory and pids as the kernel holds them (null: no limit); CPUs as the container was started with. */
    private static Map<String, Object> limits(LiveContainer c) {
        Map<String, Object> m = new LinkedHashMap<>();
        CgroupStats s = c.cgroup() != null && c.running() ? c.cgroup().stats() : null;
        Resources asked = c.spec() != null ? c.spec().resources() : Resources.NONE;
        m.put("memoryBytes", s != null ? s.memoryLimit() : asked.memoryBytes());
        m.put("cpus", asked.cpus());
        m.put("pids", s != null ? s.pidsLimit() : asked.pidsLimit());
        return m;
    }

    /** One reading of the container's cgroup: memory now, CPU % since the last reading (null the first time), tasks. */
    Map<String, Object> stats(String name) {
        LiveContainer c = find(name);
        if (!c.running() || c.cgroup() == null) {
            throw new ClientError(409, "container " + name + " is not running (" + c.status() + "): nothing to measure");
        }
        CgroupStats s = c.cgroup().stats();
        long now = System.nanoTime();
        long[] before = lastCpu.put(c.record().id(), new long[] {now, s.cpuUsageNanos()});
        Double cpu = before == null || now == before[0] ? null
                : Math.max(0, 100.0 * (s.cpuUsageNanos() - before[1]) / (now - before[0]));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", c.record().name());
        m.put("time", System.currentTimeMillis());
        m.put("memoryBytes", s.memoryCurrent());
        m.put("memoryLimit", s.memoryLimit());
        m.put("cpuPercent", cpu);
        m.put("cpuNanos", s.cpuUsageNanos());
        m.put("pids", s.pidsCurrent());
        return m;
    }

    private LiveContainer find(String name) {
        if (!NAME.matcher(name).matches()) {
            throw ClientError.badRequest("'" + name + "' is not a container name (letters, digits, _ . -)");
        }
        Optional<ContainerRecord> r = engine().containers().find(name);
        if (r.isEmpty()) {
            List<String> names = engine().ps(false).stream().map(ContainerRecord::name).toList();
            throw ClientError.notFound("no container " + name + (names.isEmpty() ? ": none is running"
                    : ": the running ones are " + String.join(", ", names)));
        }
        return LiveContainer.of(engine(), r.get());
    }
}
