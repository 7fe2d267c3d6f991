package jlab.labs.model;

/** A text of a lab in both languages. */
public record Text(String fr, String en) {
    public String in(Lang lang) { return lang == Lang.FR ? fr : en; }

    /** The same text in both languages: names, paths, commands. */
    public static Text both(String s) { return new Text(s, s); }
}
