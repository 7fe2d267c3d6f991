package jlab.shell.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import jlab.engine.EngineException;
import jlab.labs.Catalogue;
import jlab.labs.Labs;
import jlab.labs.model.Lab;
import jlab.labs.model.Lang;
import jlab.labs.run.LabResult;
import jlab.labs.run.LabState;
import jlab.labs.run.ResultJson;
import jlab.labs.yaml.Closest;
import jlab.labs.yaml.LabReader;
import jlab.labs.yaml.Problem;
import jlab.shell.Json;
import jlab.shell.Session;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code jlab lab list|show|start|check|hint|reset|validate}: the graded
 * labs. A student builds what a lab asks — with jlab or with plain Linux
 * tools — and {@code lab check} looks at the kernel: each check says pass or
 * fail, what it saw and where, and a hint that fits the mistake.
 */
@Command(name = "lab", description = "Graded labs checked on this host: list, show, start, check, hint, reset, validate.",
        synopsisSubcommandLabel = "COMMAND")
public final class LabCommand implements Callable<Integer> {
    /** lab check's exit code when a check did not pass (0 only when every check passes). */
    static final int NOT_PASSED = 1;

    @Option(names = "--help", usageHelp = true, description = "Show this help.") boolean help;

    public static CommandLine commandLine(Session session) {
        CommandLine cl = new CommandLine(new LabCommand());
        cl.addSubcommand(new ListLabs(session));
        cl.addSubcommand(new Show(session));
        cl.addSubcommand(new Start(session));
        cl.addSubcommand(new Check(session));
        cl.addSubcommand(new Hint(session));
        cl.addSubcommand(new Reset(session));
        cl.addSubcommand(new Validate(session));
        cl.addSubcommand(new SubmitCommand(session));
        return cl;
    }

    @Override
    public Integer call() {
        throw new EngineException("\"jlab lab\" needs a command: list, show, start, check, hint, reset, validate or submit (try: jlab lab --help)");
    }

    /** The options every lab command shares. */
    abstract static class LabVerb implements Callable<Integer> {
        final Session session;
        @Option(names = "--lang", paramLabel = "fr|en",
                description = "Language of the texts (default: from LC_ALL, LC_MESSAGES, LANG).") String langCode;
        @Option(names = "--help", usageHelp = true, description = "Show this help.") boolean help;

        LabVerb(Session session) { this.session = session; }

        Lang lang() {
            if (langCode == null) return Lang.fromEnvironment(System.getenv());
            Lang l = Lang.byCode(langCode);
            if (l == null) throw new EngineException("--lang takes fr or en, not '" + langCode + "'");
            return l;
        }

        LabPrinter printer() { return new LabPrinter(session.out(), session.colors(), lang()); }

        /** The built-in labs, and the instructor's of {@code JLAB_LABS_DIR}. */
        static Catalogue catalogue() { return Catalogue.standard(System.getenv()); }

        /** The lab, or one clear line: why the instructor's lab of that id was left out, or the closest id. */
        static Lab lab(String id) {
            Catalogue catalogue = catalogue();
            return catalogue.find(id).orElseThrow(() -> new EngineException(catalogue.problem(id)
                    .orElseGet(() -> "no lab '" + id + "'" + Closest.suggestion(id, catalogue.ids()) + ": see 'jlab lab list'")));
        }
    }

    @Command(name = "list", aliases = "ls", description = "List the labs.")
    static final class ListLabs extends LabVerb {
        @Option(names = "--json", description = "Print JSON.") boolean json;

        ListLabs(Session session) { super(session); }

        @Override
        public Integer call() {
            Catalogue catalogue = catalogue();
            List<Lab> labs = catalogue.all();
            // An instructor's lab that cannot be read is one line on standard error, never the end of the list.
            catalogue.problems().forEach(p -> session.err().println("jlab: " + p));
            Lang lang = lang();
            if (json) {
                ArrayNode array = Json.indented().createArrayNode();
                for (Lab l : labs) {
                    ObjectNode o = array.addObject();
                    o.put("id", l.id());
                    o.put("version", l.version());
                    o.put("title", l.title().in(lang));
                    o.put("checks", l.checks().size());
                    o.put("max_score", l.maxScore());
                    o.put("started", new LabState(session.stateDir(), l.id()).started());
                }
                session.out().println(array.toPrettyString());
                return 0;
            }
            session.out().printf("%-16s %-7s %s%n", "ID", "POINTS", lang == Lang.FR ? "TITRE" : "TITLE");
            for (Lab l : labs) session.out().printf("%-16s %-7d %s%n", l.id(), l.maxScore(), l.title().in(lang));
            return 0;
        }
    }

