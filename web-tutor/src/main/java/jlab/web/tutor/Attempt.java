package jlab.web.tutor;

import java.util.Map;

/**
 * One press of Check, as {@code <state>/web/attempts/ID.jsonl} keeps it (one JSON object a line).
 *
 * @param time     when it finished, ISO-8601 UTC
 * @param statuses each check's id and result word (pass, partial, fail, error, skipped), in the lab's order
 */
public record Attempt(String time, double score, int max, Map<String, String> statuses) {}
