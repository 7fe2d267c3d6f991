package jlab.shell.command;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import jlab.engine.EngineException;
import jlab.engine.running.Inspect;
import jlab.engine.running.LiveContainer;
import jlab.shell.Json;
import jlab.shell.Session;
import jlab.shell.format.GoTemplate;
import jlab.shell.format.InspectFormat;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jlab inspect}: a JSON array, one object per container, as {@code docker inspect}. */
@Command(name = "inspect", description = "Show containers as JSON: state, config, namespaces, cgroup, mounts, interfaces.")
public final class InspectCommand implements Callable<Integer> {
    private final Session session;

    @Parameters(paramLabel = "CONTAINER", arity = "1..*", description = "Name, id, or unique id prefix.") List<String> containers;
    @Option(names = "--json", description = "Print JSON (the default).") boolean json;
    @Option(names = {"-f", "--format"}, paramLabel = "TEMPLATE", description = InspectFormat.HELP) String format;
    @Option(names = "--help", usageHelp = true, description = "Show this help.") boolean help;

    public InspectCommand(Session session) { this.session = session; }

    @Override
    public Integer call() throws Exception {
        InspectFormat template = InspectFormat.read(format, session.err());
        if (template.invalid()) return GoTemplate.PARSE_ERROR;
        Inspect inspect = new Inspect(session.engine().stateDir(), session.engine().cgroups().version());
        List<Map<String, Object>> found = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (String c : containers) {
            try {
                found.add(inspect.of(LiveContainer.find(session.engine(), c)));
            } catch (EngineException e) {
                missing.add(c);
            }
        }
        // Like Docker: the array of what was found (or each through the template), then one line per name that was not.
        int code = 0;
        if (template.none()) session.out().println(Json.indented().writeValueAsString(found));
        else code = template.print(found, session.out(), session.err());
        for (String m : missing) session.err().println("jlab: No such object: " + m);
        return missing.isEmpty() ? code : LiveContainer.REFUSED;
    }
}
