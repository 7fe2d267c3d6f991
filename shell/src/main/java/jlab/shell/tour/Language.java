package jlab.shell.tour;

import java.util.Locale;
import java.util.Map;

/** The tour's two languages, and the default one from the locale, as the C library chooses its messages' language. */
public enum Language {
    EN, FR;

    /**
     * The first of LC_ALL, LC_MESSAGES, LANG that is set and not empty decides (LC_ALL overrides the others,
     * as POSIX says): "fr..." (fr_FR.UTF-8, fr_CA, fr) is French, anything else, or nothing, English.
     */
    public static Language fromEnvironment(Map<String, String> env) {
        for (String name : new String[] {"LC_ALL", "LC_MESSAGES", "LANG"}) {
            String v = env.get(name);
            if (v != null && !v.isEmpty()) return v.toLowerCase(Locale.ROOT).startsWith("fr") ? FR : EN;
        }
        return EN;
    }

    /** "fr" or "en", as --lang takes them; anything else is refused in one line. */
    public static Language parse(String s) {
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "fr" -> FR;
            case "en" -> EN;
            default -> throw new IllegalArgumentException("--lang " + s + ": fr or en");
        };
    }

    public String code() { return name().toLowerCase(Locale.ROOT); }
}
