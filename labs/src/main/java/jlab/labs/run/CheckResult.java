package jlab.labs.run;

import java.util.List;

import jlab.labs.check.Evidence;
import jlab.labs.check.Status;
import jlab.labs.model.Text;

/**
 * One check's line in a result.
 *
 * @param score    points earned: all for a pass, a share for a partial, none otherwise
 * @param hints    the hint derived from what was seen first, then the lab's own; empty for a pass
 */
public record CheckResult(String id, Text title, Status status, double score, int maxScore, Text message,
                          List<Evidence> evidence, List<Text> hints) {
    public CheckResult {
        evidence = List.copyOf(evidence);
        hints = List.copyOf(hints);
    }
}
