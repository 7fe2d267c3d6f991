package jlab.engine.step;

import java.util.ArrayList;
import java.util.List;

/**
 * A detached container's supervisor, like podman's conmon. The helper, which
 * left jlab when it started, will fork PID 1 and stay its parent, the
 * reaper: it holds PID 1's stdout and stderr (two pipes) and appends them to
 * containers/ID/container.log, one line per record in the CRI format; when
 * PID 1 exits, it writes containers/ID/exit, then runs the exit command, a
 * jlab that tears the host side down and applies --restart.
 */
public final class SuperviseStep implements Step {
    @Override
    public String name() { return "supervise"; }

    @Override
    public Explanation explain(ContainerBuild b) {
        String dir = b.paths().dir().toString();
        String pid = b.hasHelper() ? Long.toString(b.helper().pid()) : "PID";
        return new Explanation(
                "Prepare the supervisor: PID 1's stdout and stderr will be pipes that the helper's reaper copies to "
                        + dir + "/container.log; once PID 1 exits it writes " + dir + "/exit and calls jlab back.",
                "open(\"" + dir + "/container.log\", O_WRONLY|O_APPEND|O_CREAT); pipe2(out); pipe2(err);"
                        + " dup2(out[1], 1); dup2(err[1], 2)",
                "COMMAND > >(ts stdout >> container.log) 2> >(ts stderr >> container.log)",
                "ls -l /proc/" + pid + "/fd — two pipes and container.log; later: jlab logs " + b.name());
    }

    @Override
    public void apply(ContainerBuild b) {
        List<String> args = new ArrayList<>();
        args.add(b.paths().dir().toString());
        args.addAll(b.exitCommand());
        b.helper().call("supervise", args.toArray(new String[0]));
    }
}
