package jlab.shell.lab;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

import jlab.engine.EngineException;

/**
 * Sends a sealed submission to the course's server (the web tutor, issue 6):
 * {@code POST URL/api/submissions}, {@code Content-Type: application/json},
 * {@code Authorization: Bearer TOKEN}, the envelope's bytes as the body. Any
 * 2xx is a receipt; anything else is one line saying what the server said.
 */
final class SubmissionPost {
    static final String PATH = "/api/submissions";
    private static final Duration CONNECT = Duration.ofSeconds(5);
    private static final Duration ANSWER = Duration.ofSeconds(15);

    private final URI endpoint;

    private SubmissionPost(URI endpoint) { this.endpoint = endpoint; }

    /** The endpoint under {@code server} ({@code http://127.0.0.1:8080} or {@code https://tutor.example/course}). */
    static SubmissionPost to(String server) {
        URI base;
        try {
            base = URI.create(server);
        } catch (IllegalArgumentException e) {
            throw new EngineException("--server takes a URL such as https://tutor.example, not '" + server + "'");
        }
        if (base.getScheme() == null || !(base.getScheme().equals("http") || base.getScheme().equals("https"))
                || base.getHost() == null || base.getQuery() != null || base.getFragment() != null) {
            throw new EngineException("--server takes an http:// or https:// URL such as https://tutor.example, not '" + server + "'");
        }
        String path = base.getRawPath() == null ? "" : base.getRawPath().replaceAll("/+$", "");
        return new SubmissionPost(base.resolve(path + PATH));
    }

    URI endpoint() { return endpoint; }

    /** Over plain http the token crosses the network readable by anyone on the path; on loopback it does not leave the machine. */
    boolean tokenInClear() {
        if (!endpoint.getScheme().equals("http")) return false;
        try {
            return !InetAddress.getByName(endpoint.getHost()).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return true;
        }
    }

    /** POSTs the envelope; returns the HTTP status of a 2xx answer. */
    int send(byte[] envelope, String token) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(CONNECT).followRedirects(HttpClient.Redirect.NEVER).build();
        HttpRequest request = HttpRequest.newBuilder(endpoint).timeout(ANSWER)
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token)
                .header("User-Agent", "jlab/0.1.0")
                .POST(HttpRequest.BodyPublishers.ofByteArray(envelope)).build();
        HttpResponse<String> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            throw new EngineException("no answer from " + endpoint + " in " + ANSWER.toSeconds() + " s: try again, or hand in a file (--out FILE)");
        } catch (ConnectException e) {
            throw new EngineException("cannot reach " + endpoint + ": connection refused (is the URL right? is the server up?)");
        } catch (IOException e) {
            throw new EngineException("cannot send to " + endpoint + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineException("interrupted while sending to " + endpoint);
        }
        int status = response.statusCode();
        if (status / 100 == 2) return status;
        String said = response.body().lines().findFirst().orElse("").strip();
        if (said.length() > 200) said = said.substring(0, 200) + "...";
        String what = status == 401 || status == 403 ? ": the server refused the token (check --token)" : "";
        throw new EngineException("the server answered HTTP " + status + what + (said.isEmpty() ? "" : " (" + said + ")"));
    }
}
