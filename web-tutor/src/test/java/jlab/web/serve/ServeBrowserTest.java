package jlab.web.serve;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

import jlab.labs.check.Status;
import jlab.web.WebServer;
import jlab.web.db.Accounts;
import jlab.web.db.Database;
import jlab.web.db.Role;

/** The instructor's dashboard in Debian's headless Chromium: serve-dashboard.js draws the class's progress with uPlot. */
class ServeBrowserTest {
    @TempDir Path dir;
    private final Passwords passwords = new Passwords(1000);
    private Database db;
    private ServeServer server;
    private String base;

    @BeforeEach
    void start() {
        db = Database.open(Database.h2File(dir), null, null);
        new Accounts(db).create("prof", Role.INSTRUCTOR, passwords.hash(ServeServerTest.PROF_PASSWORD), false, ServeServerTest.T0);
        Clock clock = Clock.fixed(ServeServerTest.T0.plusSeconds(3600), java.time.ZoneOffset.UTC);
        server = ServeServer.start(db, WebServer.Options.loopback(0), new ServeServer.Settings(clock, passwords,
                new LoginThrottle(5, Duration.ofMinutes(1), clock), false, Results.LABS));
        base = "http://127.0.0.1:" + server.port();
    }

    @AfterEach
    void stop() {
        server.close();
        db.close();
    }

    @Test
    void the_dashboard_draws_the_class_progress_chart_with_uplot() throws Exception {
        Browser prof = new Browser(base); // the HTTP one: import a roster, then alice passes a lab
        prof.login("prof", ServeServerTest.PROF_PASSWORD);
        prof.get("/roster");
        HttpResponse<String> imported = prof.upload("/roster/import", "roster", "class.csv",
                "student,name,email\nalice,Alice,alice@uni.example\nbob,Bob,bob@uni.example\n".getBytes(StandardCharsets.UTF_8));
        Matcher m = Pattern.compile("<tr><td>alice</td><td><code>([A-Za-z0-9_-]{43})</code>").matcher(imported.body());
        assertThat(m.find()).isTrue();
        String token = m.group(1);
        byte[] sealed = Results.sealed("alice", token, "uts-namespace", ServeServerTest.T0, Status.PASS, Status.PASS);
        assertThat(new Browser(base).send(HttpRequest.newBuilder(URI.create(base + "/api/submissions")).header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofByteArray(sealed))).statusCode()).isEqualTo(201);

        try (jlab.web.browser.Browser chromium = jlab.web.browser.Browser.open()) {
            WebDriver page = chromium.driver();
            page.get(base + "/login");
            page.findElement(By.id("username")).sendKeys("prof");
            page.findElement(By.id("password")).sendKeys(ServeServerTest.PROF_PASSWORD);
            page.findElement(By.id("login-submit")).click();
            chromium.await(d -> d.findElement(By.id("whoami")));
            page.get(base + "/");
            WebElement canvas = chromium.await(d -> d.findElements(By.cssSelector("#progress-chart .uplot canvas")).stream().findFirst().orElse(null));
            assertThat(canvas.getSize().getWidth()).isPositive();
            assertThat(page.findElement(By.cssSelector("#progress-chart .u-legend")).getText()).contains("uts-namespace"); // a line per lab someone passed
        }
    }
}