    /** A command about one lab: {@code lab show ID}, {@code lab check ID}... */
    abstract static class OneLab extends LabVerb {
        // package-private: SubmitCommand is one too
        @Parameters(paramLabel = "ID", description = "The lab's id (see jlab lab list).") String id;

        OneLab(Session session) { super(session); }
    }

    @Command(name = "show", description = "Show a lab: what to build, its checks and its instructions.")
    static final class Show extends OneLab {
        Show(Session session) { super(session); }

        @Override
        public Integer call() {
            Lab lab = lab(id);
            printer().show(lab, read(lab.instructions(lang())));
            return 0;
        }
    }

    @Command(name = "start", description = "Prepare a lab on this host (its files, what its checks compare against).")
    static final class Start extends OneLab {
        Start(Session session) { super(session); }

        @Override
        public Integer call() {
            Lab lab = lab(id);
            Labs.start(lab, session.stateDir()).forEach(line -> session.out().println(line));
            boolean fr = lang() == Lang.FR;
            session.out().println(lab.title().in(lang()));
            session.out().println(fr ? "Les consignes : jlab lab show " + id + " · vérifier : jlab lab check " + id
                    : "Instructions: jlab lab show " + id + " · check: jlab lab check " + id);
            return 0;
        }
    }

    /** {@code lab check} and {@code lab hint}: the same look at the host; hint shows only what did not pass. */
    abstract static class Looking extends OneLab {
        private final boolean hintsOnly;
        @Option(names = "--json", description = "Print the result as JSON (jlab.result/v1): the same as --format json.") boolean json;
        @Option(names = "--format", paramLabel = "json|junit|gradescope",
                description = "Print the result as jlab.result/v1 JSON, JUnit XML or Gradescope's results.json.") String format;

        Looking(Session session, boolean hintsOnly) {
            super(session);
            this.hintsOnly = hintsOnly;
        }

        @Override
        public Integer call() {
            Lab lab = lab(id);
            ResultFormat as = json ? ResultFormat.JSON : ResultFormat.of(format);
            LabResult result = Labs.check(lab, session.stateDir());
            if (as != null) {
                session.out().print(as.write(result, lang()));
            } else {
                printer().result(result, hintsOnly);
            }
            return result.allPassed() ? 0 : NOT_PASSED;
        }
    }

    @Command(name = "check", description = "Check a lab on this host: each check's status, evidence and hints. Exit 0 only when all pass.")
    static final class Check extends Looking {
        Check(Session session) { super(session, false); }
    }

    @Command(name = "hint", description = "The hints for what does not pass yet (the same look at the host as check).")
    static final class Hint extends Looking {
        Hint(Session session) { super(session, true); }
    }

    @Command(name = "reset", description = "Remove what was made for a lab (only what carries the lab's names).")
    static final class Reset extends OneLab {
        Reset(Session session) { super(session); }

        @Override
        public Integer call() {
            List<String> done = Labs.reset(lab(id), session.stateDir());
            done.forEach(line -> session.out().println(line));
            if (done.isEmpty()) session.out().println(lang() == Lang.FR ? "rien à enlever pour " + id : "nothing to remove for " + id);
            return 0;
        }
    }

    @Command(name = "validate", description = "Check a lab folder (lab.yaml and its instructions): every mistake with its file and line.")
    static final class Validate extends LabVerb {
        @Parameters(paramLabel = "DIR") Path dir;

        Validate(Session session) { super(session); }

        @Override
        public Integer call() {
            LabReader.Result r = LabReader.read(dir, Catalogue.vocabulary());
            if (!r.ok()) {
                r.problems().forEach((Problem p) -> session.err().println(p));
                session.err().println(dir + ": " + r.problems().size() + (r.problems().size() == 1 ? " problem" : " problems"));
                return NOT_PASSED;
            }
            session.out().println(dir + ": lab " + r.lab().id() + " is valid (" + r.lab().checks().size() + " checks, "
                    + r.lab().maxScore() + " points)");
            return 0;
        }
    }

    static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + p + ": " + e.getMessage(), e);
        }
    }
}
