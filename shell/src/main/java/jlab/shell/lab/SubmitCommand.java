package jlab.shell.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Map;

import jlab.engine.EngineException;
import jlab.labs.Labs;
import jlab.labs.grade.SubmissionEnvelope;
import jlab.labs.model.Lab;
import jlab.labs.model.Lang;
import jlab.labs.run.LabResult;
import jlab.labs.run.ResultJson;
import jlab.shell.Session;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code jlab lab submit ID --server URL --token T [--student NAME]}: checks
 * the lab as {@code lab check} does, seals the result in a
 * {@code jlab.submission/v1} signed with the student's token, and POSTs it
 * to the course's server — or, with {@code --out FILE}, writes it to a file
 * to hand in (the instructor grades a folder of them with {@code jlab grade}).
 * Every option is checked before the lab is: nothing is half-sent.
 */
@Command(name = "submit", description = "Check a lab and send the result, signed with your token, to the course's server (or write it to a file with --out).")
final class SubmitCommand extends LabCommand.OneLab {
    @Option(names = "--server", paramLabel = "URL", description = "The course's server: the result is POSTed to URL/api/submissions.") String server;
    @Option(names = "--out", paramLabel = "FILE", description = "Write the submission to FILE instead of sending it.") Path out;
    @Option(names = "--token", paramLabel = "T", description = "Your token, from your instructor (default: $JLAB_TOKEN).") String token;
    @Option(names = "--student", paramLabel = "NAME", description = "Your name in the roster (default: your login name).") String student;

    private final Map<String, String> env;

    SubmitCommand(Session session) { this(session, System.getenv()); }

    SubmitCommand(Session session, Map<String, String> env) {
        super(session);
        this.env = env;
    }

    @Override
    public Integer call() {
        Lab lab = lab(id);
        Lang lang = lang();
        boolean fr = lang == Lang.FR;
        if ((server == null) == (out == null)) throw new EngineException("lab submit needs --server URL or --out FILE (one of them)");
        String key = token != null ? token : env.getOrDefault("JLAB_TOKEN", "");
        if (key.isEmpty()) throw new EngineException("lab submit needs your token: --token T (or JLAB_TOKEN), given by your instructor");
        String name = student != null ? student : loginName();
        if (!SubmissionEnvelope.STUDENT.matcher(name).matches()) {
            throw new EngineException("--student '" + name + "' is not a name the roster can hold: letters, digits, '.', '_', '-', '@' (a letter or digit first)");
        }
        SubmissionPost post = server == null ? null : SubmissionPost.to(server);
        if (out != null) {
            Path dir = out.toAbsolutePath().getParent();
            if (!Files.isDirectory(dir)) throw new EngineException("--out " + out + ": no folder " + dir);
            if (Files.isDirectory(out)) throw new EngineException("--out " + out + " is a folder: give a file name (" + out.resolve(id + ".json") + ")");
        }

        LabResult result = Labs.check(lab, session.stateDir());
        byte[] envelope = SubmissionEnvelope.seal(name, ResultJson.write(result, lang), Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS), key);
        String score = id + " " + jlab.labs.grade.Gradebook.number(result.score()) + "/" + result.maxScore();
        if (out != null) {
            write(out, envelope);
            session.out().println(fr ? score + " : soumission de " + name + " écrite dans " + out + " (à rendre ; l'enseignant la note avec jlab grade)"
                    : score + ": " + name + "'s submission written to " + out + " (hand it in; the instructor grades it with jlab grade)");
        } else {
            if (post.tokenInClear()) {
                session.err().println(fr ? "jlab : attention, en http:// votre jeton circule en clair ; préférez https://"
                        : "jlab: warning: over http:// your token crosses the network in clear; prefer https://");
            }
            int status = post.send(envelope, key);
            session.out().println(fr ? score + " : envoyé à " + post.endpoint() + " au nom de " + name + " (HTTP " + status + ")"
                    : score + ": sent to " + post.endpoint() + " as " + name + " (HTTP " + status + ")");
        }
        return 0;
    }

    /** Who runs jlab: under sudo, the user who typed sudo (jlab runs as root, the student is not root). */
    private String loginName() {
        for (String var : new String[] {"SUDO_USER", "USER", "LOGNAME"}) {
            String v = env.get(var);
            if (v != null && !v.isEmpty()) return v;
        }
        return System.getProperty("user.name");
    }

    /** Written beside, then renamed: a reader sees the whole file or none. */
    private static void write(Path file, byte[] bytes) {
        Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
        try {
            Files.write(tmp, bytes);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // the first error is the one to report
            }
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
