package jlab.engine.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A process is its pid and its start time, read from a fake /proc/PID/stat. */
class ProcessIdentityTest {
    @TempDir Path proc;

    /** /proc/PID/stat as the kernel writes it: field 3 is the state, field 22 the start time. */
    private void stat(long pid, String comm, char state, long startTime) throws IOException {
        String line = pid + " (" + comm + ") " + state
                + " 1 " + pid + " " + pid + " 0 -1 4194560 120 0 0 0 3 1 0 0 20 0 1 0 "
                + startTime + " 4374528 230 18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 0 17 3 0 0 0 0 0\n";
        Path file = proc.resolve(Long.toString(pid)).resolve("stat");
        Files.createDirectories(file.getParent());
        Files.writeString(file, line);
    }

    @Test
    void the_start_time_is_field_22_even_when_comm_holds_spaces_and_parentheses() throws IOException {
        stat(4242, "my (weird) proc", 'S', 987654);
        assertThat(ProcessIdentity.startTimeOf(proc, 4242)).isEqualTo(987654);
        assertThat(new ProcessIdentity(4242, 987654).isAlive(proc)).isTrue();
    }

    @Test
    void a_comm_that_imitates_the_fields_after_it_does_not_fool_the_parser() throws IOException {
        stat(4242, "x) Z 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 111 (", 'R', 987654);
        assertThat(ProcessIdentity.startTimeOf(proc, 4242)).isEqualTo(987654);
        assertThat(new ProcessIdentity(4242, 987654).isAlive(proc)).isTrue();
    }

    @Test
    void a_zombie_is_not_alive() throws IOException {
        stat(4242, "sh", 'Z', 987654);
        assertThat(new ProcessIdentity(4242, 987654).isAlive(proc)).isFalse();
    }

    @Test
    void a_newer_process_with_the_same_pid_is_not_the_same_process() throws IOException {
        stat(4242, "sh", 'S', 1_000_000);
        assertThat(new ProcessIdentity(4242, 987654).isAlive(proc)).isFalse();
    }

    @Test
    void a_missing_pid_is_not_alive_and_has_no_start_time() {
        assertThat(new ProcessIdentity(4242, 987654).isAlive(proc)).isFalse();
        assertThat(ProcessIdentity.startTimeOf(proc, 4242)).isEqualTo(-1);
    }

    @Test
    void pid_zero_or_below_is_never_alive() throws IOException {
        stat(0, "swapper", 'S', 0);
        assertThat(new ProcessIdentity(0, 0).isAlive(proc)).isFalse();
    }

    @Test
    void a_truncated_stat_line_has_no_start_time() throws IOException {
        Path file = Files.createDirectories(proc.resolve("4242")).resolve("stat");
        Files.writeString(file, "4242 (sh) S 1 4242\n");
        assertThat(ProcessIdentity.startTimeOf(proc, 4242)).isEqualTo(-1);
        assertThat(new ProcessIdentity(4242, -1).isAlive(proc)).isFalse();
    }
}
