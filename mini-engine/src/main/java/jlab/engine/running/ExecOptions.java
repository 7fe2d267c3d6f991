package jlab.engine.running;

import java.util.List;

/**
 * {@code jlab exec [-i] [-t] [-d] [-e NAME=V] [-w DIR] [-u USER] CONTAINER COMMAND...}, as data.
 *
 * @param env     added after the container's own environment (later ones win)
 * @param workdir null: the container's working directory
 * @param user    null: the container's user
 * @param detach  run in the background: jlab returns at once, the output goes to /dev/null
 */
public record ExecOptions(List<String> command, List<String> env, String workdir, String user, boolean interactive,
                          boolean tty, boolean detach) {
    public ExecOptions {
        command = List.copyOf(command);
        env = List.copyOf(env);
    }
}
