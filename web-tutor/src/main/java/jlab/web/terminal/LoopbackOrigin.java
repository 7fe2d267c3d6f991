package jlab.web.terminal;

import java.net.URI;
import java.util.Set;

import io.javalin.http.Context;
import jlab.web.security.Origins;

/**
 * Whether a WebSocket's {@code Origin} is one of this tutor's own pages.
 *
 * <p>A browser lets any page open a WebSocket to any address and says which
 * page did it in {@code Origin}; the server must check. The terminal is a
 * shell as the student (root, here): only a page served by this very tutor
 * may open one. So the Origin must be a loopback name ({@code 127.0.0.1},
 * {@code localhost}, {@code [::1]}) on the port this server listens on, and
 * the same as the request's {@code Host}. The loopback rule also defeats DNS
 * rebinding: a site whose name was made to resolve to 127.0.0.1 still sends
 * its own name as Origin.
 */
final class LoopbackOrigin {
    private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "localhost", "[::1]");

    private LoopbackOrigin() {}

    static boolean accepts(String origin, Context ctx) {
        if (origin == null || !Origins.sameAs(origin, ctx)) return false;
        return accepts(origin, ctx.req().getLocalPort());
    }

    static boolean accepts(String origin, int serverPort) {
        try {
            URI o = URI.create(origin);
            return o.getHost() != null && LOOPBACK.contains(o.getHost().toLowerCase(java.util.Locale.ROOT))
                    && "http".equalsIgnoreCase(o.getScheme()) && o.getPort() == serverPort;
        } catch (IllegalArgumentException notAUri) {
            return false;
        }
    }
}
