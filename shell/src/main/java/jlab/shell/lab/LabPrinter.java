package jlab.shell.lab;

import java.io.PrintStream;
import java.util.Locale;

import jlab.labs.check.Evidence;
import jlab.labs.check.Status;
import jlab.labs.model.CheckSpec;
import jlab.labs.model.Lab;
import jlab.labs.model.Lang;
import jlab.labs.model.Text;
import jlab.labs.run.CheckResult;
import jlab.labs.run.LabResult;
import jlab.shell.Colors;

/** How {@code lab show} and {@code lab check} look in a terminal. */
final class LabPrinter {
    private final PrintStream out;
    private final Colors colors;
    private final Lang lang;

    LabPrinter(PrintStream out, Colors colors, Lang lang) {
        this.out = out;
        this.colors = colors;
        this.lang = lang;
    }

    private String t(Text text) { return text.in(lang); }

    private String say(String fr, String en) { return lang == Lang.FR ? fr : en; }

    void show(Lab lab, String instructions) {
        out.println(colors.bold(t(lab.title())) + colors.dim("  (" + lab.id() + ", version " + lab.version() + ")"));
        out.println(t(lab.summary()));
        if (!lab.objectives().isEmpty()) {
            out.println();
            out.println(colors.bold(say("Objectifs", "Objectives")));
            lab.objectives().forEach(o -> out.println("  - " + t(o)));
        }
        out.println();
        out.println(colors.bold(say("Vérifications", "Checks")) + colors.dim(" (" + lab.maxScore() + " points)"));
        for (CheckSpec c : lab.checks()) out.printf("  %-16s %2d  %s%n", c.id(), c.points(), t(c.title()));
        out.println();
        out.println(instructions.strip());
        out.println();
        out.println(colors.dim(say("Puis : jlab lab check " + lab.id(), "Then: jlab lab check " + lab.id())));
    }

    void result(LabResult r, boolean hintsOnly) {
        for (CheckResult c : r.checks()) {
            if (hintsOnly && c.status() == Status.PASS) continue;
            out.printf("%s %s  %s%n", mark(c.status()), colors.bold(t(c.title())),
                    colors.dim(score(c.score()) + "/" + c.maxScore()));
            out.println("    " + t(c.message()));
            if (!hintsOnly) {
                for (Evidence e : c.evidence()) {
                    out.println(colors.dim("    " + e.where() + ": " + e.observed()
                            + (e.expected() == null ? "" : say("  (attendu : ", "  (expected: ") + e.expected() + ")")));
                }
            }
            for (Text h : c.hints()) out.println("    " + colors.yellow(say("Piste : ", "Hint: ")) + t(h));
        }
        String total = score(r.score()) + "/" + r.maxScore();
        out.println((r.allPassed() ? colors.green(say("Réussi", "Passed")) : colors.red(say("Pas encore", "Not yet")))
                + "  " + r.labId() + "  " + total + colors.dim("  (" + r.host().cgroup() + ", "
                + r.checks().size() + say(" vérifications)", " checks)")));
    }

    private String mark(Status s) {
        String word = String.format(Locale.ROOT, "%-7s", s.word());
        return switch (s) {
            case PASS -> colors.green("✓ " + word);
            case PARTIAL -> colors.yellow("~ " + word);
            case FAIL -> colors.red("✗ " + word);
            case ERROR -> colors.red("! " + word);
            case SKIPPED -> colors.dim("- " + word);
        };
    }

    private static String score(double s) {
        return s == Math.rint(s) ? String.valueOf((long) s) : String.valueOf(s);
    }
}
