package jlab.web.security;

import java.net.URI;

import io.javalin.http.Context;

/**
 * Whether a browser's {@code Origin} header names this server: the same
 * scheme, host and port as the request was sent to ({@code Host}). A page of
 * another site (or another port on this machine) gets no say here: it is how
 * state-changing forms and the terminal's WebSocket refuse to be driven by a
 * page the student happened to open.
 */
public final class Origins {
    private Origins() {}

    public static boolean sameAs(String origin, Context ctx) {
        String host = ctx.header("Host");
        return host != null && sameAs(origin, ctx.scheme(), host);
    }

    /** {@code origin} like {@code http://127.0.0.1:7070}, {@code host} as in the Host header. */
    public static boolean sameAs(String origin, String scheme, String host) {
        try {
            URI o = URI.create(origin);
            if (o.getScheme() == null || o.getHost() == null || o.getPath() != null && !o.getPath().isEmpty()) return false;
            URI h = URI.create(scheme + "://" + host);
            return o.getScheme().equalsIgnoreCase(h.getScheme())
                    && o.getHost().equalsIgnoreCase(h.getHost())
                    && port(o) == port(h);
        } catch (IllegalArgumentException notAUri) {
            return false;
        }
    }

    private static int port(URI u) {
        if (u.getPort() != -1) return u.getPort();
        return "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
    }
}
