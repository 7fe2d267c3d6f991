package jlab.engine;

/**
 * {@code --restart}, with Docker's meanings: what happens when a container's
 * command exits on its own (never after {@code stop}, {@code kill} or {@code rm -f}):
 * <ul>
 * <li>{@code no}: nothing (the default);</li>
 * <li>{@code on-failure[:N]}: start it again if it exited with a code other than 0, at most N times;</li>
 * <li>{@code always}: start it again, whatever its code.</li>
 * </ul>
 * Between two starts it waits, as Docker does: 100 ms, doubled each time (here at most 2 s).
 *
 * @param name       no, on-failure or always
 * @param maxRetries on-failure's N; 0 for no limit
 */
public record RestartPolicy(String name, int maxRetries) {
    public static final RestartPolicy NO = new RestartPolicy("no", 0);

    public RestartPolicy {
        if (!name.equals("no") && !name.equals("on-failure") && !name.equals("always")) {
            throw new EngineException("invalid restart policy \"" + name + "\": use no, on-failure[:N] or always");
        }
        if (maxRetries < 0) throw new EngineException("invalid restart policy: the maximum retry count must be 0 or more");
        if (maxRetries > 0 && !name.equals("on-failure")) {
            throw new EngineException("invalid restart policy: a maximum retry count is only for on-failure (on-failure:N)");
        }
    }

    /** {@code no}, {@code on-failure}, {@code on-failure:3}, {@code always}. */
    public static RestartPolicy parse(String text) {
        int colon = text.indexOf(':');
        if (colon < 0) return new RestartPolicy(text, 0);
        try {
            return new RestartPolicy(text.substring(0, colon), Integer.parseInt(text.substring(colon + 1)));
        } catch (NumberFormatException e) {
            throw new EngineException("invalid restart policy \"" + text + "\": the count after ':' must be a number");
        }
    }

    public boolean restarts() { return !name.equals("no"); }

    /** Whether a container that exited with {@code exitCode}, already restarted {@code restarts} times, starts again. */
    public boolean shouldRestart(int exitCode, int restarts) {
        return switch (name) {
            case "always" -> true;
            case "on-failure" -> exitCode != 0 && (maxRetries == 0 || restarts < maxRetries);
            default -> false;
        };
    }

    /** Docker's back-off: 100 ms, doubled after each restart; capped here at 2 s. */
    public long delayMillis(int restarts) {
        return Math.min(2000, 100L << Math.min(restarts, 5));
    }

    @Override
    public String toString() { return maxRetries > 0 ? name + ":" + maxRetries : name; }
}
