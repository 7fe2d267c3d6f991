package jlab.web.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

import io.javalin.Javalin;
import jlab.web.Templates;
import jlab.web.WebServer;
import jlab.web.security.Sessions;

/** The browser harness itself: Debian's Chromium loads a page of ours and runs its script. */
class BrowserTest {
    @Test
    void chromium_renders_a_refusal_page_of_the_shared_server() {
        Javalin app = WebServer.create(WebServer.Options.loopback(0), new Templates(), new Sessions(Duration.ofMinutes(1)),
                cfg -> cfg.routes.get("/", ctx -> { throw jlab.web.ClientError.badRequest("a clear line"); })).start();
        try (Browser browser = Browser.open()) {
            browser.driver().get("http://127.0.0.1:" + app.port() + "/");
            String text = browser.await(d -> d.findElement(By.id("error-message")).getText());
            assertThat(text).isEqualTo("a clear line");
            assertThat(browser.driver().getTitle()).isEqualTo("400 · jlab");
        } finally {
            app.stop();
        }
    }
}
