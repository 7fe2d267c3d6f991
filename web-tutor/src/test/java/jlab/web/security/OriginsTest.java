package jlab.web.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OriginsTest {
    @Test
    void the_same_scheme_host_and_port_is_the_same_origin() {
        assertThat(Origins.sameAs("http://127.0.0.1:7070", "http", "127.0.0.1:7070")).isTrue();
        assertThat(Origins.sameAs("http://LOCALHOST:7070", "http", "localhost:7070")).isTrue();
        assertThat(Origins.sameAs("http://example.org", "http", "example.org:80")).isTrue();
    }

    @Test
    void another_port_host_or_scheme_is_not() {
        assertThat(Origins.sameAs("http://127.0.0.1:7071", "http", "127.0.0.1:7070")).isFalse();
        assertThat(Origins.sameAs("http://localhost:7070", "http", "127.0.0.1:7070")).isFalse();
        assertThat(Origins.sameAs("https://127.0.0.1:7070", "http", "127.0.0.1:7070")).isFalse();
        assertThat(Origins.sameAs("null", "http", "127.0.0.1:7070")).isFalse();
        assertThat(Origins.sameAs("http://127.0.0.1:7070/path", "http", "127.0.0.1:7070")).isFalse();
    }

    @Test
    void tokens_are_43_url_safe_characters_and_compare_by_value() {
        String t = Tokens.random();
        assertThat(t).hasSize(43).matches("[A-Za-z0-9_-]+");
        assertThat(Tokens.same(t, new String(t))).isTrue();
        assertThat(Tokens.same(t, Tokens.random())).isFalse();
        assertThat(Tokens.same(null, t)).isFalse();
    }
}
