package jlab.labs;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * A kernel test that cannot run here (not root) skips with the reason, as runc's integration tests do
 * ({@code t.Skip("requires root")}). Except where it must run: with {@code -Djlab.tests.require=kernel}
 * (what {@code run-tests} passes as root, and CI) a skip would let the suite pass with the kernel
 * untested, so the test fails instead, with the same reason. (The shell module's {@code Skip} is the same.)
 */
final class Skip {
    /** The system property, and the value, that turn these skips into failures. */
    static final String REQUIRE = "jlab.tests.require";

    private Skip() {}

    /** Skips the test (or class, from a @BeforeAll) unless {@code holds}; fails instead where kernel tests are required. */
    static void unless(boolean holds, String reason) {
        if (holds) return;
        if ("kernel".equals(System.getProperty(REQUIRE))) {
            Assertions.fail(reason + " (-D" + REQUIRE + "=kernel: the kernel tests must run here, not skip)");
        }
        Assumptions.assumeTrue(false, reason);
    }
}
