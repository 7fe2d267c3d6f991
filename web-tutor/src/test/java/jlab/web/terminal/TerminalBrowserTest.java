package jlab.web.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;

import jlab.web.browser.Browser;

/** terminal.js in Debian's headless Chromium: it connects, types, and pastes a clicked command. */
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
}
