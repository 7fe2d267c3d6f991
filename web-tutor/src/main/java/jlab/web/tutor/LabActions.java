package jlab.web.tutor;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.javalin.http.Context;
import jlab.engine.state.StateDir;
import jlab.labs.Labs;
import jlab.labs.model.Lab;
import jlab.labs.model.Lang;
import jlab.labs.run.LabResult;
import jlab.labs.run.ResultJson;
import jlab.web.ClientError;

/**
 * The lab page's buttons: {@code POST /api/labs/ID/check}, {@code /start},
 * {@code /reset}, and {@code GET /api/labs/ID/attempts}. They run the same
 * {@link Labs} calls as {@code jlab lab check|start|reset}, on this host.
 *
 * <p>One action at a time per lab: a second press while a check runs gets
 * 409 (the page's button is disabled meanwhile too), so two checks never
 * race on the same processes and the history gets one line per press.
 */
final class LabActions {
    private static final Logger LOG = LoggerFactory.getLogger(LabActions.class);
    private final LabBook labs;
    private final StateDir state;
    private final Attempts attempts;
    private final Language language;
    private final Map<String, ReentrantLock> busy = new ConcurrentHashMap<>();

    LabActions(LabBook labs, StateDir state, Attempts attempts, Language language) {
        this.labs = labs;
        this.state = state;
        this.attempts = attempts;
        this.language = language;
    }

    /** Runs every check, records the attempt, answers jlab.result/v1. */
    void check(Context ctx) {
        Lab lab = labs.require(ctx.pathParam("id"));
        Lang lang = language.of(ctx);
        LabResult result = exclusive(lab, () -> Labs.check(lab, state));
        attempts.record(lab.id(), result);
        ctx.contentType("application/json").result(ResultJson.write(result, lang));
    }

    void start(Context ctx) { act(ctx, "start", Labs::start); }

    void reset(Context ctx) { act(ctx, "reset", Labs::reset); }

    /** {@code {"progress": {...} | null, "attempts": [newest first]}}. */
    void history(Context ctx) {
        Lab lab = labs.require(ctx.pathParam("id"));
        Map<String, Object> out = new java.util.LinkedHashMap<>();
        out.put("lab", lab.id());
        out.put("progress", attempts.progress(lab.id()).orElse(null));
        out.put("attempts", attempts.of(lab.id()));
        ctx.json(out);
    }

    private interface Action { List<String> run(Lab lab, StateDir state); }

    /** {@code {"lab": ID, "action": "start", "done": ["what was done", ...]}}. */
    private void act(Context ctx, String name, Action action) {
        Lab lab = labs.require(ctx.pathParam("id"));
        List<String> done = exclusive(lab, () -> {
            try {
                return action.run(lab, state);
            } catch (RuntimeException e) {
                // The host refused (a path, a cgroup): the student needs its words, the log its trace.
                LOG.warn("lab {} {} failed", name, lab.id(), e);
                throw new ActionFailed("lab " + name + " " + lab.id() + " failed: " + e.getMessage());
            }
        });
        ctx.json(Map.of("lab", lab.id(), "action", name, "done", done));
    }

    private <T> T exclusive(Lab lab, Supplier<T> work) {
        ReentrantLock lock = busy.computeIfAbsent(lab.id(), id -> new ReentrantLock());
        if (!lock.tryLock()) {
            throw new ClientError(409, "lab " + lab.id() + " is busy (a check, start or reset is running): wait for its answer");
        }
        try {
            return work.get();
        } finally {
            lock.unlock();
        }
    }

    /** A start or reset the host refused: 500 with its message (not a bug of the request, not one of ours). */
    static final class ActionFailed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ActionFailed(String message) { super(message, null, false, false); }
    }
}
