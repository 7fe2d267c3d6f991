package jlab.labs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.function.Predicate;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import jlab.engine.state.StateDir;
import jlab.kernel.syscall.Syscalls;
import jlab.labs.check.Status;
import jlab.labs.model.Lab;
import jlab.labs.model.Lang;
import jlab.labs.run.CheckResult;
import jlab.labs.run.LabResult;

/** The uts-namespace lab on the real kernel, solved with unshare and hostname as a student would. */
@Tag("kernel")
class UtsNamespaceLabTest {
    @TempDir Path stateDir;
    private StateDir state;
    private final Lab lab = Catalogue.builtIn().find("uts-namespace").orElseThrow();

    @BeforeEach
    void root() {
        Skip.unless(Syscalls.get().geteuid() == 0, "requires root: reading other processes' namespaces needs ptrace access");
        state = new StateDir(stateDir);
        Labs.start(lab, state);
    }

    @AfterEach
    void reset() {
        if (state != null) Labs.reset(lab, state);
    }

    /** The kernel needs a moment between the shell's start and its hostname call: poll until the predicate holds. */
    private LabResult checkUntil(Predicate<LabResult> done) throws InterruptedException {
        LabResult r = Labs.check(lab, state);
        for (int i = 0; i < 100 && !done.test(r); i++) {
            Thread.sleep(20);
            r = Labs.check(lab, state);
        }
        return r;
    }

    private static CheckResult check(LabResult r, String id) {
        return r.checks().stream().filter(c -> c.id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void unshare_uts_and_hostname_in_a_running_shell_passes_and_reset_kills_it() throws Exception {
        try (StudentShell shell = StudentShell.start("unshare", "--uts", "sh", "-c", "hostname jlab-uts; exec sleep 60")) {
            LabResult r = checkUntil(LabResult::allPassed);

            assertThat(r.allPassed()).as(r.toString()).isTrue();
            assertThat(r.score()).isEqualTo(5);
            assertThat(check(r, "own-hostname").evidence()).anySatisfy(e -> {
                assertThat(e.where()).isEqualTo("/proc/" + shell.pid() + "/ns/uts");
                assertThat(e.observed()).endsWith("hostname jlab-uts");
            });

            assertThat(Labs.reset(lab, state)).anyMatch(line -> line.startsWith("killed pid " + shell.pid()));
            assertThat(shell.exited(5000)).as("lab reset kills the processes named jlab-uts").isTrue();
            assertThat(check(Labs.check(lab, state), "own-hostname").status()).isEqualTo(Status.FAIL);
        }
    }

    @Test
    void a_uts_namespace_whose_hostname_was_not_changed_fails_and_says_the_name_it_has() throws Exception {
        String hostname = Syscalls.get().gethostname();
        try (StudentShell shell = StudentShell.start("unshare", "--uts", "sleep", "60")) {
            LabResult r = checkUntil(x -> check(x, "own-hostname").evidence().stream()
                    .anyMatch(e -> e.where().equals("/proc/" + shell.pid() + "/ns/uts")));
            CheckResult own = check(r, "own-hostname");

            assertThat(own.status()).isEqualTo(Status.FAIL);
            assertThat(own.message().in(Lang.EN)).contains("their hostname is").contains(hostname).endsWith("not jlab-uts.");
            assertThat(own.hints().get(0).in(Lang.EN)).contains("hostname jlab-uts");
            assertThat(check(r, "host-unchanged").status()).isEqualTo(Status.PASS);
        }
    }
}
