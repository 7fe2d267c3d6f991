package jlab.labs.model;

import java.util.Locale;
import java.util.Map;

/** The languages a lab is written in: every text of a lab exists in both. */
public enum Lang {
    FR, EN;

    /** {@code "fr"}, as lab.yaml and the file names write it. */
    public String code() { return name().toLowerCase(Locale.ROOT); }

    /**
     * The student's language from the environment, as gettext reads it: LC_ALL,
     * then LC_MESSAGES, then LANG; French when it starts with "fr", else English.
     */
    public static Lang fromEnvironment(Map<String, String> env) {
        for (String name : new String[] {"LC_ALL", "LC_MESSAGES", "LANG"}) {
            String value = env.get(name);
            if (value != null && !value.isEmpty()) return value.startsWith("fr") ? FR : EN;
        }
        return EN;
    }

    /** {@code "fr"} or {@code "en"}; null for anything else. */
    public static Lang byCode(String code) {
        for (Lang l : values()) if (l.code().equals(code)) return l;
        return null;
    }
}
