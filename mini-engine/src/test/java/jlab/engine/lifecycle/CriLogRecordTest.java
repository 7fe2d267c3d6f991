package jlab.engine.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class CriLogRecordTest {
    private static CriLogRecord parse(String line) {
        return CriLogRecord.parse(line.getBytes(StandardCharsets.UTF_8)).orElseThrow();
    }

    @Test
    void a_full_line_keeps_its_spaces_and_names_its_stream() {
        CriLogRecord r = parse("2026-12-02T05:00:00.123456789Z stderr F  two  spaces ");
        assertThat(r.time()).isEqualTo("2026-12-02T05:00:00.123456789Z");
        assertThat(r.stderr()).isTrue();
        assertThat(r.partial()).isFalse();
        assertThat(new String(r.text(), StandardCharsets.UTF_8)).isEqualTo(" two  spaces ");
    }

    @Test
    void a_partial_record_and_an_empty_line() {
        assertThat(parse("2026-12-02T05:00:00.1Z stdout P abc").partial()).isTrue();
        assertThat(parse("2026-12-02T05:00:00.1Z stdout F ").text()).isEmpty();
        assertThat(parse("2026-12-02T05:00:00.1Z stdout F").text()).isEmpty();
    }

    @Test
    void a_line_cut_short_by_a_crash_is_no_record() {
        assertThat(CriLogRecord.parse("2026-12-02T05:00:00.1Z std".getBytes(StandardCharsets.UTF_8))).isEmpty();
        assertThat(CriLogRecord.parse("2026-12-02T05:00:00.1Z stdout X text".getBytes(StandardCharsets.UTF_8))).isEmpty();
    }
}
