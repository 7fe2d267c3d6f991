package jlab.labs.check;

import java.util.List;
import java.util.Map;

import jlab.labs.model.Text;
import jlab.labs.yaml.Signature;

/**
 * {@code hostname-unchanged}: the host's own hostname (the UTS namespace jlab runs in)
 * is what {@code lab start} found, and in any case not the lab's name. It
 * fails for the classic mistake: {@code hostname jlab-uts} typed before
 * {@code unshare --uts}, which renames the whole machine.
 */
public final class HostnameUnchangedCheck implements CheckKind {
    /** The key under which {@code lab start} notes the host's hostname. */
    public static final String RECORDED = "host.hostname";

    @Override
    public Signature signature() { return new Signature("hostname-unchanged", List.of("not"), List.of()); }

    @Override
    public Outcome check(Map<String, String> with, CheckContext context) {
        String now = context.host().hostHostname();
        String before = context.recorded().get(RECORDED);
        String forbidden = with.get("not");
        String expected = before != null ? before : "anything but " + forbidden;
        List<Evidence> evidence = List.of(new Evidence("gethostname(2) in the host's UTS namespace", now, expected));
        boolean changed = before != null ? !now.equals(before) : now.equals(forbidden);
        if (!changed) {
            return Outcome.pass(new Text("Le nom d'hôte de l'hôte n'a pas changé : " + now + ".",
                    "The host's hostname is unchanged: " + now + "."), evidence);
        }
        String was = before != null ? before : "?";
        return Outcome.fail(new Text("Le nom d'hôte de l'hôte a changé : " + now + " (il était " + was + ").",
                        "The host's hostname changed: " + now + " (it was " + was + ")."), evidence,
                new Text("Remettez-le : `hostname " + was + "`. `hostname` ne touche que l'espace UTS où il tourne : lancez-le après `unshare --uts`.",
                        "Put it back: `hostname " + was + "`. `hostname` changes only the UTS namespace it runs in: run it after `unshare --uts`."));
    }
}
