package jlab.web.tutor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import jlab.engine.ContainerSpec;
import jlab.engine.Engine;
import jlab.engine.plan.StepListener;
import jlab.engine.state.StateDir;
import jlab.kernel.syscall.Syscalls;
import jlab.web.browser.Browser;

/** The pages' scripts in Debian's headless Chromium: Check draws the results; the live view draws a chart. */
@Tag("kernel")
class TutorBrowserTest {
    @TempDir Path stateDir;
    private Tutor tutor;

    @BeforeEach
    void start() {
        Skip.unless(Syscalls.get().geteuid() == 0, "requires root: the checks read other processes' namespaces");
        tutor = Tutor.start(new Tutor.Options(0, null, new StateDir(stateDir)));
    }

    @AfterEach
    void stop() {
        if (tutor != null) tutor.close();
    }

    @Test
    void pressing_check_shows_each_check_with_its_status_word_and_adds_an_attempt() {
        try (Browser browser = Browser.open()) {
            browser.driver().get(tutor.url().replace("/?", "/labs/uts-namespace?lang=en&"));
            assertThat(browser.driver().getCurrentUrl()).doesNotContain("token=").endsWith("/labs/uts-namespace?lang=en");
            browser.driver().findElement(By.id("check-button")).click();
            List<WebElement> checks = browser.await(d -> {
                List<WebElement> found = d.findElements(By.cssSelector("#results .check[data-status]"));
                return found.isEmpty() ? null : found;
            });
            assertThat(checks).hasSize(2);
            assertThat(checks.get(0).getAttribute("data-check")).isEqualTo("own-hostname");
            assertThat(checks.get(0).findElement(By.className("status-word")).getText()).isIn("FAIL", "PASS", "SKIPPED", "PARTIAL", "ERROR");
            browser.await(d -> d.findElements(By.cssSelector("#history tbody tr.attempt")).size() == 1);
            assertThat(browser.driver().findElement(By.id("check-button")).isEnabled()).isTrue();
            assertThat(browser.driver().findElement(By.cssSelector("#progress .progress")).getAttribute("data-max")).isEqualTo("5");
        }
    }

    @Test
    void the_live_view_draws_a_chart_for_a_running_container() {
        Engine engine = Engine.open(new StateDir(stateDir));
        String name = "tutor-chart-" + ProcessHandle.current().pid();
        engine.runDetached(ContainerSpec.builder().name(name).image("busybox").command("sleep", "60").network("none").build(),
                StepListener.NONE);
        try (Browser browser = Browser.open()) {
            browser.driver().get(tutor.url().replace("/?", "/containers?lang=en&"));
            browser.await(d -> d.findElements(By.cssSelector("#charts section.chart[data-name='" + name + "'] canvas")).size() > 0);
            assertThat(browser.driver().findElement(By.cssSelector("tr.container[data-name='" + name + "']")).getText()).contains("running");
            assertThat(browser.driver().findElement(By.id("no-containers")).isDisplayed()).isFalse();
        } finally {
            EngineCleanup.removeAndCheck(engine, name);
        }
    }
}
