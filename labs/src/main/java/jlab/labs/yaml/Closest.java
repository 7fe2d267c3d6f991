package jlab.labs.yaml;

import java.util.Collection;
import java.util.Optional;

import jlab.engine.EditDistance;

/** The known word nearest to a typo, by edit distance: "did you mean 'requires'?". */
public final class Closest {
    private Closest() {}

    /** The closest candidate within a third of the word's length (at least 2 edits), if any. */
    public static Optional<String> to(String word, Collection<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String c : candidates) {
            int d = EditDistance.between(word, c);
            if (d < bestDistance) {
                best = c;
                bestDistance = d;
            }
        }
        return best != null && bestDistance <= Math.max(2, word.length() / 3) ? Optional.of(best) : Optional.empty();
    }

    /** " (did you mean 'x'?)", or nothing. */
    public static String suggestion(String word, Collection<String> candidates) {
        return to(word, candidates).map(c -> " (did you mean '" + c + "'?)").orElse("");
    }
}
