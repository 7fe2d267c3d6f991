package jlab.engine.build;

import java.util.ArrayList;
import java.util.List;

/**
 * A parsed Dockerfile: its instructions in order, and the escape character its directive chose.
 * {@link #stages()} cuts it at each FROM; the ARGs before the first FROM are global, usable in FROM
 * lines only (Docker's "meta args").
 */
public record Dockerfile(String file, char escape, List<Instruction> instructions) {
    public Dockerfile {
        instructions = List.copyOf(instructions);
    }

    /** One stage: its FROM and what follows it, up to the next FROM. */
    public record Stage(int index, Instruction from, List<Instruction> body) {}

    /** The ARGs before the first FROM. */
    public List<Instruction> globalArgs() {
        List<Instruction> out = new ArrayList<>();
        for (Instruction in : instructions) {
            if (in.keyword().equals("FROM")) break;
            if (!in.keyword().equals("ARG")) {
                throw BuildException.at(in, "no FROM before " + in.keyword() + ": a Dockerfile starts with FROM IMAGE"
                        + " (only ARG may come before it)");
            }
            out.add(in);
        }
        return out;
    }

    /** The stages, in order; the last one's image is the build's. */
    public List<Stage> stages() {
        List<Stage> out = new ArrayList<>();
        int first = globalArgs().size();
        if (first == instructions.size()) {
            Instruction last = instructions.get(instructions.size() - 1);
            throw BuildException.at(last, "no FROM: a Dockerfile needs FROM IMAGE (or FROM scratch) after its ARGs");
        }
        Instruction from = null;
        List<Instruction> body = new ArrayList<>();
        for (Instruction in : instructions.subList(first, instructions.size())) {
            if (in.keyword().equals("FROM")) {
                if (from != null) out.add(new Stage(out.size(), from, body));
                from = in;
                body = new ArrayList<>();
            } else {
                body.add(in);
            }
        }
        out.add(new Stage(out.size(), from, body));
        return out;
    }

    /** How many steps the progress counts: every instruction after the global ARGs ("Step 3/7"). */
    public int steps() { return instructions.size() - globalArgs().size(); }
}
