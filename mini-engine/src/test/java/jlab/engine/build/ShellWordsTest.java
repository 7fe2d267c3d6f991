package jlab.engine.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

/** Docker's variable substitution and quoting in ENV, ARG, COPY, WORKDIR...: $VAR, ${VAR}, ${VAR:-d}, ${VAR:+a}, quotes, escapes. */
class ShellWordsTest {
    private static final Map<String, String> ENV = Map.of("NAME", "web", "EMPTY", "", "TWO", "a b", "DIR", "/srv");
    private final ShellWords sh = new ShellWords('\\');

    @Test
    void dollar_name_and_braces_give_the_value_and_an_unset_name_gives_nothing() {
        assertThat(sh.word("$NAME-${NAME}_x", ENV)).isEqualTo("web-web_x");
        assertThat(sh.word("[$UNSET]", ENV)).isEqualTo("[]");
        assertThat(sh.word("$DIR/conf", ENV)).isEqualTo("/srv/conf");
    }

    @Test
    void defaults_and_alternatives_follow_the_shell() {
        assertThat(sh.word("${UNSET:-dflt}", ENV)).isEqualTo("dflt");
        assertThat(sh.word("${EMPTY:-dflt}", ENV)).as(":- also for an empty value").isEqualTo("dflt");
        assertThat(sh.word("${EMPTY-dflt}", ENV)).as("- only for an unset one").isEqualTo("");
        assertThat(sh.word("${NAME:-dflt}", ENV)).isEqualTo("web");
        assertThat(sh.word("${NAME:+alt}", ENV)).isEqualTo("alt");
        assertThat(sh.word("${UNSET:+alt}", ENV)).isEqualTo("");
        assertThat(sh.word("${EMPTY:+alt}", ENV)).isEqualTo("");
        assertThat(sh.word("${EMPTY+alt}", ENV)).isEqualTo("alt");
        assertThat(sh.word("${UNSET:-$DIR/x}", ENV)).as("the word itself substituted").isEqualTo("/srv/x");
        assertThat(sh.word("${UNSET:-${NAME:-no}}", ENV)).as("nested").isEqualTo("web");
    }

    @Test
    void a_required_variable_that_is_missing_is_an_error_with_its_message() {
        assertThatThrownBy(() -> sh.word("${UNSET:?give a version}", ENV)).hasMessage("UNSET: give a version");
        assertThatThrownBy(() -> sh.word("${UNSET:?}", ENV)).hasMessage("UNSET: is not set");
        assertThat(sh.word("${NAME:?x}", ENV)).isEqualTo("web");
    }

    @Test
    void an_unknown_modifier_or_a_broken_brace_is_an_error() {
        assertThatThrownBy(() -> sh.word("${NAME#w}", ENV)).hasMessageContaining("unsupported modifier");
        assertThatThrownBy(() -> sh.word("${NAME", ENV)).hasMessageContaining("bad substitution");
        assertThatThrownBy(() -> sh.word("${UNSET:-x", ENV)).hasMessageContaining("missing '}'");
    }

    @Test
    void single_quotes_keep_everything_double_quotes_substitute_and_both_go() {
        assertThat(sh.word("'$NAME'", ENV)).isEqualTo("$NAME");
        assertThat(sh.word("\"$NAME is here\"", ENV)).isEqualTo("web is here");
        assertThat(sh.word("\"a \\\"quoted\\\" \\$NAME\"", ENV)).isEqualTo("a \"quoted\" $NAME");
        assertThat(sh.word("\"c:\\dir\"", ENV)).as("a backslash before another character stays").isEqualTo("c:\\dir");
        assertThatThrownBy(() -> sh.word("'open", ENV)).hasMessageContaining("unterminated single quote");
        assertThatThrownBy(() -> sh.word("\"open", ENV)).hasMessageContaining("unterminated double quote");
    }

    @Test
    void the_escape_character_makes_the_next_one_plain() {
        assertThat(sh.word("\\$NAME", ENV)).isEqualTo("$NAME");
        assertThat(sh.words("a\\ b c", ENV)).containsExactly("a b", "c");
        ShellWords backtick = new ShellWords('`');
        assertThat(backtick.word("`$NAME c:\\x", ENV)).isEqualTo("$NAME c:\\x");
    }

    @Test
    void words_split_at_blanks_outside_quotes_and_a_variables_value_stays_in_its_word() {
        assertThat(sh.words("  a   \"b c\"  'd e' ", ENV)).containsExactly("a", "b c", "d e");
        assertThat(sh.words("x=$TWO", ENV)).as("Docker does not split a value, unlike a shell").containsExactly("x=a b");
        assertThat(sh.words("$TWO c", ENV)).containsExactly("a b", "c");
        assertThat(sh.words("x=\"$TWO\"", ENV)).containsExactly("x=a b");
        assertThat(sh.words("$EMPTY a", ENV)).as("an empty unquoted value is no word").containsExactly("a");
        assertThat(sh.words("\"\" a", ENV)).as("an empty quoted word is one").containsExactly("", "a");
        assertThat(sh.words("A=1 B=\"two words\" C=${NAME}", ENV)).containsExactly("A=1", "B=two words", "C=web");
    }

    @Test
    void a_dollar_that_starts_no_name_is_itself() {
        assertThat(sh.word("cost: 5$ and $1 and $", ENV)).isEqualTo("cost: 5$ and $1 and $");
    }

    @Test
    void the_exec_forms_strings_get_only_their_variables() {
        assertThat(sh.substituteOnly("'$NAME' \"x\"", ENV)).isEqualTo("'web' \"x\"");
        assertThat(sh.substituteOnly("\\$NAME", ENV)).isEqualTo("$NAME");
    }
}
