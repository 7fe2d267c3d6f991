package jlab.web.terminal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.net.http.HttpResponse;
import java.net.http.WebSocketHandshakeException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The web terminal end to end, without a browser: a real server on a loopback
 * port, the JDK's WebSocket as the page, /bin/sh on a real pty.
 */
@Tag("kernel")
class TerminalRoutesTest {
    private TestTutor tutor;
    private final List<TermClient> clients = new ArrayList<>();
    private final List<Long> pids = new ArrayList<>();

    private TestTutor tutor(java.util.function.UnaryOperator<TerminalService.Options> tune) {
        tutor = new TestTutor(tune);
        return tutor;
    }

    private TestTutor tutor() { return tutor(o -> o); }

    @AfterEach
    void nothingLeaks() throws Exception {
        clients.forEach(TermClient::close);
        if (tutor != null) {
            pids.addAll(tutor.terminals.pids().values());
            tutor.close();
        }
        for (long pid : pids) awaitGone(pid);
    }

    private TermClient open(TestTutor.Browser b, JsonNode ticket) throws Exception {
        TermClient c = tutor.open(b, ticket);
        clients.add(c);
        return c;
    }

    private static long pidOf(TermClient c) throws InterruptedException {
        return c.awaitControl("ready").get("pid").asLong();
    }

