package jlab.shell;

import org.junit.jupiter.api.Assumptions;

import jlab.kernel.syscall.Syscalls;

final class Root {
    private Root() {}

    static void assumeRoot() {
        Assumptions.assumeTrue(Syscalls.get().geteuid() == 0,
                "requires root: containers need CAP_SYS_ADMIN for namespaces, mounts and cgroups");
    }
}
