package jlab.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Ids and names as Docker makes and accepts them; hostnames as RFC 1123 does. */
class NamesTest {

    @Test
    void a_new_id_is_64_hex_digits_and_never_repeats() {
        String a = Names.newId();
        String b = Names.newId();
        assertThat(a).matches("[0-9a-f]{64}");
        assertThat(b).matches("[0-9a-f]{64}").isNotEqualTo(a);
    }

    @Test
    void a_generated_name_is_adjective_scientist_hex_and_is_itself_a_valid_name() {
        for (int i = 0; i < 50; i++) {
            String name = Names.generateName();
            assertThat(name).matches("[a-z]+_[a-z]+_[0-9a-f]{2}");
            assertThat(Names.validateName(name)).isEqualTo(name);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"web-1", "a.b_c", "A9", "x"})
    void valid_names_are_accepted(String name) {
        assertThat(Names.validateName(name)).isEqualTo(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"-x", "", "a b", "é", "_x", ".hidden", "a/b"})
    void invalid_names_are_refused(String name) {
        assertThatThrownBy(() -> Names.validateName(name))
                .isInstanceOf(EngineException.class)
                .hasMessageContaining("invalid container name \"" + name + "\"");
    }

    @Test
    void a_name_may_have_128_characters_not_129() {
        assertThat(Names.validateName("n".repeat(128))).hasSize(128);
        assertThatThrownBy(() -> Names.validateName("n".repeat(129))).isInstanceOf(EngineException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"box", "a-b.c", "Web01", "a.b.c.d"})
    void valid_hostnames_are_accepted(String hostname) {
        assertThat(Names.validateHostname(hostname)).isEqualTo(hostname);
    }

    @ParameterizedTest
    @ValueSource(strings = {"bad_host!", "-x", "x-", "a..b", ".a", "", "a b"})
    void invalid_hostnames_are_refused(String hostname) {
        assertThatThrownBy(() -> Names.validateHostname(hostname))
                .isInstanceOf(EngineException.class)
                .hasMessageContaining("invalid hostname \"" + hostname + "\"");
    }

    @Test
    void a_hostname_may_have_64_characters_not_65() {
        String sixtyFour = "a".repeat(30) + "." + "b".repeat(30) + ".cc";
        assertThat(sixtyFour).hasSize(64);
        assertThat(Names.validateHostname(sixtyFour)).isEqualTo(sixtyFour);

        String sixtyFive = sixtyFour + "c";
        assertThatThrownBy(() -> Names.validateHostname(sixtyFive))
                .isInstanceOf(EngineException.class)
                .hasMessageContaining("at most 64 characters");
    }

    @Test
    void a_hostname_label_may_have_63_characters_not_64() {
        assertThat(Names.validateHostname("a".repeat(63))).hasSize(63);
        assertThatThrownBy(() -> Names.validateHostname("a".repeat(64))).isInstanceOf(EngineException.class);
    }
}
