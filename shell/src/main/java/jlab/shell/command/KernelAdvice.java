package jlab.shell.command;

import jlab.kernel.KernelException;

/** One sentence a student can act on, for an errno the kernel gave a step. */
final class KernelAdvice {
    private KernelAdvice() {}

    /**
     * The kernel's refusal as one line: the call, its errno, and one sentence on what the errno means
     * here. A failure that carries its own hint (it knows the call or the file: "the quota must be at
     * least 1000 µs") says it best; only without one comes what the errno usually means for a step.
     */
    static String refusal(KernelException e) {
        String advice = e.hint() != null || e.errnoName() == null ? "" : " " + forErrno(e.errnoName());
        return e.getMessage() + "." + advice;
    }

    static String forErrno(String errno) {
        if (errno == null) return "";
        return switch (errno) {
            case "EINVAL" -> "EINVAL: the kernel found an argument wrong for the state the process is in: plan shows which steps are missing before it.";
            case "EPERM" -> "EPERM: the process lacks the privilege for it now (capabilities dropped, or a user namespace without them).";
            case "EACCES" -> "EACCES: permission denied on a file the step needs.";
            case "EBUSY" -> "EBUSY: something still uses it (a mount with mounts under it, a busy cgroup).";
            case "ENOENT" -> "ENOENT: a file or directory the step needs does not exist (yet).";
            case "EEXIST" -> "EEXIST: it exists already (a link, an address): the step was done before.";
            case "ENOSPC" -> "ENOSPC: a kernel limit was reached (namespaces, addresses, cgroup depth).";
            case "EAGAIN" -> "EAGAIN: a limit was reached (pids.max, for instance): raise it or end some processes.";
            case "ENOMEM" -> "ENOMEM: the memory limit is below what the processes already use.";
            default -> errno + ": see man 2 of the syscall above for this errno.";
        };
    }
}
