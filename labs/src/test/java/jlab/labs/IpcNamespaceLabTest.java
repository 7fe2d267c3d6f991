package jlab.labs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import jlab.labs.check.Status;
import jlab.labs.model.Lang;
import jlab.labs.run.CheckResult;
import jlab.labs.run.LabResult;

/**
 * ipc-namespace on the real kernel, solved with unshare and ipcmk as a student
 * would: the queue is found by reading /proc/sysvipc/msg from inside the
 * namespace, the host's ipcs does not show it, the near misses (a queue made
 * on the host, an IPC namespace with nothing in it) get the message that fits,
 * and lab reset kills only the namespaces made since lab start.
 */
@Tag("kernel")
class IpcNamespaceLabTest {
    private static final Pattern KEY = Pattern.compile("key (0x[0-9a-f]{8})");

    @TempDir Path stateDir;
    private LabOnHost lab;

    @AfterEach
    void reset() {
        if (lab != null) lab.reset();
    }

    /** Checks until the check's evidence names the IPC namespace of that process. */
    private LabResult checkUntilSeen(long pid) throws InterruptedException {
        return lab.checkUntil(r -> LabOnHost.of(r, "own-queue").evidence().stream().anyMatch(e -> e.where().endsWith("(pid " + pid + "'s)")));
    }

    @Test
    void ipcmk_in_a_shell_started_by_unshare_ipc_passes_the_host_does_not_see_the_queue_and_reset_kills_it() throws Exception {
        lab = new LabOnHost("ipc-namespace", stateDir).start();
        try (StudentShell sh = StudentShell.start("unshare", "--ipc", "sh", "-c", "ipcmk -Q && exec sleep 60")) {
            LabResult r = lab.checkUntil(x -> LabOnHost.of(x, "own-queue").message().in(Lang.EN).startsWith("pid " + sh.pid() + " (sleep)"));
            CheckResult c = LabOnHost.of(r, "own-queue");
            assertThat(c.status()).as(r.toString()).isEqualTo(Status.PASS);
            assertThat(c.message().in(Lang.EN)).contains("is in an IPC namespace of its own, which holds msqid 0, key 0x");
            Matcher key = KEY.matcher(c.message().in(Lang.EN));
            assertThat(key.find()).isTrue();
            assertThat(PlainTools.sh("ipcs -q")).as("the host's ipcs").doesNotContain(key.group(1));

            assertThat(lab.reset()).anySatisfy(line -> assertThat(line).startsWith("killed pid " + sh.pid() + " (sleep) (its IPC namespace ipc:[")
                    .endsWith("] holds a message queue)"));
            assertThat(sh.exited(5000)).as("its namespace, and the queue, go with it").isTrue();
        }
    }

    @Test
    void a_queue_made_on_the_host_fails_and_the_hint_says_how_to_remove_it() throws Exception {
        lab = new LabOnHost("ipc-namespace", stateDir).start();
        String made = PlainTools.sh("ipcmk -Q"); // the slip: no unshare first
        String id = made.replaceAll("(?s).*Message queue id: (\\d+).*", "$1");
        try {
            CheckResult c = LabOnHost.of(lab.check(), "own-queue");
            assertThat(c.evidence().get(0).observed()).contains("msqid " + id + ", key ");
            if (c.status() != Status.PASS) { // another test's namespace holding a queue would pass it
                assertThat(c.message().in(Lang.EN)).startsWith("No IPC namespace of its own holds a message queue, but the host's has: ")
                        .contains("msqid " + id + ", key ");
                assertThat(c.hints().get(0).in(Lang.EN)).contains("ipcrm").contains("-q " + id).contains("`unshare --ipc sh` first");
            }
            assertThat(lab.reset()).as("a reset leaves the host's own IPC objects alone").noneMatch(l -> l.contains("msqid"));
            assertThat(PlainTools.sh("ipcs -q")).contains(" " + id + " ");
        } finally {
            PlainTools.trySh("ipcrm -q " + id);
        }
    }

    @Test
    void an_ipc_namespace_with_no_queue_is_named_and_told_to_run_ipcmk() throws Exception {
        lab = new LabOnHost("ipc-namespace", stateDir).start();
        try (StudentShell sh = StudentShell.start("unshare", "--ipc", "sleep", "60").becomes("sleep")) {
            CheckResult c = LabOnHost.of(checkUntilSeen(sh.pid()), "own-queue");
            assertThat(c.evidence()).anySatisfy(e -> {
                assertThat(e.where()).endsWith("(pid " + sh.pid() + "'s)");
                assertThat(e.observed()).isEqualTo("(none)");
            });
            if (c.status() != Status.PASS && c.message().in(Lang.EN).contains("an IPC namespace of its own, but")) {
                assertThat(c.message().in(Lang.EN)).contains("pid " + sh.pid() + " (sleep)").endsWith("no message queue in it (its `ipcs -q` is empty).");
                assertThat(c.hints().get(0).in(Lang.EN)).contains("`ipcmk -Q`");
            }
            assertThat(lab.reset()).as("nothing in it: not the lab's").noneMatch(l -> l.startsWith("killed pid " + sh.pid()));
        }
    }

    @Test
    void a_namespace_made_before_lab_start_is_left_to_its_owner() throws Exception {
        try (StudentShell older = StudentShell.start("unshare", "--ipc", "sh", "-c", "ipcmk -Q && exec sleep 60")) {
            Thread.sleep(100); // clock ticks are 10 ms: lab start comes strictly later
            lab = new LabOnHost("ipc-namespace", stateDir).start();
            lab.checkUntil(x -> LabOnHost.of(x, "own-queue").status() == Status.PASS);
            assertThat(lab.reset()).noneMatch(l -> l.startsWith("killed pid " + older.pid()));
            assertThat(older.alive()).isTrue();
        }
    }
}
