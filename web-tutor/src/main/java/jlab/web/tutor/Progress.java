package jlab.web.tutor;

/**
 * Where a student stands on one lab: the best attempt, and the last.
 *
 * @param attempts how many are kept (the file is bounded)
 */
public record Progress(double best, int max, Attempt last, int attempts) {
    public boolean passed() { return best >= max && max > 0; }
}
