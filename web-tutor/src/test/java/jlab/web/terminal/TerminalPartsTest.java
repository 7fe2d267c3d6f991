package jlab.web.terminal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

/** The terminal's pure parts: scrollback, UTF-8 cutting, messages, origins, tickets. */
class TerminalPartsTest {
    private static byte[] b(String s) { return s.getBytes(StandardCharsets.UTF_8); }

    @Test
    void the_scrollback_keeps_everything_until_full() {
        Scrollback s = new Scrollback(16);
        s.append(b("ab\n"));
        s.append(b("cd"));
        assertThat(new String(s.snapshot(), StandardCharsets.UTF_8)).isEqualTo("ab\ncd");
    }

    @Test
    void a_full_scrollback_drops_the_oldest_and_replays_from_a_line_start() {
        Scrollback s = new Scrollback(10);
        s.append(b("first line\nsecond\nthird"));
        // kept: the last 10 bytes "ond\nthird", replayed from after the first newline
        assertThat(new String(s.snapshot(), StandardCharsets.UTF_8)).isEqualTo("third");
        s.append(b("\n12"));
        assertThat(new String(s.snapshot(), StandardCharsets.UTF_8)).isEqualTo("third\n12"); // kept "d\nthird\n12"
    }

    @Test
    void many_small_appends_wrap_around_the_ring() {
        Scrollback s = new Scrollback(8);
        for (int i = 0; i < 100; i++) s.append(b(i % 10 + "\n"));
        assertThat(new String(s.snapshot(), StandardCharsets.UTF_8)).isEqualTo("7\n8\n9\n");
    }

    @Test
    void output_is_cut_before_an_incomplete_utf8_character() {
        byte[] euro = b("a€"); // 61 e2 82 ac
        assertThat(Utf8Tail.completeLength(euro, 4)).isEqualTo(4);
        assertThat(Utf8Tail.completeLength(euro, 3)).isEqualTo(1);
        assertThat(Utf8Tail.completeLength(euro, 2)).isEqualTo(1);
        byte[] smile = b("😀"); // 4 bytes
        assertThat(Utf8Tail.completeLength(smile, 3)).isZero();
        assertThat(Utf8Tail.completeLength(b("plain"), 5)).isEqualTo(5);
        assertThat(Utf8Tail.completeLength(new byte[] {(byte) 0xff, (byte) 0x80}, 2)).isEqualTo(2); // not UTF-8: sent as is
    }

    @Test
    void client_messages_parse_or_say_what_is_wrong() throws Exception {
        ObjectMapper json = new ObjectMapper();
        assertThat(ClientMessage.parse("{\"type\":\"input\",\"data\":\"ls\\r\"}", json)).isEqualTo(new ClientMessage.Input("ls\r"));
        assertThat(ClientMessage.parse("{\"type\":\"resize\",\"cols\":120,\"rows\":40}", json))
                .isEqualTo(new ClientMessage.Resize(new jlab.kernel.pty.WindowSize(120, 40)));
        assertThat(ClientMessage.parse("{\"type\":\"close\"}", json)).isEqualTo(new ClientMessage.Close());
        assertThatThrownBy(() -> ClientMessage.parse("ls", json)).hasMessageContaining("must be JSON");
        assertThatThrownBy(() -> ClientMessage.parse("{\"type\":\"input\"}", json)).hasMessage("an input message needs \"data\", a string");
        assertThatThrownBy(() -> ClientMessage.parse("{\"type\":\"resize\",\"cols\":1.5,\"rows\":2}", json))
                .hasMessage("a resize message needs whole numbers \"cols\" and \"rows\"");
        assertThatThrownBy(() -> ClientMessage.parse("{\"type\":\"exec\"}", json)).hasMessage("unknown terminal message type 'exec': use input, resize or close");
    }

    @Test
    void only_a_loopback_origin_on_the_servers_port_is_ours() {
        assertThat(LoopbackOrigin.accepts("http://127.0.0.1:7070", 7070)).isTrue();
        assertThat(LoopbackOrigin.accepts("http://localhost:7070", 7070)).isTrue();
        assertThat(LoopbackOrigin.accepts("http://127.0.0.1:7071", 7070)).isFalse();
        assertThat(LoopbackOrigin.accepts("http://rebound.example:7070", 7070)).as("DNS rebinding").isFalse();
        assertThat(LoopbackOrigin.accepts("null", 7070)).isFalse();
    }

    @Test
    void a_ticket_works_once_for_its_session_until_it_expires() {
        MutableClock clock = new MutableClock();
        Tickets t = new Tickets(Duration.ofSeconds(30), clock);
        String once = t.issue("s1", "T1");
        assertThat(t.redeem(once, "s1")).isEqualTo(new Tickets.Outcome("T1", null));
        assertThat(t.redeem(once, "s1").refusal()).isEqualTo(Tickets.Refusal.UNKNOWN);

        String other = t.issue("s1", "T1");
        assertThat(t.redeem(other, "s2").refusal()).isEqualTo(Tickets.Refusal.OTHER_SESSION);
        assertThat(t.redeem(other, "s1").refusal()).as("spent by the failed try").isEqualTo(Tickets.Refusal.UNKNOWN);

        String late = t.issue("s1", "T1");
        clock.now = clock.now.plusSeconds(31);
        assertThat(t.redeem(late, "s1").refusal()).isEqualTo(Tickets.Refusal.UNKNOWN);
        assertThat(t.redeem(null, "s1").refusal()).isEqualTo(Tickets.Refusal.UNKNOWN);
    }

    @Test
    void the_terminal_gets_jlabs_state_directory_and_not_the_servers_secrets() {
        TerminalCommand sh = new TerminalCommand("shell", java.util.List.of("/bin/sh"), java.nio.file.Path.of("/"));
        java.util.List<String> env = sh.environment(java.util.Map.of("JLAB_STATE_DIR", "/var/lib/jlab-x",
                "JLAB_DB_PASSWORD", "secret", "PATH", "/usr/bin"));
        assertThat(env).contains("JLAB_STATE_DIR=/var/lib/jlab-x", "PATH=/usr/bin", "TERM=xterm-256color")
                .noneMatch(e -> e.startsWith("JLAB_DB_PASSWORD"));
    }

    private static final class MutableClock extends Clock {
        Instant now = Instant.parse("2026-11-01T10:00:00Z");

        @Override public ZoneOffset getZone() { return ZoneOffset.UTC; }
        @Override public Clock withZone(java.time.ZoneId zone) { return this; }
        @Override public Instant instant() { return now; }
    }
}
