package jlab.shell;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/** A kernel test that cannot run skips, with its reason; where kernel tests are required, it fails instead. */
class SkipTest {
    /** What the test JVM was given (run-tests passes kernel as root): put back after each test. */
    private final String given = System.getProperty(Skip.REQUIRE);

    @AfterEach
    void restore() {
        if (given == null) System.clearProperty(Skip.REQUIRE);
        else System.setProperty(Skip.REQUIRE, given);
    }

    @Test
    void a_missing_requirement_skips_with_its_reason() {
        System.clearProperty(Skip.REQUIRE);
        assertThatThrownBy(() -> Skip.unless(false, "requires root: namespaces"))
                .isInstanceOf(TestAbortedException.class).hasMessageContaining("requires root: namespaces");
        assertThatCode(() -> Skip.unless(true, "requires root")).doesNotThrowAnyException();
    }

    @Test
    void where_kernel_tests_are_required_a_missing_requirement_fails_the_test() {
        System.setProperty(Skip.REQUIRE, "kernel");
        assertThatThrownBy(() -> Skip.unless(false, "requires tmux"))
                .isInstanceOf(AssertionFailedError.class)
                .hasMessage("requires tmux (-Djlab.tests.require=kernel: the kernel tests must run here, not skip)");
        assertThatCode(() -> Skip.unless(true, "requires tmux")).doesNotThrowAnyException();
    }
}
