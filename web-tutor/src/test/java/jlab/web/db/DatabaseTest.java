package jlab.web.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import jlab.web.security.Tokens;

/** The repositories on the real H2 file and on PostgreSQL (skipped, with the reason, where it is absent). */
class DatabaseTest {
    private static final Instant T0 = Instant.parse("2026-12-02T15:00:00Z");
    @TempDir Path dir;

    private static java.util.function.Supplier<String> tokens(String... t) {
        Deque<String> q = new ArrayDeque<>(List.of(t));
        return q::removeFirst;
    }

    @ParameterizedTest
    @ValueSource(strings = {TestDatabase.H2, TestDatabase.POSTGRESQL})
    void an_import_issues_tokens_to_new_students_only_and_a_reimport_keeps_them(String kind) throws Exception {
        try (TestDatabase t = TestDatabase.open(kind, dir)) {
            Students students = new Students(t.db);
            Students.Imported first = students.importRows(List.of(new Students.Row("alice", "Alice A", "alice@uni.example"),
                    new Students.Row("bob", "Bob B", "bob@uni.example")), tokens("tok-alice", "tok-bob"), T0);
            assertThat(first.issued()).containsExactly(java.util.Map.entry("alice", "tok-alice"), java.util.Map.entry("bob", "tok-bob"));

            Students.Imported again = students.importRows(List.of(new Students.Row("alice", "Alice Martin", "am@uni.example"),
                    new Students.Row("carol", "Carol C", "carol@uni.example")), tokens("tok-carol"), T0.plusSeconds(60));
            assertThat(again.issued()).containsOnlyKeys("carol");
            assertThat(again.updated()).containsExactly("alice");
            assertThat(students.byToken("tok-alice").orElseThrow().name()).isEqualTo("Alice Martin");
            assertThat(students.all()).extracting(Students.Student::student).containsExactly("alice", "bob", "carol");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {TestDatabase.H2, TestDatabase.POSTGRESQL})
    void a_rotated_token_replaces_the_old_one_at_once(String kind) throws Exception {
        try (TestDatabase t = TestDatabase.open(kind, dir)) {
            Students students = new Students(t.db);
            students.importRows(List.of(new Students.Row("alice", "Alice", "a@x.example")), tokens("old"), T0);
            assertThat(students.rotate("alice", "new", T0.plusSeconds(5))).isTrue();
            assertThat(students.byToken("old")).isEmpty();
            assertThat(students.byToken("new").orElseThrow().student()).isEqualTo("alice");
            assertThat(students.rotate("nobody", "x", T0)).isFalse();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {TestDatabase.H2, TestDatabase.POSTGRESQL})
    void a_replayed_submission_is_a_duplicate_and_the_first_stays_as_it_was(String kind) throws Exception {
        try (TestDatabase t = TestDatabase.open(kind, dir)) {
            new Students(t.db).importRows(List.of(new Students.Row("alice", "Alice", "a@x.example")), tokens("tok"), T0);
            Submissions subs = new Submissions(t.db);
            byte[] body = "{\"one\":1}\n".getBytes(StandardCharsets.UTF_8);
            Instant at = Instant.parse("2026-12-02T15:01:32.719123Z");
            long id = subs.add("alice", "uts-namespace", at, T0, 4.0, 5, false, body);

            assertThatThrownBy(() -> subs.add("alice", "uts-namespace", at.plusSeconds(1), T0, 5.0, 5, true, body))
                    .isInstanceOfSatisfying(DatabaseException.class, e -> assertThat(e.duplicate()).isTrue());
            assertThatThrownBy(() -> subs.add("alice", "uts-namespace", at, T0, 5.0, 5, true, "{}".getBytes(StandardCharsets.UTF_8)))
                    .isInstanceOfSatisfying(DatabaseException.class, e -> assertThat(e.duplicate()).isTrue());

            assertThat(subs.all(true)).singleElement().satisfies(s -> {
                assertThat(s.id()).isEqualTo(id);
                assertThat(s.score()).isEqualTo(4.0);
                assertThat(s.submittedAt()).isEqualTo(at);
                assertThat(s.body()).isEqualTo(body);
            });
            assertThat(subs.original(body, "x", "y", T0)).map(Submissions.Stored::id).hasValue(id);
            assertThat(subs.original(new byte[1], "alice", "uts-namespace", at)).map(Submissions.Stored::id).hasValue(id);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {TestDatabase.H2, TestDatabase.POSTGRESQL})
    void deadlines_are_set_changed_and_removed(String kind) throws Exception {
        try (TestDatabase t = TestDatabase.open(kind, dir)) {
            Labs labs = new Labs(t.db);
            labs.deadline("uts-namespace", T0);
            labs.deadline("uts-namespace", T0.plusSeconds(3600));
            labs.deadline("pid-namespace", T0);
            assertThat(labs.deadlines()).containsOnlyKeys("pid-namespace", "uts-namespace");
            assertThat(labs.deadline("uts-namespace")).hasValue(T0.plusSeconds(3600));
            labs.deadline("pid-namespace", null);
            assertThat(labs.deadline("pid-namespace")).isEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {TestDatabase.H2, TestDatabase.POSTGRESQL})
    void accounts_survive_a_restart_and_a_name_is_taken_once(String kind) throws Exception {
        try (TestDatabase t = TestDatabase.open(kind, dir)) {
            Accounts accounts = new Accounts(t.db);
            assertThat(accounts.anyInstructor()).isFalse();
            assertThat(accounts.create("prof", Role.INSTRUCTOR, "pbkdf2-sha256$1$a$b", true, T0)).isTrue();
            assertThat(accounts.create("prof", Role.ASSISTANT, "pbkdf2-sha256$1$a$b", false, T0)).isFalse();
            t.db.close();
            try (Database again = t.reopen()) {
                Accounts reopened = new Accounts(again);
                assertThat(reopened.anyInstructor()).isTrue();
                assertThat(reopened.find("prof").orElseThrow().role()).isEqualTo(Role.INSTRUCTOR);
            }
        }
    }

    @Test
    void the_h2_file_is_under_the_folder_and_holds_no_token_in_clear() throws Exception {
        String token = Tokens.random();
        try (TestDatabase t = TestDatabase.open(TestDatabase.H2, dir)) {
            new Students(t.db).importRows(List.of(new Students.Row("alice", "Alice", "a@x.example")), () -> token, T0);
        }
        Path file = dir.resolve("jlab.mv.db");
        assertThat(file).exists();
        assertThat(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1)).contains(TokenDigest.of(token)).doesNotContain(token);
    }

    @Test
    void a_url_of_another_database_is_refused_and_a_password_is_never_shown() {
        assertThatThrownBy(() -> Database.open("jdbc:mysql://x/y", null, null)).hasMessageContaining("--db takes");
        assertThat(Database.redacted("jdbc:postgresql://127.0.0.1/db?user=u&password=secret&ssl=true"))
                .isEqualTo("jdbc:postgresql://127.0.0.1/db?user=u&password=***&ssl=true");
    }
}
