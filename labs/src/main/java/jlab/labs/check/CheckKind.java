package jlab.labs.check;

import java.util.Map;

import jlab.labs.yaml.Signature;

/**
 * A kind of check: Java that looks at the kernel, configured by a lab's
 * {@code with:} parameters. A lab names the kind ({@code kind: uts-hostname});
 * many labs share one kind with their own names and values.
 *
 * <p>A check reads the host and never changes it. It returns pass, partial or
 * fail with the evidence it saw; if the kernel does not answer as expected (an
 * interface this host lacks), it throws, and the runner scores it {@code error}.
 */
public interface CheckKind {
    /** Its name in lab.yaml, and the parameters it takes. */
    Signature signature();

    Outcome check(Map<String, String> with, CheckContext context);
}
