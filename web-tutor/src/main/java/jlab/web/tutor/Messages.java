package jlab.web.tutor;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

import jlab.labs.model.Lang;

/**
 * The tutor's own words (buttons, headings), in {@code messages.fr.properties}
 * and {@code messages.en.properties} beside this class, read as UTF-8. Pages
 * get them as {@code t}: {@code ${t.check}}. A key missing from one language
 * is a bug its test finds ({@code MessagesTest}).
 */
final class Messages {
    /** Read once, at class initialisation: every page asks, from many threads at once. */
    private static final Map<Lang, Map<String, String>> BY_LANG = new EnumMap<>(Lang.class);

    static {
        for (Lang lang : Lang.values()) BY_LANG.put(lang, load(lang));
    }

    private Messages() {}

    static Map<String, String> of(Lang lang) { return BY_LANG.get(lang); }

    private static Map<String, String> load(Lang lang) {
        String name = "messages." + lang.code() + ".properties";
        try (InputStream in = Messages.class.getResourceAsStream(name)) {
            if (in == null) throw new IllegalStateException("jlab/web/tutor/" + name + " is missing from the class path");
            Properties p = new Properties();
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            Map<String, String> words = new TreeMap<>();
            p.forEach((k, v) -> words.put((String) k, (String) v));
            return Map.copyOf(words);
        } catch (IOException e) {
            throw new UncheckedIOException(name, e);
        }
    }
}
