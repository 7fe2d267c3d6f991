package jlab.web.course;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

import jlab.labs.model.Text;

/**
 * A chapter's self-check quiz, as course-material keeps it
 * ({@code jlab/course/quiz/ID.json}): questions, their choices, the right
 * one and why. The tutor grades it: nothing is stored, it is for the student.
 */
public record Quiz(String chapter, List<Question> questions) {
    public Quiz {
        questions = List.copyOf(questions);
    }

    public record Choice(String id, Text text) {}

    public record Question(String id, Text question, List<Choice> choices, String answer, Text why) {
        public Question {
            choices = List.copyOf(choices);
        }

        public Optional<Choice> choice(String choiceId) {
            return choices.stream().filter(c -> c.id().equals(choiceId)).findFirst();
        }
    }

    /** One question graded: what was chosen (empty: nothing), whether it is the right one. */
    public record Graded(Question question, Optional<Choice> chosen, boolean right) {
        public Choice answer() { return question.choice(question.answer()).orElseThrow(); }
    }

    /** Grades the answers (question id → choice id); an unknown choice counts as no answer. */
    public List<Graded> grade(Map<String, String> answers) {
        List<Graded> out = new ArrayList<>();
        for (Question q : questions) {
            Optional<Choice> chosen = Optional.ofNullable(answers.get(q.id())).flatMap(q::choice);
            out.add(new Graded(q, chosen, chosen.map(c -> c.id().equals(q.answer())).orElse(false)));
        }
        return out;
    }

    static Quiz parse(JsonNode root) {
        List<Question> questions = new ArrayList<>();
        for (JsonNode q : root.path("questions")) {
            List<Choice> choices = new ArrayList<>();
            q.path("choices").forEach(c -> choices.add(new Choice(c.path("id").asText(), Course.text(c.path("text")))));
            questions.add(new Question(q.path("id").asText(), Course.text(q.path("question")), choices,
                    q.path("answer").asText(), Course.text(q.path("why"))));
        }
        return new Quiz(root.path("chapter").asText(), questions);
    }
}
