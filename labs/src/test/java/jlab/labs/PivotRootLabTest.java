package jlab.labs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import jlab.labs.check.Status;
import jlab.labs.model.Lang;
import jlab.labs.run.CheckResult;

/** The pivot-root lab on the real kernel: pivot_root(8) and umount in a new mount namespace; chroot for half. */
@Tag("kernel")
class PivotRootLabTest {
    private static final String PIVOT = "mount --make-rprivate / && mount --bind /srv/jlab/rootfs /srv/jlab/rootfs"
            + " && cd /srv/jlab/rootfs && mkdir -p oldroot && pivot_root . oldroot && exec /bin/busybox sh -c ";
    @TempDir Path stateDir;
    private LabOnHost lab;

    @AfterEach
    void reset() {
        if (lab == null) return;
        lab.reset();
        assertThat(Path.of("/srv/jlab/rootfs")).doesNotExist();
    }

    @Test
    void pivot_root_with_the_old_root_unmounted_passes_and_reset_kills_and_removes() throws Exception {
        lab = new LabOnHost("pivot-root", stateDir).start();
        assertThat(Path.of("/srv/jlab/rootfs/bin/busybox")).as("lab start's busybox rootfs").isRegularFile();
        try (StudentShell sh = StudentShell.start("unshare", "--mount", "sh", "-c", PIVOT + "'umount -l /oldroot; exec sleep 60'")) {
            CheckResult c = LabOnHost.of(lab.checkUntil(r -> LabOnHost.of(r, "pivoted").status() == Status.PASS), "pivoted");
            assertThat(c.status()).as(c.toString()).isEqualTo(Status.PASS);
            assertThat(lab.reset()).anyMatch(l -> l.startsWith("killed pid ") && l.endsWith("(its root is /srv/jlab/rootfs)"));
            assertThat(sh.exited(5000)).isTrue();
        }
    }

    @Test
    void the_old_root_still_mounted_and_a_chroot_earn_half_with_the_reason() throws Exception {
        lab = new LabOnHost("pivot-root", stateDir).start();
        try (StudentShell sh = StudentShell.start("unshare", "--mount", "sh", "-c", PIVOT + "'exec sleep 60'")) {
            CheckResult c = LabOnHost.of(lab.checkUntil(r -> LabOnHost.of(r, "pivoted").status() == Status.PARTIAL), "pivoted");
            assertThat(c.status()).isEqualTo(Status.PARTIAL);
            assertThat(c.score()).isEqualTo(3);
            assertThat(c.message().in(Lang.EN)).isEqualTo("The old root is still mounted at /oldroot: the process can still read the whole host there.");
        }
        try (StudentShell sh = StudentShell.start("chroot", "/srv/jlab/rootfs", "/bin/sleep", "60")) {
            CheckResult c = LabOnHost.of(lab.checkUntil(r -> LabOnHost.of(r, "pivoted").status() == Status.PARTIAL), "pivoted");
            assertThat(c.message().in(Lang.EN)).endsWith("but in the host's mount namespace: that is a chroot.");
            assertThat(c.hints().get(0).in(Lang.EN)).contains("pivot_root . oldroot");
        }
    }
}
