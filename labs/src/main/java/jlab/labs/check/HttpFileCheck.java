package jlab.labs.check;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jlab.kernel.net.Address;
import jlab.labs.host.NetSide;
import jlab.labs.host.NetfilterRules;
import jlab.labs.model.Text;
import jlab.labs.yaml.Signature;

/**
 * {@code http-file}: an HTTP GET of {@code url} from the host (the JVM's own
 * client, HttpURLConnection) answers 200 with exactly the content of
 * {@code file} — the file {@code lab start} wrote. Only loopback URLs: the
 * check must reach the lab's server through the host's port publishing
 * (DNAT), never another machine.
 *
 * <p>When it fails, the hint comes from what the host shows: no netfilter
 * rule naming the port, or a DNAT from 127.0.0.1 without route_localnet
 * (the kernel drops a packet from 127.0.0.0/8 leaving by a real link, as a
 * "martian", unless net.ipv4.conf.LINK.route_localnet is 1).
 */
public final class HttpFileCheck implements CheckKind {
    private static final Path CONF = Path.of("/proc/sys/net/ipv4/conf");
    /**
     * The server is in a namespace of this very kernel, a veth away, and the
     * handshake is the kernel's own (the listening socket's backlog answers
     * the SYN): a connection is accepted, or refused, in well under a
     * millisecond. What has not connected after 200 ms is a packet dropped on
     * the way — a DNAT without route_localnet: the SYN is dropped as a
     * martian — and must not hold {@code lab check} up.
     */
    static final int CONNECT_TIMEOUT_MS = 200;
    /**
     * The answer, though, is the server process's: busybox httpd forks per
     * request, which a loaded machine may delay. A server that accepted is
     * given a second to answer, so that a slow one is not called absent
     * (only a server that accepts and never answers costs that second).
     */
    static final int READ_TIMEOUT_MS = 1000;

    @Override
    public Signature signature() { return new Signature("http-file", List.of("url", "file", "to"), List.of()); }