    static void awaitGone(long pid) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(15));
        while (Files.exists(Path.of("/proc/" + pid))) {
            if (Instant.now().isAfter(deadline)) throw new AssertionError("process " + pid + " is still there");
            Thread.sleep(20);
        }
    }

    @Test
    void typing_echo_hi_shows_hi() throws Exception {
        TestTutor t = tutor();
        TestTutor.Browser b = t.login();
        TermClient c = open(b, t.ticket(b, "command", "shell"));
        pids.add(pidOf(c));
        c.type("echo h''i\r");
        c.await("\nhi", 0);
    }

    @Test
    void a_resize_changes_stty_size() throws Exception {
        TestTutor t = tutor();
        TestTutor.Browser b = t.login();
        TermClient c = open(b, t.ticket(b, "command", "shell"));
        c.resize(132, 43);
        c.type("stty size\r");
        c.await("43 132", 0);
    }

    @Test
    void a_reconnect_with_a_new_ticket_replays_the_scrollback_to_the_same_shell() throws Exception {
        TestTutor t = tutor();
        TestTutor.Browser b = t.login();
        JsonNode first = t.ticket(b, "command", "shell");
        TermClient c = open(b, first);
        long pid = pidOf(c);
        c.type("echo before-$((6 * 7))\r");
        c.await("before-42", 0);
        c.close(); // the network dropped

        TermClient again = open(b, t.ticket(b, "terminal", first.get("terminal").asText()));
        JsonNode ready = again.awaitControl("ready");
        assertThat(ready.get("pid").asLong()).isEqualTo(pid);
        assertThat(ready.get("terminal").asText()).isEqualTo(first.get("terminal").asText());
        again.await("before-42", 0); // replayed
        again.type("echo pid=$$\r");
        again.await("pid=" + pid, 0);
    }

    @Test
    void a_websocket_from_another_origin_is_refused_with_403_before_the_upgrade() throws Exception {
        TestTutor t = tutor();
        TestTutor.Browser b = t.login();
        JsonNode ticket = t.ticket(b, "command", "cat");
        for (String origin : new String[] {"http://evil.example", "http://127.0.0.1:1", null}) {
            Throwable e = catchThrowable(() -> TermClient.connect(t.http, t.wsUrl(ticket.get("ticket").asText()), origin, b.cookie()));
            assertThat(e).isInstanceOf(ExecutionException.class).hasCauseInstanceOf(WebSocketHandshakeException.class);
            assertThat(((WebSocketHandshakeException) e.getCause()).getResponse().statusCode()).as("origin " + origin).isEqualTo(403);
        }
        // The ticket was not spent by the refused attempts: the tutor's own page can still use it.
        open(b, ticket).awaitControl("ready");
    }

    @Test
    void a_websocket_without_a_browser_session_is_refused_with_401_before_the_upgrade() throws Exception {
        TestTutor t = tutor();
        TestTutor.Browser b = t.login();
        JsonNode ticket = t.ticket(b, "command", "cat");
        for (String cookie : new String[] {null, "jlab_session=" + "x".repeat(43)}) {
            Throwable e = catchThrowable(() -> TermClient.connect(t.http, t.wsUrl(ticket.get("ticket").asText()), t.origin, cookie));
            assertThat(e).as("cookie " + cookie).isInstanceOf(ExecutionException.class).hasCauseInstanceOf(WebSocketHandshakeException.class);
            HttpResponse<?> refused = ((WebSocketHandshakeException) e.getCause()).getResponse();
            assertThat(refused.statusCode()).as("cookie " + cookie).isEqualTo(401);
        }
        open(b, ticket).awaitControl("ready"); // the ticket was not spent
    }

    @Test
    void a_replayed_ticket_is_refused_with_a_reason() throws Exception {
        TestTutor t = tutor();
        TestTutor.Browser b = t.login();
        JsonNode ticket = t.ticket(b, "command", "cat");
        open(b, ticket).awaitControl("ready");
        TermClient replay = open(b, ticket);
        assertThat(replay.awaitClose()).isEqualTo("4401 this terminal link is used or expired: reload the page");
    }

    @Test
    void an_expired_ticket_is_refused() throws Exception {
        TestTutor t = tutor(o -> o.withTicketLifetime(Duration.ofMillis(100)));
        TestTutor.Browser b = t.login();
        JsonNode ticket = t.ticket(b, "command", "cat");
        Thread.sleep(300); // the lifetime is the point of this test: let it pass
        assertThat(open(b, ticket).awaitClose()).startsWith("4401 this terminal link is used or expired");
    }

    @Test
    void another_browser_session_can_use_neither_the_ticket_nor_the_terminal() throws Exception {
        TestTutor t = tutor();
        TestTutor.Browser alice = t.login();
        TestTutor.Browser mallory = t.login();
        JsonNode ticket = t.ticket(alice, "command", "cat");
        assertThat(open(mallory, ticket).awaitClose()).isEqualTo("4401 this terminal belongs to another browser session: reload the page");

        HttpResponse<String> r = t.ticketRequest(mallory, "{\"terminal\":\"" + ticket.get("terminal").asText() + "\"}");
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.body()).contains("in this browser session: it has ended, open a new one");
    }

    @Test
    void a_ticket_needs_a_session_and_its_csrf_token() throws Exception {
        TestTutor t = tutor();
        HttpResponse<String> none = t.ticketRequest(null, "{}");
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.body()).contains("no browser session");

        TestTutor.Browser b = t.login();
        HttpResponse<String> forged = t.ticketRequest(new TestTutor.Browser(b.cookie(), "wrong"), "{}");
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(t.terminals.pids()).isEmpty();
    }

    @Test
    void a_bad_ticket_request_is_a_clear_400() throws Exception {
        TestTutor t = tutor();
        TestTutor.Browser b = t.login();
        HttpResponse<String> unknown = t.ticketRequest(b, "{\"command\":\"rm -rf\"}");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).contains("unknown terminal command 'rm -rf': choose one of");
        HttpResponse<String> notJson = t.ticketRequest(b, "command=jlab");
        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(notJson.body()).contains("the ticket request is JSON");
    }

    @Test
    void closing_ends_the_process_at_once() throws Exception {
        TestTutor t = tutor();
        TestTutor.Browser b = t.login();
        TermClient c = open(b, t.ticket(b, "command", "shell"));
        long pid = pidOf(c);
        c.send("{\"type\":\"close\"}");
        assertThat(c.awaitClose()).isEqualTo("1000 the terminal was closed");
        awaitGone(pid);
        assertThat(t.terminals.pids()).doesNotContainValue(pid);
    }

    @Test
    void a_second_tab_takes_the_terminal_over_and_the_first_is_told() throws Exception {
        TestTutor t = tutor();
        TestTutor.Browser b = t.login();
        JsonNode first = t.ticket(b, "command", "shell");
        TermClient older = open(b, first);
        long pid = pidOf(older);
        TermClient newer = open(b, t.ticket(b, "terminal", first.get("terminal").asText()));
        assertThat(pidOf(newer)).isEqualTo(pid);

        assertThat(older.awaitControl("taken-over").get("message").asText()).isEqualTo("this terminal was opened in another tab");
        assertThat(older.awaitClose()).isEqualTo("4409 this terminal was opened in another tab");
        newer.type("echo still-$((1 + 1))\r");
        newer.await("still-2", 0);
    }

    @Test
    void a_terminal_whose_page_does_not_come_back_ends_after_the_reconnect_window() throws Exception {
        TestTutor t = tutor(o -> o.withReconnectWindow(Duration.ofMillis(500)));
        TestTutor.Browser b = t.login();
        JsonNode ticket = t.ticket(b, "command", "shell");
        TermClient c = open(b, ticket);
        long pid = pidOf(c);
        c.close();
        awaitGone(pid);
        HttpResponse<String> late = t.ticketRequest(b, "{\"terminal\":\"" + ticket.get("terminal").asText() + "\"}");
        assertThat(late.statusCode()).isEqualTo(404);
    }

    @Test
    void a_fifth_terminal_in_one_browser_is_refused_with_429() throws Exception {
        TestTutor t = tutor();
        TestTutor.Browser b = t.login();
        for (int i = 0; i < 4; i++) t.ticket(b, "command", "cat");
        HttpResponse<String> fifth = t.ticketRequest(b, "{\"command\":\"cat\"}");
        assertThat(fifth.statusCode()).isEqualTo(429);
        assertThat(fifth.body()).contains("this browser already has 4 terminals open: close one (its tab) first");
        assertThat(t.terminals.pids()).hasSize(4);
    }

    @Test
    void the_exit_of_the_program_is_reported_with_its_code() throws Exception {
        TestTutor t = tutor();
        TestTutor.Browser b = t.login();
        TermClient c = open(b, t.ticket(b, "command", "shell"));
        pids.add(pidOf(c));
        c.type("exit 3\r");
        assertThat(c.awaitControl("exited").get("code").asInt()).isEqualTo(3);
        assertThat(c.awaitClose()).isEqualTo("1000 the program exited with code 3");
    }

    @Test
    void a_malformed_message_gets_one_line_and_the_terminal_goes_on() throws Exception {
        TestTutor t = tutor();
        TestTutor.Browser b = t.login();
        TermClient c = open(b, t.ticket(b, "command", "cat"));
        c.awaitControl("ready");
        c.send("{\"type\":\"resize\",\"cols\":0,\"rows\":24}");
        assertThat(c.awaitControl("error").get("message").asText()).isEqualTo("a terminal size must be 1 to 1000 columns and rows, not 0x24");
        c.type("still here\r");
        c.await("still here", 0);
    }

    @Test
    void a_message_over_the_limit_closes_the_socket_with_1009() throws Exception {
        TestTutor t = tutor();
        TestTutor.Browser b = t.login();
        TermClient c = open(b, t.ticket(b, "command", "cat"));
        c.awaitControl("ready");
        c.type("x".repeat(70_000));
        assertThat(c.awaitClose()).startsWith("1009");
    }
}
