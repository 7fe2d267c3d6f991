package jlab.web.tutor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import jlab.labs.run.CheckResult;
import jlab.labs.run.LabResult;

/**
 * The history of Check for each lab: {@code <state>/web/attempts/ID.jsonl},
 * one line per attempt, oldest first. Appending a line is cheap and a crash
 * in the middle loses at most that line (a line that does not parse is
 * skipped when read). The file is bounded: past {@code bound} lines, the
 * oldest go.
 *
 * <p>Callers pass lab ids of the catalogue only, never a path a request made up.
 */
final class Attempts {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path dir;
    private final int bound;
    /** Bumped by every attempt recorded: pages kept by {@link RenderedPages} are then rendered again. */
    private final java.util.concurrent.atomic.AtomicInteger version = new java.util.concurrent.atomic.AtomicInteger();

    Attempts(Path dir, int bound) {
        this.dir = dir;
        this.bound = bound;
    }

    private Path file(String labId) { return dir.resolve(labId + ".jsonl"); }

    synchronized Attempt record(String labId, LabResult r) {
        Map<String, String> statuses = new LinkedHashMap<>();
        for (CheckResult c : r.checks()) statuses.put(c.id(), c.status().word());
        Attempt a = new Attempt(r.finishedAt().toString(), r.score(), r.maxScore(), statuses);
        try {
            Files.createDirectories(dir);
            Files.writeString(file(labId), JSON.writeValueAsString(a) + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            List<String> lines = Files.readAllLines(file(labId), StandardCharsets.UTF_8);
            if (lines.size() > bound) {
                Path tmp = file(labId + ".tmp");
                Files.write(tmp, lines.subList(lines.size() - bound, lines.size()), StandardCharsets.UTF_8);
                Files.move(tmp, file(labId), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file(labId) + ": " + e.getMessage(), e);
        }
        version.incrementAndGet();
        return a;
    }

    int version() { return version.get(); }

    /** Newest first. */
    synchronized List<Attempt> of(String labId) {
        Path f = file(labId);
        if (!Files.exists(f)) return List.of();
        List<Attempt> out = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                try {
                    out.add(JSON.readValue(line, Attempt.class));
                } catch (JsonProcessingException cutShort) {
                    // a line a crash cut short: the others still count
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + f + ": " + e.getMessage(), e);
        }
        Collections.reverse(out);
        return out;
    }

    Optional<Progress> progress(String labId) {
        List<Attempt> all = of(labId);
        if (all.isEmpty()) return Optional.empty();
        Attempt best = all.stream().max((a, b) -> Double.compare(a.score(), b.score())).orElseThrow();
        return Optional.of(new Progress(best.score(), best.max(), all.get(0), all.size()));
    }
}
