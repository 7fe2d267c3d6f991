package jlab.shell;

import java.util.Collection;
import java.util.Optional;

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
            int d = typed.length() >= 2 && k.startsWith(typed) ? 1 : distance(typed, k);
            if (d < bestDistance) {
                best = k;
                bestDistance = d;
            }
        }
        // One edit for short words, two from five letters on: "stp" → "stop", "netwrk" → "network".
        int allowed = typed.length() < 5 ? 1 : 2;
        return bestDistance <= allowed ? Optional.of(best) : Optional.empty();
    }

    /** Edits between a and b: the optimal string alignment distance (Levenshtein plus transpositions). */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) d[i][0] = i;
        for (int j = 0; j <= b.length(); j++) d[0][j] = j;
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
