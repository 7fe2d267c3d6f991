package jlab.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** A script line or a REPL line becomes words as a POSIX shell splits a simple command. */
class WordsTest {

    @Test
    void plain_words_are_split_on_spaces_and_tabs() {
        assertThat(Words.split("  run --rm\tbusybox   true  ")).containsExactly("run", "--rm", "busybox", "true");
    }

    @Test
    void an_empty_or_blank_line_has_no_words() {
        assertThat(Words.split("")).isEmpty();
        assertThat(Words.split("   \t ")).isEmpty();
    }

    @Test
    void single_quotes_keep_everything_literally() {
        assertThat(Words.split("sh -c 'hostname; echo $$ \"x\" \\n'"))
                .containsExactly("sh", "-c", "hostname; echo $$ \"x\" \\n");
    }

    @Test
    void dollars_are_never_expanded() {
        assertThat(Words.split("echo $$ $HOME \"$PATH\"")).containsExactly("echo", "$$", "$HOME", "$PATH");
    }

    @Test
    void double_quotes_keep_spaces_and_take_backslash_escapes() {
        assertThat(Words.split("echo \"a  b\" \"say \\\"hi\\\"\" \"back\\\\slash\" \"\\$HOME\""))
                .containsExactly("echo", "a  b", "say \"hi\"", "back\\slash", "$HOME");
    }

    @Test
    void a_backslash_in_double_quotes_before_another_character_stays() {
        assertThat(Words.split("\"a\\nb\"")).containsExactly("a\\nb");
    }

    @Test
    void a_backslash_outside_quotes_escapes_the_next_character() {
        assertThat(Words.split("a\\ b c\\'d \\\\")).containsExactly("a b", "c'd", "\\");
    }

    @Test
    void adjacent_quoted_and_plain_parts_make_one_word() {
        assertThat(Words.split("\"a\"'b'c")).containsExactly("abc");
        assertThat(Words.split("--name=\"my box\"")).containsExactly("--name=my box");
    }

    @Test
    void empty_quotes_are_an_empty_word() {
        assertThat(Words.split("a '' \"\" b")).containsExactly("a", "", "", "b");
    }

    @Test
    void an_unterminated_single_quote_is_refused() {
        assertThatThrownBy(() -> Words.split("echo 'oops"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("unterminated ' quote");
    }

    @Test
    void an_unterminated_double_quote_is_refused() {
        assertThatThrownBy(() -> Words.split("echo \"oops \\\""))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("unterminated \" quote");
    }
}
