package jlab.kernel.pty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import jlab.kernel.syscall.Leaks;

/** A real pseudo-terminal on the real kernel, driving /bin/sh as a terminal emulator would. */
@Tag("kernel")
class PtyProcessKernelTest {
    private static final Path SH = Path.of("/bin/sh");
    private static final List<String> ENV = List.of("TERM=dumb", "PATH=/usr/bin:/bin", "PS1=$ ", "LANG=C.UTF-8");
    private final List<PtyProcess> started = new ArrayList<>();
    private final List<Long> pids = new ArrayList<>();
    private final Screen screen = new Screen();

    @BeforeEach
    void needsASh() {
        assumeTrue(Files.isExecutable(SH), "needs /bin/sh");
    }

    @AfterEach
    void nothingLeaks() {
        started.forEach(PtyProcess::close);
        pids.forEach(Leaks::assertProcessGone);
    }

    private PtyProcess start(String... argv) {
        PtyProcess p = PtyProcess.start(new PtyProcess.Spec(List.of(argv), ENV, null, WindowSize.standard()), screen);
        started.add(p);
        pids.add(p.pid());
        return p;
    }

    private static void type(PtyProcess p, String text) {
        assertThat(p.write(text.getBytes(StandardCharsets.UTF_8))).isTrue();
    }

    @Test
    void what_is_typed_reaches_the_shell_and_its_output_comes_back() throws Exception {
        PtyProcess sh = start(SH.toString());
        type(sh, "echo hi-$((40 + 2))\n");
        screen.await("hi-42", 0);
    }

    @Test
    void stty_size_shows_a_resize() throws Exception {
        PtyProcess sh = start(SH.toString());
        type(sh, "stty size\n");
        int after = screen.await("24 80", 0);
        sh.resize(new WindowSize(100, 30));
        type(sh, "stty size\n");
        screen.await("30 100", after);
    }

    @Test
    void the_child_leads_a_new_session_whose_controlling_terminal_is_the_slave() throws Exception {
        PtyProcess sh = start(SH.toString());
        type(sh, "echo started\n");
        screen.await("started", 0);
        long[] stat = SessionMembers.statFields(Path.of("/proc/" + sh.pid() + "/stat"));
        long rdev = ((Number) Files.getAttribute(Path.of(sh.tty()), "unix:rdev")).longValue();
        assertThat(stat[1]).as("session id").isEqualTo(sh.pid());
        assertThat(stat[2]).as("tty_nr of /proc/PID/stat").isEqualTo(rdev);
        type(sh, "tty\n");
        screen.await(sh.tty(), 0);
    }

    @Test
    void the_exit_code_arrives_after_all_the_output() throws Exception {
        PtyProcess sh = start(SH.toString(), "-c", "echo last words; exit 3");
        assertThat(sh.exit().get(20, TimeUnit.SECONDS)).isEqualTo(3);
        assertThat(screen.text()).contains("last words");
    }

    @Test
    void closing_hangs_up_the_shell_and_ends_its_background_job_too() throws Exception {
        PtyProcess sh = start(SH.toString());
        type(sh, "set -m; sleep 1000 & echo jo\"\"b=$!\n"); // the quotes keep the echo of the typed line from matching
        int end = screen.await("job=", 0);
        screen.await("\n", end);
        String text = screen.text();
        long job = Long.parseLong(text.substring(end, text.indexOf('\n', end)).trim());
        pids.add(job);
        assertThat(Files.exists(Path.of("/proc/" + job))).isTrue();

        sh.close(Duration.ofSeconds(5));

        assertThat(sh.exit()).isDone();
        // Leaks (in @AfterEach) waits for both pids to be gone: the shell reaped by us, the job by init.
    }

    @Test
    void a_program_that_ignores_sighup_is_killed_after_the_grace() throws Exception {
        PtyProcess p = start(SH.toString(), "-c", "trap '' HUP; echo ready; while :; do sleep 1; done");
        screen.await("ready", 0);
        long t0 = System.nanoTime();
        p.close(Duration.ofMillis(300));
        assertThat(p.exit().get(1, TimeUnit.SECONDS)).isEqualTo(128 + 9);
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void a_terminal_leaves_no_descriptor_open_in_the_jvm() throws Exception {
        PtyProcess warmUp = start(SH.toString(), "-c", "exit 0"); // loads the native stubs first
        warmUp.exit().get(20, TimeUnit.SECONDS);
        List<String> before = openFiles();
        PtyProcess sh = start(SH.toString());
        type(sh, "echo up\n");
        screen.await("up", 0);
        assertThat(openFiles()).contains("/dev/ptmx");
        sh.close();
        assertThat(openFiles()).isEqualTo(before);
    }

    private static List<String> openFiles() throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.map(fd -> {
                try {
                    return Files.readSymbolicLink(fd).toString();
                } catch (IOException e) {
                    return "(gone)"; // the descriptor Files.list itself used
                }
            }).filter(target -> !target.equals("(gone)") && !target.startsWith("/proc/")).sorted().toList();
        }
    }
}
