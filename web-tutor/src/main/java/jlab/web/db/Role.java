package jlab.web.db;

import java.util.Locale;
import java.util.Optional;

/**
 * Who may do what on jlab serve. The instructor: everything. An assistant
 * reads the gradebook, the dashboard and the exports, but changes neither
 * the roster nor the tokens nor the deadlines. A student sees their own
 * submissions and scores, nothing of anybody else's.
 */
public enum Role {
    INSTRUCTOR, ASSISTANT, STUDENT;

    public String word() { return name().toLowerCase(Locale.ROOT); }

    public static Optional<Role> of(String word) {
        for (Role r : values()) if (r.word().equals(word)) return Optional.of(r);
        return Optional.empty();
    }

    /** Reads the whole class's grades: instructor and assistant. */
    public boolean staff() { return this != STUDENT; }
}
