package jlab.course.build;

import java.util.List;
import java.util.Map;

/**
 * A chapter's self-check quiz, written to jlab/course/quiz/ID.json for the
 * tutor to show and grade. Texts are maps from language ("fr", "en") to text.
 */
public record Quiz(String chapter, List<Question> questions) {

    public record Question(String id, Map<String, String> question, List<Choice> choices,
                           String answer, Map<String, String> why) {}

    public record Choice(String id, Map<String, String> text) {}
}
