package jlab.shell;

import jlab.kernel.syscall.Syscalls;

final class Root {
    private Root() {}

    /** Skips the test without root, or fails it where kernel tests are required ({@link Skip}). */
    static void assumeRoot() {
        Skip.unless(Syscalls.get().geteuid() == 0,
                "requires root: containers need CAP_SYS_ADMIN for namespaces, mounts and cgroups");
    }
}
