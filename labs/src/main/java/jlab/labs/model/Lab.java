package jlab.labs.model;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A lab: what the student builds on the host, and how jlab checks it. Read
 * from a folder: {@code lab.yaml} beside {@code instructions.fr.adoc} and
 * {@code instructions.en.adoc}.
 *
 * @param id            fixed once published: the course and the web tutor link to it
 * @param version       bumped when the checks change, so a result says which checks graded it
 * @param prerequisites ids of labs to do first (advice, not enforced)
 * @param setup         what {@code lab start} prepares (a rootfs, a directory, a file)
 * @param checks        in the order they run and are shown
 * @param reset         what {@code lab reset} removes: only things with the lab's own names
 * @param folder        where it was read from
 */
public record Lab(String id, int version, Text title, Text summary, List<Text> objectives,
                  List<String> prerequisites, List<Action> setup, List<CheckSpec> checks,
                  List<Action> reset, Path folder) {
    public Lab {
        objectives = List.copyOf(objectives);
        prerequisites = List.copyOf(prerequisites);
        setup = List.copyOf(setup);
        checks = List.copyOf(checks);
        reset = List.copyOf(reset);
    }

    public Optional<CheckSpec> check(String checkId) {
        return checks.stream().filter(c -> c.id().equals(checkId)).findFirst();
    }

    public int maxScore() { return checks.stream().mapToInt(CheckSpec::points).sum(); }

    public Path instructions(Lang lang) { return folder.resolve("instructions." + lang.code() + ".adoc"); }
}
