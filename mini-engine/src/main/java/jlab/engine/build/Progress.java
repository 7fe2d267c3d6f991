package jlab.engine.build;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * What a build prints as it goes, in the words of Docker's classic builder, so that a student who
 * reads one reads the other:
 *
 * <pre>
 * Step 2/6 : RUN echo hi
 *  ---&gt; Running in 5c8f0a1b2c3d
 * hi
 * Removing intermediate container 5c8f0a1b2c3d
 *  ---&gt; 9a8b7c6d5e4f
 * Step 3/6 : ENV A=b
 *  ---&gt; Using cache
 *  ---&gt; 123abc456def
 * Successfully built 123abc456def
 * Successfully tagged web:1
 * </pre>
 *
 * With {@code -q} all of it goes to a buffer instead, printed only if the build fails.
 */
public final class Progress {
    private final PrintStream out;
    private final ByteArrayOutputStream buffer;

    /** Prints to {@code out}; with {@code quiet}, keeps it for {@link #buffered()}. */
    public Progress(PrintStream out, boolean quiet) {
        this.buffer = quiet ? new ByteArrayOutputStream() : null;
        this.out = quiet ? new PrintStream(buffer, true, StandardCharsets.UTF_8) : out;
    }

    /** What -q kept back: the caller prints it when the build failed, as Docker does. */
    public String buffered() { return buffer == null ? "" : buffer.toString(StandardCharsets.UTF_8); }

    void step(int n, int total, Instruction in) { out.println("Step " + n + "/" + total + " : " + in.text()); }

    void usingCache() { out.println(" ---> Using cache"); }

    /** The image a step ended with (Docker's 12 hex digits); nothing yet after FROM scratch. */
    void image(String shortId) { out.println(" ---> " + (shortId == null ? "" : shortId)); }

    void runningIn(String containerShortId) {
        out.println(" ---> Running in " + containerShortId);
        out.flush();
    }

    void removing(String containerShortId) { out.println("Removing intermediate container " + containerShortId); }

    void warning(String text) { out.println("[Warning] " + text); }

    void built(String shortId) { out.println("Successfully built " + shortId); }

    void tagged(String tag) { out.println("Successfully tagged " + tag); }

    /** Where a RUN's output goes, byte for byte. */
    OutputStream raw() { return out; }
}
