package jlab.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import jlab.web.browser.Browser;

/**
 * The web tutor and the instructor's server end to end, as people use them:
 * the real {@code jlab web} and {@code jlab serve} processes, Debian's headless
 * Chromium, the real jlab REPL in the page's terminal, the real kernel.
 */
class WebEndToEndTest extends RealJlabTest {
    private static final Pattern SERVE_URL = Pattern.compile("jlab serve: (http://127\\.0\\.0\\.1:\\d+)/");
    private static final Pattern ONE_TIME = Pattern.compile("instructor account '(\\w+)', one-time password: (\\S+)");
    @TempDir Path dir;

    @Test
    void a_student_opens_a_lab_builds_it_by_clicking_its_command_and_check_shows_every_check_passing() throws Exception {
        Path home = Files.createDirectories(dir.resolve("checkout"));
        JlabProcess jlabWithHome = new JlabProcess(state, Map.of(), List.of("-Djlab.home=" + home));
        jlabWithHome.writeLauncher(home);
        Process web = jlabWithHome.builder(List.of("web", "--port", "0", "--no-browser", "--lang", "en")).start();
        try (Browser browser = Browser.open()) {
            String url = firstLine(web, Pattern.compile("(http://127\\.0\\.0\\.1:\\d+/\\?token=\\S+)"));
            String base = url.substring(0, url.indexOf("/?"));
            WebDriver page = browser.driver();
            page.get(url);
            assertThat(page.getCurrentUrl()).as("the token leaves the address bar").isEqualTo(base + "/");

            page.get(base + "/labs/uts-namespace");
            click(browser, "start-button");
            browser.await(d -> d.findElement(By.id("terminal")).getAttribute("data-state").equals("connected"));
            browser.await(d -> screen(d).contains("jlab>"));

            // The instructions' command, clicked instead of typed: `$ ./jlab run ...` reaches the REPL as `run ...`.
            WebElement keyboard = page.findElement(By.cssSelector("#terminal .xterm-helper-textarea"));
            page.findElement(By.cssSelector("#instructions .listingblock.jlab-cmd .jlab-line[data-command^='./jlab run -d']")).click();
            browser.await(d -> screen(d).contains("jlab> run -d --name uts --hostname jlab-uts busybox sleep 3600"));
            keyboard.sendKeys(Keys.ENTER);
            browser.await(d -> prompts(screen(d)) >= 2);

            click(browser, "check-button");
            List<WebElement> checks = browser.await(d -> {
                List<WebElement> shown = d.findElements(By.cssSelector("#results .check[data-status]"));
                return shown.isEmpty() ? null : shown;
            });
            assertThat(checks).extracting(c -> c.getAttribute("data-check") + "=" + c.getAttribute("data-status"))
                    .as(screen(page)).allMatch(s -> s.endsWith("=pass"));
            assertThat(page.findElements(By.cssSelector("#history tr.attempt"))).hasSize(1);

            // A reload finds the same REPL, its screen replayed.
            String terminalId = page.findElement(By.id("terminal")).getAttribute("data-terminal-id");
            page.navigate().refresh();
            browser.await(d -> d.findElement(By.id("terminal")).getAttribute("data-state").equals("connected"));
            assertThat(page.findElement(By.id("terminal")).getAttribute("data-terminal-id")).isEqualTo(terminalId);
            browser.await(d -> screen(d).contains("busybox sleep 3600"));

            // A login shell instead, and a shell command of the instructions clicked into it.
            new Select(page.findElement(By.id("terminal-command"))).selectByValue("shell");
            browser.await(d -> d.findElement(By.id("terminal")).getAttribute("data-command").equals("shell")
                    && d.findElement(By.id("terminal")).getAttribute("data-state").equals("connected"));
            assertThat(page.findElement(By.id("terminal")).getAttribute("data-terminal-id")).isNotEqualTo(terminalId);
            page.findElement(By.cssSelector("#instructions .jlab-line[data-command='readlink /proc/$$/ns/uts']")).click();
            // The shell's prompt names the checkout's path: the command may wrap at the terminal's width.
            browser.await(d -> screen(d).replace("\n", "").contains("readlink /proc/$$/ns/uts"));
            page.findElement(By.cssSelector("#terminal .xterm-helper-textarea")).sendKeys(Keys.ENTER);
            browser.await(d -> screen(d).contains("uts:["));
        } finally {
            jlab.run("rm", "-f", "uts");
            jlab.run("lab", "reset", "uts-namespace");
            stop(web);
        }
    }

