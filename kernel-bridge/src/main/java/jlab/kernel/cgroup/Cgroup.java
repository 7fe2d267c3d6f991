package jlab.kernel.cgroup;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One cgroup: a group of processes the kernel limits, meters, freezes and
 * kills as a whole. Children of a process in a cgroup are born in it.
 */
public interface Cgroup {

    /** The path relative to the hierarchy root, e.g. {@code "jlab/3f2a"}. */
    String path();

    /** Its host directories: one on v2; on v1 one per controller tree. */
    List<Path> directories();

    /**
     * Moves the process (all its threads) into this cgroup by writing its pid to
     * {@code cgroup.procs} (on v1, in every controller tree). Memory the process
     * already uses stays charged to its old cgroup, so move it before it works:
     * ideally before it execs the container's command.
     */
    void addProcess(long pid);

    /** The pids in {@code cgroup.procs} (on v1, the union of every tree). */
    List<Long> processes();

    /** Writes the limits that are set (non-null); the others are left alone. */
    void setLimits(CgroupLimits limits);

    /**
     * What jlab wrote through this object, in order: file to value, e.g.
     * {@code "memory.max" -> "33554432"} on v2,
     * {@code "memory/memory.limit_in_bytes" -> "33554432"} on v1. A cgroup
     * obtained from {@link CgroupDriver#open} starts empty.
     */
    Map<String, String> limitFiles();

    /**
     * The limit files the kernel holds now, and their values, named as
     * {@link #limitFiles()} names them ({@code "memory.max" -> "max"} on v2,
     * {@code "memory/memory.limit_in_bytes" -> "9223372036854771712"} on v1):
     * every limit jlab can set, set or not. Files this host lacks are absent.
     */
    Map<String, String> limitValues();

    /** Whether the freezer holds the cgroup: {@code cgroup.events} says frozen 1 (v2), {@code freezer.state} FROZEN (v1). */
    boolean frozen();

    /** What the kernel counts now. */
    CgroupStats stats();

    /** Stops every process in the cgroup where it stands; returns once the kernel says frozen. */
    void freeze();

    /** Lets a frozen cgroup run again; returns once the kernel says thawed. */
    void thaw();

    /** SIGKILLs every process in the cgroup, and returns once it is empty. */
    void killAll();

    /**
     * Removes the cgroup (rmdir; on v1 in every tree). It must be empty; a
     * cgroup that is already gone is fine. Parents are left in place.
     */
    void delete();
}