    @Override
    public Outcome check(Map<String, String> with, CheckContext context) {
        URI url = URI.create(with.get("url"));
        if (!"http".equals(url.getScheme()) || !"127.0.0.1".equals(url.getHost()) || url.getPort() <= 0) {
            throw new IllegalArgumentException("http-file: the url must be http://127.0.0.1:PORT/..., not " + url);
        }
        Path file = Path.of(with.get("file"));
        String expected;
        try {
            expected = Files.readString(file);
        } catch (IOException e) {
            return Outcome.fail(new Text("Le fichier " + file + " n'existe plus : `jlab lab start` l'écrit.", "The file " + file + " is gone: `jlab lab start` writes it."),
                    List.of(new Evidence(file.toString(), "missing", "the lab's file")),
                    new Text("`jlab lab start port-publish`, puis recommencez la requête.", "`jlab lab start port-publish`, then try the request again."));
        }
        String where = "GET " + url;
        String port = String.valueOf(url.getPort());
        int status;
        String body;
        try {
            Answer answer = get(url);
            status = answer.status;
            body = answer.body;
        } catch (IOException e) {
            List<Evidence> evidence = new ArrayList<>();
            evidence.add(new Evidence(where, e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()), "200 with " + file));
            return unreachable(url, port, with.get("to"), evidence);
        }
        List<Evidence> evidence = new ArrayList<>();
        evidence.add(new Evidence(where, status + ", " + body.length() + " characters" + (body.length() <= 80 ? ": " + body.strip() : ""),
                "200, the content of " + file));
        if (status == 200 && body.equals(expected)) {
            return Outcome.pass(new Text(url + " sert le fichier " + file + ".", url + " serves the file " + file + "."), evidence);
        }
        if (status == 200) {
            return Outcome.partial(0.5, new Text(url + " répond, mais pas avec le contenu de " + file + ".", url + " answers, but not with the content of " + file + "."),
                    evidence, new Text("Le serveur doit servir " + file.getParent() + " : `busybox httpd -h " + file.getParent() + "`, et la requête aller au port 80 de l'espace jlab-web.",
                            "The server must serve " + file.getParent() + ": `busybox httpd -h " + file.getParent() + "`, and the request go to port 80 of the jlab-web namespace."));
        }
        return Outcome.partial(0.5, new Text(url + " répond " + status + ", pas 200.", url + " answers " + status + ", not 200."), evidence,
                new Text("Le serveur tourne, mais ne trouve pas le fichier : vérifiez son répertoire (`-h " + file.getParent() + "`).",
                        "The server runs, but does not find the file: check its directory (`-h " + file.getParent() + "`)."));
    }

    private record Answer(int status, String body) {}

    /**
     * One GET, no proxy, {@value #CONNECT_TIMEOUT_MS} ms to connect, {@value #READ_TIMEOUT_MS} ms to read. HttpURLConnection
     * rather than java.net.http's HttpClient: both are the JDK's, but the
     * latter sets up TLS and a selector thread before its first request —
     * half a second of a check that must answer in under one.
     */
    private static Answer get(URI url) throws IOException {
        HttpURLConnection c = (HttpURLConnection) url.toURL().openConnection(Proxy.NO_PROXY);
        try {
            c.setConnectTimeout(CONNECT_TIMEOUT_MS);
            c.setReadTimeout(READ_TIMEOUT_MS);
            c.setUseCaches(false);
            int status = c.getResponseCode();
            InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream();
            String body = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return new Answer(status, body);
        } finally {
            c.disconnect();
        }
    }

    /** No answer at all: what is missing on the host's side, from its rules and sysctls. */
    private static Outcome unreachable(URI url, String port, String to, List<Evidence> evidence) {
        String toHost = to.replaceFirst(":[0-9]+$", "");
        List<String> rules = NetfilterRules.naming(List.of(port));
        evidence.add(Evidence.seen("netfilter rules naming " + port, rules.isEmpty() ? "none" : String.join("; ", rules)));
        Text fail = new Text("Rien ne répond sur " + url.getHost() + ":" + port + ".", "Nothing answers on " + url.getHost() + ":" + port + ".");
        boolean dnat = rules.stream().anyMatch(r -> r.toUpperCase().contains("DNAT"));
        if (!dnat) {
            return Outcome.fail(fail, evidence, new Text(
                    "Pas de règle DNAT pour 127.0.0.1:" + port + " : `iptables -t nat -A OUTPUT -d 127.0.0.1 -p tcp --dport " + port + " -j DNAT --to-destination " + to + "` "
                            + "(les requêtes de l'hôte lui-même passent par OUTPUT, pas PREROUTING).",
                    "No DNAT rule for 127.0.0.1:" + port + ": `iptables -t nat -A OUTPUT -d 127.0.0.1 -p tcp --dport " + port + " -j DNAT --to-destination " + to + "` "
                            + "(the host's own requests go through OUTPUT, not PREROUTING)."));
        }
        String via = egress(toHost);
        String all = localnet("all");
        String link = via == null ? null : localnet(via);
        evidence.add(Evidence.seen(CONF + "/{all" + (via == null ? "" : "," + via) + "}/route_localnet",
                "all: " + all + (via == null ? "; no host link holds an address of " + toHost + "'s subnet" : "; " + via + ": " + link)));
        if (!"1".equals(all) && !"1".equals(link)) {
            String end = via == null ? "BOUT-HÔTE" : via;
            String endEn = via == null ? "HOST-END" : via;
            return Outcome.fail(fail, evidence, new Text(
                    "La règle DNAT existe, mais route_localnet vaut 0 côté hôte : le noyau jette un paquet de 127.0.0.1 qui sort par un vrai lien. "
                            + "`sysctl -w net.ipv4.conf." + end + ".route_localnet=1`.",
                    "The DNAT rule exists, but route_localnet is 0 on the host side: the kernel drops a packet from 127.0.0.1 leaving by a real link. "
                            + "`sysctl -w net.ipv4.conf." + endEn + ".route_localnet=1`."));
        }
        boolean masquerade = rules.stream().anyMatch(r -> r.toUpperCase().contains("MASQUERADE") || r.toUpperCase().contains("SNAT"));
        return Outcome.fail(fail, evidence, masquerade
                ? new Text("DNAT et route_localnet sont là : le serveur tourne-t-il dans jlab-web, sur le port de la règle ?",
                        "DNAT and route_localnet are there: does the server run in jlab-web, on the rule's port?")
                : new Text("La réponse repart vers 127.0.0.1, que l'espace de noms garde pour lui : ajoutez une MASQUERADE "
                        + "(`iptables -t nat -A POSTROUTING -s 127.0.0.1 -d " + toHost + " -j MASQUERADE`).",
                        "The answer goes back to 127.0.0.1, which the namespace keeps for itself: add a MASQUERADE "
                        + "(`iptables -t nat -A POSTROUTING -s 127.0.0.1 -d " + toHost + " -j MASQUERADE`)."));
    }

    /** The host link the DNAT'd packet leaves by: the one holding an address of the target's subnet (its /24 route), or null. */
    private static String egress(String target) {
        NetSide host = NetSide.host();
        long ip = ipv4(target);
        for (Address a : host.addresses()) {
            String[] parts = a.cidr().split("/");
            int prefix = Integer.parseInt(parts[1]);
            long mask = prefix == 0 ? 0 : (0xffffffffL << (32 - prefix)) & 0xffffffffL;
            if ((ipv4(parts[0]) & mask) == (ip & mask) && prefix < 32) return host.name(a.index());
        }
        return null;
    }

    private static long ipv4(String dotted) {
        long v = 0;
        for (String part : dotted.split("\\.")) v = (v << 8) | Integer.parseInt(part);
        return v;
    }

    /** net.ipv4.conf.LINK.route_localnet, or "?" when it cannot be read. */
    private static String localnet(String link) {
        try {
            return Files.readString(CONF.resolve(link).resolve("route_localnet")).strip();
        } catch (IOException e) {
            return "?";
        }
    }
}