    @Test
    void an_instructor_imports_a_roster_receives_a_real_lab_submit_and_exports_the_csv() throws Exception {
        Path roster = dir.resolve("class.csv");
        Files.writeString(roster, "student,name,email\nalice,Alice Martin,alice@uni.example\nbad name,X,x@uni.example\n");
        Process serve = jlab.builder(List.of("serve", "--port", "0")).redirectErrorStream(true).start();
        try (Browser browser = Browser.open()) {
            BufferedReader out = new BufferedReader(new InputStreamReader(serve.getInputStream(), StandardCharsets.UTF_8));
            Matcher password = ONE_TIME.matcher(readLine(out));
            assertThat(password.find()).isTrue();
            Matcher url = SERVE_URL.matcher(readLine(out));
            assertThat(url.find()).isTrue();
            String base = url.group(1);
            WebDriver page = browser.driver();

            page.get(base + "/login");
            page.findElement(By.id("username")).sendKeys(password.group(1));
            page.findElement(By.id("password")).sendKeys(password.group(2));
            page.findElement(By.id("login-submit")).click();
            browser.await(d -> d.findElement(By.id("must-change")));
            page.findElement(By.name("current")).sendKeys(password.group(2));
            page.findElement(By.name("new")).sendKeys("a long passphrase for the class");
            page.findElement(By.name("repeat")).sendKeys("a long passphrase for the class");
            page.findElement(By.id("password-submit")).click();
            browser.await(d -> d.findElements(By.id("must-change")).isEmpty());

            page.get(base + "/roster");
            page.findElement(By.id("roster-file")).sendKeys(roster.toString());
            page.findElement(By.id("roster-import-submit")).click();
            String summary = browser.await(d -> d.findElement(By.id("import-summary"))).getText();
            assertThat(summary).contains("1");
            assertThat(page.findElement(By.id("import-problems")).getText()).contains("line 3", "bad name");
            String token = page.findElement(By.cssSelector("#issued-tokens tbody tr td code")).getText();

            JlabProcess.Result submitted = jlab.run("lab", "submit", "uts-namespace", "--server", base,
                    "--token", token, "--student", "alice");
            assertThat(submitted.exitCode()).as(submitted.err()).isZero();

            page.get(base + "/gradebook");
            WebElement row = browser.await(d -> d.findElement(By.id("row-alice")));
            assertThat(row.findElements(By.cssSelector("td.cell[data-latest]"))).isNotEmpty();
            String csv = (String) ((JavascriptExecutor) page).executeAsyncScript(
                    "var done = arguments[0]; fetch(document.getElementById('export-moodle').href)"
                            + ".then(function (r) { return r.text(); }).then(done);");
            assertThat(csv.lines().findFirst().orElse("")).contains("uts-namespace");
            assertThat(csv).contains("alice");
        } finally {
            stop(serve);
        }
    }

    private static void click(Browser browser, String id) {
        browser.await(d -> d.findElement(By.id(id)).isEnabled());
        browser.driver().findElement(By.id(id)).click();
        browser.await(d -> d.findElement(By.id(id)).isEnabled()); // the action is over: the buttons come back
    }

    private static String screen(WebDriver page) {
        return (String) ((JavascriptExecutor) page).executeScript("return window.jlabTerminal ? window.jlabTerminal.text() : '';");
    }

    private static int prompts(String screen) {
        return screen.split("jlab>", -1).length - 1;
    }

    private static String firstLine(Process p, Pattern pattern) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line = readLine(out);
        Matcher m = pattern.matcher(line == null ? "" : line);
        assertThat(m.find()).as("first line: " + line).isTrue();
        return m.group(1);
    }

    private static String readLine(BufferedReader r) throws Exception {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return r.readLine();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).get(60, TimeUnit.SECONDS);
    }

    private static void stop(Process p) throws InterruptedException {
        p.destroy();
        if (!p.waitFor(30, TimeUnit.SECONDS)) p.destroyForcibly().waitFor();
    }
}
