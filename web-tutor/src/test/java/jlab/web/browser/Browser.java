package jlab.web.browser;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.function.Function;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium, driven by Selenium, for end-to-end tests.
 *
 * <p>The browser and its driver are given by path ({@code /usr/bin/chromium},
 * {@code /usr/bin/chromedriver}, from apt's chromium and chromium-driver), so
 * Selenium Manager never tries to download one. The flags are those that keep
 * Chromium quiet on a closed network: no background networking, no component
 * updates, no sync; and a fresh profile per browser, removed on close.
 */
public final class Browser implements AutoCloseable {
    public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private final ChromeDriver driver;
    private final Path profile;

    private Browser(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    /** A new headless browser; the test is skipped, saying why, where Chromium is not installed. */
    public static Browser open() {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "needs Debian's chromium and chromium-driver (scripts/setup --test installs them)");
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        try {
            Path profile = Files.createTempDirectory("jlab-chromium-");
            ChromeOptions options = new ChromeOptions();
            options.setBinary(CHROMIUM.toFile());
            options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--disable-dev-shm-usage", "--window-size=1280,900", "--user-data-dir=" + profile);
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(new File(CHROMEDRIVER.toString()))
                    .usingAnyFreePort()
                    .build();
            return new Browser(new ChromeDriver(service, options), profile);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public WebDriver driver() { return driver; }

    /** Waits (up to 20 s: the machine is shared and noisy) until the condition holds, and returns its value. */
    public <T> T await(Function<WebDriver, T> condition) {
        try {
            return new WebDriverWait(driver, Duration.ofSeconds(20)).until(condition);
        } catch (TimeoutException e) {
            // Say what the browser shows instead: the page's address and text.
            String text = driver.findElement(By.tagName("body")).getText();
            throw new AssertionError("waited 20 s in vain, at " + driver.getCurrentUrl() + " showing:\n"
                    + text.substring(0, Math.min(text.length(), 2000)), e);
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            deleteTree(profile);
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a profile Chromium still writes to as it exits: /tmp is cleaned by the system
        }
    }
}
