package jlab.labs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import jlab.labs.check.Status;
import jlab.labs.model.Lang;
import jlab.labs.run.LabResult;

/** The overlay lab on the real kernel: mount -t overlay, a write (copy-up) and an rm (whiteout) through merged. */
@Tag("kernel")
class OverlayLabTest {
    @TempDir Path stateDir;
    private LabOnHost lab;

    @AfterEach
    void reset() {
        if (lab == null) return;
        lab.reset();
        assertThat(Path.of("/srv/jlab/overlay")).as("lab reset removes the lab's tree").doesNotExist();
        assertThat(Files.exists(Path.of("/proc/self/mountinfo"))).isTrue();
    }

    private static int sh(String script) throws Exception {
        return new ProcessBuilder("sh", "-c", script).inheritIO().start().waitFor();
    }

    @Test
    void mounted_with_relative_layers_changed_and_deleted_through_merged_passes() throws Exception {
        lab = new LabOnHost("overlay", stateDir).start();
        assertThat(sh("cd /srv/jlab/overlay && mount -t overlay overlay -o lowerdir=lower,upperdir=upper,workdir=work merged"
                + " && echo changed > merged/base.txt && rm merged/old.txt")).isZero();
        LabResult r = lab.check();
        assertThat(r.allPassed()).as(r.toString()).isTrue();
        assertThat(LabOnHost.of(r, "deleted").evidence()).anySatisfy(e ->
                assertThat(e.observed()).isEqualTo("a whiteout (character device 0/0)"));
        assertThat(lab.reset()).contains("unmounted /srv/jlab/overlay/merged (on the host)", "removed /srv/jlab/overlay");
        assertThat(Files.readString(Path.of("/proc/self/mountinfo"))).doesNotContain("/srv/jlab/overlay");
    }

    @Test
    void nothing_mounted_fails_and_skips_what_depends_on_it() throws Exception {
        lab = new LabOnHost("overlay", stateDir).start();
        LabResult r = lab.check();
        assertThat(r.checks()).extracting(c -> c.status()).containsExactly(Status.FAIL, Status.SKIPPED, Status.SKIPPED);
        assertThat(LabOnHost.of(r, "mounted").hints().get(0).in(Lang.EN)).startsWith("`mount -t overlay overlay -o lowerdir=");
        assertThat(LabOnHost.of(r, "changed").message().in(Lang.EN)).isEqualTo("Not checked: 'mounted' must pass first.");
    }

    @Test
    void writing_into_the_lower_layer_is_caught() throws Exception {
        lab = new LabOnHost("overlay", stateDir).start();
        assertThat(sh("cd /srv/jlab/overlay && mount -t overlay overlay -o lowerdir=$PWD/lower,upperdir=$PWD/upper,workdir=$PWD/work merged"
                + " && echo changed > lower/base.txt")).isZero();
        LabResult r = lab.check();
        assertThat(LabOnHost.of(r, "mounted").status()).isEqualTo(Status.PASS);
        assertThat(LabOnHost.of(r, "changed").status()).isEqualTo(Status.FAIL);
        assertThat(LabOnHost.of(r, "changed").message().in(Lang.EN))
                .isEqualTo("The lower layer was changed: /srv/jlab/overlay/lower/base.txt is no longer the original file.");
        assertThat(LabOnHost.of(r, "deleted").message().in(Lang.EN)).isEqualTo("/srv/jlab/overlay/merged/old.txt is still there.");
    }
}
