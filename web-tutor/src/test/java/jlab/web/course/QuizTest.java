package jlab.web.course;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import jlab.labs.model.Lang;

class QuizTest {
    private final Quiz quiz = Course.fromClassPath().quiz("chroot").orElseThrow();

    @Test
    void the_quiz_is_read_with_its_questions_choices_and_answers() {
        assertThat(quiz.questions()).extracting(Quiz.Question::id).containsExactly("what-changes", "escape");
        assertThat(quiz.questions().get(0).question().in(Lang.FR)).isEqualTo("Que change `chroot` ?");
        assertThat(quiz.questions().get(1).answer()).isEqualTo("yes");
    }

    @Test
    void grading_marks_right_wrong_and_unanswered_and_an_unknown_choice_is_no_answer() {
        assertThat(quiz.grade(Map.of("what-changes", "a", "escape", "no")))
                .extracting(Quiz.Graded::right).containsExactly(true, false);
        assertThat(quiz.grade(Map.of("what-changes", "z")))
                .allSatisfy(g -> assertThat(g.right()).isFalse())
                .first().satisfies(g -> assertThat(g.chosen()).isEmpty());
    }

    @Test
    void a_chapter_without_a_quiz_file_has_none_and_an_unknown_chapter_neither() {
        assertThat(Course.fromClassPath().quiz("nope")).isEmpty();
    }

    @Test
    void inline_code_is_marked_and_everything_else_escaped() {
        assertThat(InlineCode.html("run `unshare --uts` <b>&"))
                .isEqualTo("run <code>unshare --uts</code> &lt;b&gt;&amp;");
        assertThat(InlineCode.html("an `open mark")).isEqualTo("an <code>open mark</code>");
    }
}
