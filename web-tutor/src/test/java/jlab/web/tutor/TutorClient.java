package jlab.web.tutor;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A browser, as far as the tutor can tell: the JDK's HTTP client on the
 * tutor's real port, that follows no redirect (the tests look at each) and
 * keeps the session cookie it was given.
 */
final class TutorClient {
    private static final Pattern CSRF = Pattern.compile("<meta name=\"csrf-token\" content=\"([^\"]+)\">");
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final String base;
    private String cookie;

    TutorClient(Tutor tutor) { this.base = "http://127.0.0.1:" + tutor.port(); }

    HttpRequest.Builder request(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60));
        if (cookie != null) b.header("Cookie", cookie);
        return b;
    }

    HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String path) throws Exception { return send(request(path)); }

    /** Opens the printed link, as a student does, and keeps the cookie. */
    TutorClient logIn(Tutor tutor) throws Exception {
        HttpResponse<String> r = get(URI.create(tutor.url()).getRawPath() + "?" + URI.create(tutor.url()).getRawQuery());
        assertThat(r.statusCode()).isEqualTo(302);
        cookie = r.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        return this;
    }

    /** The CSRF token a page carries in its meta tag. */
    String csrf(String path) throws Exception {
        Matcher m = CSRF.matcher(get(path).body());
        assertThat(m.find()).as("the page " + path + " carries its csrf-token").isTrue();
        return m.group(1);
    }

    /** A form as a browser sends it ({@code name=value&...}, with the page's token in {@code _csrf}). */
    HttpResponse<String> postForm(String path, String form) throws Exception {
        return send(request(path).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    HttpResponse<String> post(String path, String csrf) throws Exception {
        HttpRequest.Builder b = request(path).POST(HttpRequest.BodyPublishers.noBody());
        if (csrf != null) b.header("X-CSRF-Token", csrf);
        return send(b);
    }
}
