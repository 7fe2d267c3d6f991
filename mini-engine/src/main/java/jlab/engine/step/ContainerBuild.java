package jlab.engine.step;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import jlab.engine.ContainerSpec;
import jlab.engine.image.Image;
import jlab.engine.state.ContainerPaths;
import jlab.engine.state.StateDir;
import jlab.kernel.cgroup.Cgroup;
import jlab.kernel.cgroup.CgroupDriver;
import jlab.kernel.helper.Helper;
import jlab.kernel.helper.HelperBinary;
import jlab.kernel.ns.Namespace;

/**
 * A container under construction: what the steps share. It starts as a spec
 * and a directory; steps add a cgroup, a helper process, namespaces, a root.
 *
 * Paths: until {@code pivot_root}, the helper sees the host's tree, so a path
 * of the container ({@code /proc}) is under the overlay's mount point
 * ({@code .../rootfs/proc}); after it, the container's root is {@code /}.
 * {@link #path} gives the right one.
 */
public final class ContainerBuild {
    private final String id;
    private final String name;
    private final ContainerSpec spec;
    private final Image image;
    private final StateDir state;
    private final ContainerPaths paths;
    private final CgroupDriver cgroups;
    private final HelperBinary helperBinary;
    private final Map<Namespace, Long> namespaces = new EnumMap<>(Namespace.class);
    private final List<String> notices = new ArrayList<>();
    private Helper helper;
    private Cgroup cgroup;
    private long initPid;
    private boolean pivoted;
    private List<String> exitCommand = List.of();

    public ContainerBuild(String id, String name, ContainerSpec spec, Image image, StateDir state,
                          CgroupDriver cgroups, HelperBinary helperBinary) {
        this.id = id;
        this.name = name;
        this.spec = spec;
        this.image = image;
        this.state = state;
        this.paths = state == null ? null : state.container(id);
        this.cgroups = cgroups;
        this.helperBinary = helperBinary;
    }

    public String id() { return id; }

    public String shortId() { return id.substring(0, 12); }

    public String name() { return name; }

    public ContainerSpec spec() { return spec; }

    public Image image() { return image; }

    /** The engine's state directory, where this container's own directory is. */
    public StateDir stateDir() { return state; }

    public ContainerPaths paths() { return paths; }

    public CgroupDriver cgroups() { return cgroups; }

    public HelperBinary helperBinary() { return helperBinary; }

    /** The native helper; throws if the step that starts it has not run. */
    public Helper helper() {
        if (helper == null) throw new IllegalStateException("the helper process is not started yet");
        return helper;
    }

    public boolean hasHelper() { return helper != null; }

    void helper(Helper h) { helper = h; }

    public Cgroup cgroup() { return cgroup; }

    void cgroup(Cgroup c) { cgroup = c; }

    /** The container's first process on the host: PID 1 inside once the PID namespace exists, else the helper. */
    public long processPid() { return initPid > 0 ? initPid : helper == null ? 0 : helper.pid(); }

    public long initPid() { return initPid; }

    void initPid(long pid) { initPid = pid; }

    /** The namespace inodes the helper reported as each was made. */
    public Map<Namespace, Long> namespaces() { return namespaces; }

    void recordNamespace(Namespace ns, long inode) { namespaces.put(ns, inode); }

    public boolean pivoted() { return pivoted; }

    void pivoted(boolean p) { pivoted = p; }

    /** A path of the container, as the helper must name it now (see the class comment). */
    public String path(String inContainer) {
        return pivoted ? inContainer : paths.rootfs() + inContainer;
    }

    /**
     * What a detached container's supervisor runs once PID 1 has exited (podman's
     * --exit-command): a jlab that tears the host side down and applies --restart.
     */
    public List<String> exitCommand() { return exitCommand; }

    public void exitCommand(List<String> argv) { exitCommand = List.copyOf(argv); }

    /** Lines for the user that are not errors: "memory limit set, swap accounting is off". */
    public List<String> notices() { return notices; }

    /** The hostname the container gets: --hostname, or its short id as Docker does. */
    public String hostname() {
        return spec.hostname() != null ? spec.hostname() : shortId();
    }
}
