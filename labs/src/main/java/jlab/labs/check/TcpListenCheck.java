package jlab.labs.check;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;
import java.util.Map;

import jlab.kernel.ns.Namespace;
import jlab.kernel.ns.NamespaceThread;
import jlab.labs.host.NetNamespaces;
import jlab.labs.model.Text;
import jlab.labs.yaml.Signature;

/**
 * {@code tcp-listen}: something accepts TCP connections on
 * {@code address}:{@code port} inside the namespace {@code netns}. A thread
 * of the checker joins the namespace (setns(2)) and connects there, as a
 * neighbour in that namespace would: a server listening on 0.0.0.0:80 or on
 * the address itself both count, one on another port or in another
 * namespace does not.
 *
 * <p>The connect gives up after {@value #CONNECT_TIMEOUT_MS} ms: the
 * handshake is the kernel's own (a listening socket's backlog answers the
 * SYN, the server process need not even run), so a listener answers at once
 * and a port nobody listens on is refused at once (RST); only a packet
 * dropped on the way (a firewall) waits, and that must not hold
 * {@code lab check} up.
 */
public final class TcpListenCheck implements CheckKind {
    static final int CONNECT_TIMEOUT_MS = 200;

    @Override
    public Signature signature() { return new Signature("tcp-listen", List.of("netns", "address", "port"), List.of()); }

    @Override
    public Outcome check(Map<String, String> with, CheckContext context) {
        String netns = with.get("netns");
        String address = with.get("address");
        int port = Integer.parseInt(with.get("port"));
        if (!NetNamespaces.mounted(netns)) return NetLook.noNamespace(netns);
        String answer = NamespaceThread.call(NetNamespaces.path(netns), Namespace.NET, () -> connect(address, port));
        List<Evidence> evidence = List.of(new Evidence("connect(2) to " + address + ":" + port + " from inside " + NetNamespaces.path(netns),
                answer, "connected"));
        if (answer.equals("connected")) {
            return Outcome.pass(new Text("Un serveur écoute sur " + address + ":" + port + " dans " + netns + ".",
                    "A server listens on " + address + ":" + port + " in " + netns + "."), evidence);
        }
        return Outcome.fail(new Text("Rien n'écoute sur " + address + ":" + port + " dans " + netns + ".",
                        "Nothing listens on " + address + ":" + port + " in " + netns + "."), evidence,
                new Text("Le serveur doit tourner dans l'espace de noms : `ip netns exec " + netns + " busybox httpd -p " + port + " -h /srv/jlab/web` ; "
                        + "`ip netns exec " + netns + " ss -ltn` montre ce qui écoute.",
                        "The server must run inside the namespace: `ip netns exec " + netns + " busybox httpd -p " + port + " -h /srv/jlab/web`; "
                        + "`ip netns exec " + netns + " ss -ltn` shows what listens."));
    }

    private static String connect(String address, int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(address, port), CONNECT_TIMEOUT_MS);
            return "connected";
        } catch (IOException e) {
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }
}
