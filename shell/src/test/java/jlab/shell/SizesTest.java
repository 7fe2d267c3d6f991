package jlab.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Docker's memory sizes: binary units, any case, an optional b or ib. */
class SizesTest {

    @ParameterizedTest(name = "{0} = {1} bytes")
    @CsvSource({
            "64m, 67108864",
            "64M, 67108864",
            "64mb, 67108864",
            "64MiB, 67108864",
            "1.5g, 1610612736",
            "512k, 524288",
            "1024, 1024",
            "1024b, 1024",
            "1t, 1099511627776",
            "' 32m ', 33554432",
    })
    void a_size_is_parsed_in_binary_units(String text, long bytes) {
        assertThat(Sizes.parse(text)).isEqualTo(bytes);
    }

    @Test
    void a_size_with_an_unknown_unit_is_refused_with_dockers_wording() {
        assertThatThrownBy(() -> Sizes.parse("64x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("invalid size: '64x'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "m", "-1", "64 m b", "1e6", "six"})
    void anything_but_a_number_and_a_unit_is_refused(String text) {
        assertThatThrownBy(() -> Sizes.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("invalid size");
    }

    @ParameterizedTest(name = "{0} bytes = {1}")
    @CsvSource({
            "0, 0B",
            "1023, 1023B",
            "1024, 1KiB",
            "1536, 1.5KiB",
            "33554432, 32MiB",
            "1610612736, 1.5GiB",
    })
    void a_size_is_printed_in_the_largest_whole_unit(long bytes, String human) {
        assertThat(Sizes.human(bytes)).isEqualTo(human);
    }

    @ParameterizedTest(name = "{0} bytes = {1}")
    @CsvSource({
            "0, 0B",
            "999, 999B",
            "1000, 1kB",
            "1234, 1.23kB",
            "2097152, 2.1MB",
            "4261550, 4.26MB",
            "999999, 1MB",
            "1610612736, 1.61GB",
    })
    void an_images_size_is_printed_as_docker_images_prints_it(long bytes, String human) {
        assertThat(Sizes.decimal(bytes)).isEqualTo(human);
    }

    @Test
    void a_printed_size_parses_back() {
        assertThat(Sizes.parse(Sizes.human(33554432))).isEqualTo(33554432);
    }
}
