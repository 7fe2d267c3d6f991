package jlab.shell.tour;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/**
 * The tour's texts in one language: {@code tour_en.properties} or {@code tour_fr.properties}
 * beside this class, read as UTF-8. {@code {0}}, {@code {1}}... are replaced by the arguments.
 */
public final class TourTexts {
    private final Properties texts;

    private TourTexts(Properties texts) { this.texts = texts; }

    public static TourTexts of(Language language) {
        String file = "tour_" + language.code() + ".properties";
        try (InputStream in = TourTexts.class.getResourceAsStream(file)) {
            if (in == null) throw new IllegalStateException("jlab is missing its resource " + file);
            Properties p = new Properties();
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            return new TourTexts(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The text of {@code key}, its {N} replaced by {@code args[N]}; a missing key is a bug, said as such. */
    public String get(String key, Object... args) {
        String s = texts.getProperty(key);
        if (s == null) throw new IllegalStateException("the tour has no text '" + key + "'");
        for (int i = 0; i < args.length; i++) s = s.replace("{" + i + "}", String.valueOf(args[i]));
        return s;
    }

    public boolean has(String key) { return texts.containsKey(key); }
}
