package jlab.shell.command;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Callable;

import jlab.engine.lifecycle.CriLogRecord;
import jlab.engine.state.ContainerRecord;
import jlab.shell.Session;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code jlab logs}: what a detached container printed, read from the log its
 * supervisor keeps (containers/ID/container.log): its stdout on jlab's stdout,
 * its stderr on jlab's stderr, in the order the supervisor received them.
 */
@Command(name = "logs", description = "Print what a detached container wrote to its stdout and stderr.")
public final class LogsCommand implements Callable<Integer> {
    private final Session session;

    @Option(names = {"-f", "--follow"}, description = "Keep printing what it writes, until it stops.") boolean follow;
    @Option(names = "--tail", paramLabel = "N", description = "Only the last N lines (default: all).") String tail = "all";
    @Option(names = {"-t", "--timestamps"}, description = "Start each line with the time it was written.") boolean timestamps;
    @Parameters(paramLabel = "CONTAINER", arity = "1", description = "Name, id, or unique id prefix.") String container;
    @Option(names = "--help", usageHelp = true, description = "Show this help.") boolean help;

    /** At the start of a line of each stream (stdout, stderr): where a timestamp goes. */
    private final boolean[] lineStart = {true, true};

    public LogsCommand(Session session) { this.session = session; }

    @Override
    public Integer call() throws Exception {
        int lastLines = tail.equals("all") ? -1 : parseTail(tail);
        ContainerRecord r;
        try {
            r = session.engine().find(container);
        } catch (jlab.engine.EngineException e) {
            throw new jlab.engine.EngineException(e.getMessage(), 1); // as docker logs: exit 1
        }
        Path log = session.engine().logFile(r.id());
        if (!r.detached() && !Files.exists(log)) {
            session.err().println("jlab: " + r.name() + " ran in the foreground: its output went to the terminal of the"
                    + " jlab that ran it, and no log was kept (run -d keeps one)");
            return 0;
        }
        long offset = 0;
        if (Files.exists(log)) {
            List<CriLogRecord> records = new ArrayList<>();
            offset = read(log, 0, records);
            for (CriLogRecord rec : lastLines < 0 ? records : lastLines(records, lastLines)) print(rec);
        }
        while (follow) {
            boolean running = isLive(r.id());
            List<CriLogRecord> more = new ArrayList<>();
            if (Files.exists(log)) offset = read(log, offset, more);
            more.forEach(this::print);
            session.out().flush();
            session.err().flush();
            if (!running && more.isEmpty()) break;
            Thread.sleep(100);
        }
        session.out().flush();
        return 0;
    }

    private boolean isLive(String id) {
        try {
            String s = session.engine().status(session.engine().find(id)).state();
            return s.equals(ContainerRecord.RUNNING) || s.equals(ContainerRecord.RESTARTING);
        } catch (RuntimeException gone) {
            return false;
        }
    }

    private static int parseTail(String s) {
        try {
            int n = Integer.parseInt(s);
            if (n >= 0) return n;
        } catch (NumberFormatException e) {
            // fall through
        }
        throw new jlab.engine.EngineException("--tail " + s + ": give a number of lines, or all");
    }

    /** Reads whole lines from {@code offset}; returns where the next read starts (before a line still being written). */
    private static long read(Path log, long offset, List<CriLogRecord> into) {
        try (RandomAccessFile f = new RandomAccessFile(log.toFile(), "r")) {
            long length = f.length();
            if (length <= offset) return offset;
            f.seek(offset);
            byte[] buf = new byte[(int) Math.min(length - offset, 64L * 1024 * 1024)];
            f.readFully(buf);
            int start = 0;
            for (int i = 0; i < buf.length; i++) {
                if (buf[i] != '\n') continue;
                byte[] line = java.util.Arrays.copyOfRange(buf, start, i);
                CriLogRecord.parse(line).ifPresent(into::add);
                start = i + 1;
            }
            return offset + start;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + log + ": " + e.getMessage(), e);
        }
    }

    /** The records of the last {@code n} lines: a line is its partial records and the full one that ends it. */
    private static List<CriLogRecord> lastLines(List<CriLogRecord> records, int n) {
        Deque<List<CriLogRecord>> lines = new ArrayDeque<>();
        List<CriLogRecord> current = new ArrayList<>();
        for (CriLogRecord rec : records) {
            current.add(rec);
            if (!rec.partial()) {
                lines.addLast(current);
                current = new ArrayList<>();
                if (lines.size() > n) lines.removeFirst();
            }
        }
        List<CriLogRecord> out = new ArrayList<>();
        if (n == 0) return out;
        lines.forEach(out::addAll);
        out.addAll(current);
        return out;
    }

    private void print(CriLogRecord rec) {
        PrintStream to = rec.stderr() ? session.err() : session.out();
        int s = rec.stderr() ? 1 : 0;
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        if (timestamps && lineStart[s]) b.writeBytes((rec.time() + " ").getBytes(StandardCharsets.US_ASCII));
        b.writeBytes(rec.text());
        if (!rec.partial()) b.write('\n');
        lineStart[s] = !rec.partial();
        to.write(b.toByteArray(), 0, b.size());
    }
}
