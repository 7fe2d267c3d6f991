package jlab.web.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import jlab.web.browser.Browser;

/**
 * terminal.js in Debian's headless Chromium: it connects, types, pastes a clicked command (inline, or a
 * listing's line), finds its terminal again after a reload, and switches program on the page's choice.
 */
@Tag("kernel")
class TerminalBrowserTest {
    private TestTutor tutor;

    @AfterEach
    void stop() throws Exception {
        if (tutor != null) {
            var pids = tutor.terminals.pids().values();
            tutor.close();
            for (long pid : pids) TerminalRoutesTest.awaitGone(pid);
        }
    }

    private static WebElement connected(Browser b) {
        return b.await(d -> {
            WebElement t = d.findElement(By.id("terminal"));
            return "connected".equals(t.getAttribute("data-state")) ? t : null;
        });
    }

    private static boolean alive(long pid) {
        return java.nio.file.Files.exists(java.nio.file.Path.of("/proc/" + pid));
    }

    private static String screen(Browser b) {
        return (String) ((JavascriptExecutor) b.driver()).executeScript("return window.jlabTerminal.text()");
    }

    @Test
    void the_page_connects_types_and_pastes_a_clicked_command() {
        tutor = new TestTutor(o -> o);
        try (Browser b = Browser.open()) {
            b.driver().get(tutor.base + "/lab");
            WebElement terminal = b.driver().findElement(By.id("terminal"));
            b.await(d -> "connected".equals(terminal.getAttribute("data-state")));
            assertThat(terminal.getAttribute("data-pid")).matches("[0-9]+");

            b.driver().findElement(By.cssSelector("#terminal textarea")).sendKeys("echo typed-$((40 + 2))\n");
            b.await(d -> screen(b).contains("typed-42"));

            b.driver().findElement(By.id("cmd-echo")).click();
            b.await(d -> screen(b).contains("echo pasted-$((2 + 3))"));
            assertThat(screen(b)).doesNotContain("pasted-5"); // pasted, not run: no Enter
            b.driver().findElement(By.cssSelector("#terminal textarea")).sendKeys("\n");
            b.await(d -> screen(b).contains("pasted-5"));
        }
    }

    @Test
    void a_click_on_a_listing_line_pastes_its_command_without_the_prompt_or_the_callout() {
        tutor = new TestTutor(o -> o);
        try (Browser b = Browser.open()) {
            b.driver().get(tutor.base + "/lab");
            connected(b);
            WebElement listing = b.driver().findElement(By.cssSelector("#listing pre"));
            assertThat(listing.getText()).isEqualTo("# echo one-$((1 + 1))          (1)\none-2\n$ echo two-$((2 + 2))"); // looks the same
            List<WebElement> lines = listing.findElements(By.className("jlab-line"));
            assertThat(lines).extracting(l -> l.getAttribute("data-command")).containsExactly("echo one-$((1 + 1))", "echo two-$((2 + 2))");

            lines.get(1).click();
            b.await(d -> screen(b).contains("echo two-$((2 + 2))"));
            assertThat(screen(b)).doesNotContain("two-4").doesNotContain("$ echo"); // pasted, not run; no prompt
            b.driver().findElement(By.cssSelector("#terminal textarea")).sendKeys("\n");
            b.await(d -> screen(b).contains("two-4"));

            lines.get(0).click();
            b.driver().findElement(By.cssSelector("#terminal textarea")).sendKeys("\n");
            b.await(d -> screen(b).contains("one-2"));
            assertThat(screen(b)).doesNotContain("(1)").doesNotContain("# # echo");
        }
    }

    @Test
    void a_reload_finds_the_same_terminal_and_a_page_that_left_ends_it_after_the_window() throws Exception {
        tutor = new TestTutor(o -> o.withReconnectWindow(Duration.ofSeconds(4)));
        try (Browser b = Browser.open()) {
            b.driver().get(tutor.base + "/lab");
            WebElement terminal = connected(b);
            String id = terminal.getAttribute("data-terminal-id");
            long pid = Long.parseLong(terminal.getAttribute("data-pid"));
            b.driver().findElement(By.cssSelector("#terminal textarea")).sendKeys("echo before-$((6 * 7))\n");
            b.await(d -> screen(b).contains("before-42"));

            b.driver().navigate().refresh();
            WebElement again = connected(b);
            assertThat(again.getAttribute("data-terminal-id")).isEqualTo(id);
            assertThat(again.getAttribute("data-pid")).isEqualTo(String.valueOf(pid));
            b.await(d -> screen(b).contains("before-42")); // the scrollback, replayed
            assertThat(tutor.terminals.pids()).hasSize(1);

            b.driver().get("about:blank"); // the tab leaves for good: nobody asks for the terminal again
            Thread.sleep(1000);
            assertThat(alive(pid)).as("a reload would still find it").isTrue();
            TerminalRoutesTest.awaitGone(pid); // after the window
            assertThat(tutor.terminals.pids()).isEmpty();
        }
    }

    @Test
    void choosing_another_program_ends_the_old_one_at_once_and_a_reload_keeps_the_choice() throws Exception {
        tutor = new TestTutor(o -> o);
        try (Browser b = Browser.open()) {
            b.driver().get(tutor.base + "/lab");
            WebElement terminal = connected(b);
            assertThat(terminal.getAttribute("data-command")).isEqualTo("shell");
            long shellPid = Long.parseLong(terminal.getAttribute("data-pid"));

            new Select(b.driver().findElement(By.id("terminal-command"))).selectByValue("cat");
            WebElement cat = b.await(d -> {
                WebElement t = d.findElement(By.id("terminal"));
                return "cat".equals(t.getAttribute("data-command")) && "connected".equals(t.getAttribute("data-state"))
                        && !String.valueOf(shellPid).equals(t.getAttribute("data-pid")) ? t : null;
            });
            long catPid = Long.parseLong(cat.getAttribute("data-pid"));
            assertThat(ProcessHandle.of(catPid).flatMap(h -> h.info().command()).orElse("")).endsWith("cat");
            TerminalRoutesTest.awaitGone(shellPid); // closed on purpose: not left for the reconnect minute
            b.driver().findElement(By.cssSelector("#terminal textarea")).sendKeys("meow\n");
            b.await(d -> screen(b).contains("meow\nmeow"));

            b.driver().navigate().refresh();
            WebElement after = connected(b);
            assertThat(new Select(b.driver().findElement(By.id("terminal-command"))).getFirstSelectedOption().getAttribute("value")).isEqualTo("cat");
            assertThat(after.getAttribute("data-pid")).isEqualTo(String.valueOf(catPid));
            assertThat(tutor.terminals.pids().values()).containsExactly(catPid);
        }
    }
}
