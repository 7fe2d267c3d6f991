package jlab.shell.command;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DockerTimeTest {
    @Test
    void durations_read_as_docker_ps_prints_them() {
        assertThat(DockerTime.human(400)).isEqualTo("Less than a second");
        assertThat(DockerTime.human(1_500)).isEqualTo("1 second");
        assertThat(DockerTime.human(3_000)).isEqualTo("3 seconds");
        assertThat(DockerTime.human(61_000)).isEqualTo("About a minute");
        assertThat(DockerTime.human(5 * 60_000)).isEqualTo("5 minutes");
        assertThat(DockerTime.human(3_600_000)).isEqualTo("About an hour");
        assertThat(DockerTime.human(3 * 3_600_000L)).isEqualTo("3 hours");
        assertThat(DockerTime.human(3 * 86_400_000L)).isEqualTo("3 days");
    }
}
