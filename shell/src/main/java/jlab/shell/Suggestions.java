package jlab.shell;

import java.util.Collection;
import java.util.Optional;

import jlab.engine.EditDistance;

/**
 * The closest known word to a mistyped one ("rnu" → "run", "netwrok" →
 * "network"), as git and Docker suggest: the fewest single-letter edits
 * (insert, delete, replace, swap two neighbours), or a word the typed one
 * begins. Too far from every word: no suggestion rather than a silly one.
 */
public final class Suggestions {
    private Suggestions() {}

    public static Optional<String> closest(String typed, Collection<String> known) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String k : known) {
            int d = typed.length() >= 2 && k.startsWith(typed) ? 1 : EditDistance.between(typed, k);
            if (d < bestDistance) {
                best = k;
                bestDistance = d;
            }
        }
        // One edit for short words, two from five letters on: "stp" → "stop", "netwrk" → "network".
        int allowed = typed.length() < 5 ? 1 : 2;
        return bestDistance <= allowed ? Optional.of(best) : Optional.empty();
    }
}
