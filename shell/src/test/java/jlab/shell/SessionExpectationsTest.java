package jlab.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/** The pins of a course session, read without a kernel: what holds, and what is reported when it does not. */
class SessionExpectationsTest {
    @Test
    void a_pin_that_the_output_does_not_hold_is_named_with_its_file_and_line() throws IOException {
        Path pins = Files.writeString(Files.createTempFile("jlab-pins", ".expect"), """
                # a comment
                out: ^my pid: 2$
                out: ^NSpid:\\s+\\d+\\s+3$
                err: ^Killed$
                not: ^0::/.+$
                """);
        try {
            String name = pins.getFileName().toString();
            assertThat(SessionExpectations.mismatches(pins, "my pid: 2\nNSpid:\t4242\t3\n0::/\n", "Killed\n")).isEmpty();
            assertThat(SessionExpectations.mismatches(pins, "NSpid:\t4242\t3\nmy pid: 2\n0::/jlab\n", "")).containsExactly(
                    name + ":3: no line of standard output after line 2 (the previous pin's) matches /^NSpid:\\s+\\d+\\s+3$/",
                    name + ":4: no line of standard error matches /^Killed$/",
                    name + ":5: standard output line 3 matches /^0::/.+$/: 0::/jlab");
        } finally {
            Files.delete(pins);
        }
    }

    @Test
    void kernel_stands_for_this_hosts_kernel_release() throws IOException {
        String release = Files.readString(Path.of("/proc/sys/kernel/osrelease")).strip();
        Path pins = Files.writeString(Files.createTempFile("jlab-pins", ".expect"), "out: ^{kernel}$\n");
        try {
            assertThat(SessionExpectations.mismatches(pins, release + "\n", "")).isEmpty();
            assertThat(SessionExpectations.mismatches(pins, "2.6.32\n", "")).hasSize(1);
        } finally {
            Files.delete(pins);
        }
    }

    @Test
    void a_named_group_remembers_what_it_matched_for_a_later_pin() throws IOException {
        Path pins = Files.writeString(Files.createTempFile("jlab-pins", ".expect"), """
                out: ^web\\s+1\\s+(?<webid>[0-9a-f]{12})\\s
                out: ^Loaded image: web:1$
                out: ^web\\s+1\\s+{webid}\\s
                err: {nothing}
                """);
        try {
            String name = pins.getFileName().toString();
            assertThat(SessionExpectations.mismatches(pins, "web  1  fc4cb3e219f3  2.0MiB\nLoaded image: web:1\nweb  1  fc4cb3e219f3  2.0MiB\n", ""))
                    .containsExactly(name + ":4: a {NAME} that no earlier pin's group (?<NAME>...) matched: err: {nothing}");
            assertThat(SessionExpectations.mismatches(pins, "web  1  fc4cb3e219f3  2.0MiB\nLoaded image: web:1\nweb  1  0123456789ab  2.0MiB\n", ""))
                    .hasSize(2).first().asString().startsWith(name + ":3: no line of standard output after line 2");
        } finally {
            Files.delete(pins);
        }
    }
}
