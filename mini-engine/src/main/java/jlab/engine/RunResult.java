package jlab.engine;

/**
 * How a foreground container ended.
 *
 * @param exitCode  the command's own code, or 128 + signal (137: killed by SIGKILL)
 * @param oomKilled the kernel's OOM killer killed a process of the container (memory limit reached)
 */
public record RunResult(String id, String name, int exitCode, boolean oomKilled) {}
