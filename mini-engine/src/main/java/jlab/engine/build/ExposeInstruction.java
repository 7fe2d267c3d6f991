package jlab.engine.build;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jlab.engine.image.ImageConfig;

/**
 * {@code EXPOSE 80 443/tcp 53/udp 8000-8002}: the ports the image says it listens on. Only a note in
 * its configuration ({@code ExposedPorts}): nothing is published until {@code run -p} or {@code -P}.
 */
final class ExposeInstruction implements ConfigStep {
    private static final Pattern PORT = Pattern.compile("(\\d+)(?:-(\\d+))?(?:/(tcp|udp|sctp))?", Pattern.CASE_INSENSITIVE);

    private final List<String> words;
    private final List<String> ports;

    private ExposeInstruction(List<String> words, List<String> ports) {
        this.words = words;
        this.ports = ports;
    }

    static void check(Instruction in) {
        if (in.args().isBlank()) throw BuildException.at(in, "EXPOSE needs at least one port: EXPOSE 80 or EXPOSE 53/udp");
    }

    static ExposeInstruction of(Instruction in, BuildState state, BuildTools tools) {
        return of(in, state.variables(), tools.words());
    }

    static ExposeInstruction of(Instruction in, java.util.Map<String, String> variables, ShellWords shellWords) {
        List<String> words = Instructions.words(in, variables, shellWords);
        List<String> ports = new ArrayList<>();
        // The one instruction where Docker splits a variable's value: EXPOSE $PORTS with PORTS="80 443".
        for (String w : words) {
            for (String part : w.strip().split("\\s+")) if (!part.isEmpty()) ports.addAll(ports(in, part));
        }
        return new ExposeInstruction(words, ports);
    }

    /** "80" is 80/tcp; "8000-8002/udp" is three ports. */
    static List<String> ports(Instruction in, String word) {
        Matcher m = PORT.matcher(word);
        if (!m.matches()) {
            throw BuildException.at(in, "EXPOSE " + word + ": not a port: give NUMBER[/tcp|/udp|/sctp] or a range 8000-8002");
        }
        int from = Integer.parseInt(m.group(1));
        int to = m.group(2) == null ? from : Integer.parseInt(m.group(2));
        String proto = m.group(3) == null ? "tcp" : m.group(3).toLowerCase();
        if (from < 1 || to > 65535 || to < from) {
            throw BuildException.at(in, "EXPOSE " + word + ": a port is between 1 and 65535 (a range goes up)");
        }
        List<String> out = new ArrayList<>();
        for (int p = from; p <= to; p++) out.add(p + "/" + proto);
        return out;
    }

    @Override
    public String createdBy() { return BuildStep.nop("EXPOSE " + String.join(" ", words)); }

    @Override
    public Change make(BuildState state, BuildTools tools) {
        ImageConfig.Settings s = state.settings();
        for (String p : ports) s = s.withExposedPort(p);
        return Change.configOnly(s);
    }
}
