package jlab.labs.check;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import jlab.engine.HostPrograms;

/**
 * The few programs a check runs, always by absolute path from the system's
 * own directories (never the student's PATH, which a student could fill with
 * a {@code ping} that always answers), with a clean environment.
 */
final class Tools {

    private Tools() {}

    /**
     * The absolute path of a system program; a program that is missing breaks
     * the check (an {@code error}, which costs the student nothing) with its
     * name, where jlab looked, and the package to install.
     */
    static String require(CheckContext context, String program, String debianPackage) {
        String p = context.programs().apply(program);
        if (p == null) {
            throw new IllegalStateException(program + " is not installed (looked in " + String.join(", ", HostPrograms.dirs())
                    + "): apt-get install " + debianPackage);
        }
        return p;
    }

    /** What a finished program said, and its exit code. */
    record Ran(int exit, String output) {
        /** Its last non-empty line, for evidence. */
        String last() {
            String[] lines = output.strip().split("\n");
            return lines.length == 0 ? "" : lines[lines.length - 1].strip();
        }
    }

    /** Runs {@code command} in a network namespace first ({@code nsenter --net=/run/netns/NAME}) when {@code netnsFile} is not null. */
    static Ran run(CheckContext context, Path netnsFile, List<String> command, long timeoutMillis) {
        List<String> cmd = new ArrayList<>();
        if (netnsFile != null) {
            cmd.add(require(context, "nsenter", "util-linux"));
            cmd.add("--net=" + netnsFile);
            cmd.add("--");
        }
        cmd.addAll(command);
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
            pb.environment().clear();
            pb.environment().put("LC_ALL", "C");
            Process p = pb.start();
            p.getOutputStream().close();
            if (!p.waitFor(timeoutMillis, TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                p.waitFor(1, TimeUnit.SECONDS);
                return new Ran(-1, String.join(" ", cmd) + ": no answer in " + timeoutMillis + " ms");
            }
            return new Ran(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + cmd.get(0) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + cmd.get(0), e);
        }
    }
}
