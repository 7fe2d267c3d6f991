package jlab.shell.repl;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import org.jline.reader.Highlighter;
import org.jline.reader.LineReader;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;

import picocli.CommandLine.Model.CommandSpec;

/**
 * Colours the line as it is typed: a known command (and sub-command) cyan, an
 * unknown one red — the mistake shows before Enter — flags dim, quoted
 * strings yellow. Plain text when the session's colours are off.
 */
public final class LineHighlighter implements Highlighter {
    private static final AttributedStyle COMMAND = AttributedStyle.DEFAULT.foreground(AttributedStyle.CYAN);
    private static final AttributedStyle UNKNOWN = AttributedStyle.DEFAULT.foreground(AttributedStyle.RED);
    private static final AttributedStyle FLAG = AttributedStyle.DEFAULT.faint();
    private static final AttributedStyle QUOTED = AttributedStyle.DEFAULT.foreground(AttributedStyle.YELLOW);

    /** The command model: asked for only once a word is typed (the prompt shows before it is built). */
    private final Supplier<CommandSpec> root;
    private final BooleanSupplier colors;
    private final Supplier<List<String>> stepNames;

    public LineHighlighter(CommandSpec root, BooleanSupplier colors, Supplier<List<String>> stepNames) {
        this(() -> root, colors, stepNames);
    }

    public LineHighlighter(Supplier<CommandSpec> root, BooleanSupplier colors, Supplier<List<String>> stepNames) {
        this.root = root;
        this.colors = colors;
        this.stepNames = stepNames;
    }

    /** A word of the line: where it starts and ends, and whether a quote is in it. */
    record Word(int start, int end, String text, boolean quoted) {}

    @Override
    public AttributedString highlight(LineReader reader, String buffer) {
        if (!colors.getAsBoolean()) return new AttributedString(buffer);
        AttributedStringBuilder out = new AttributedStringBuilder();
        List<Word> words = split(buffer);
        List<String> before = new ArrayList<>();
        int at = 0;
        for (Word w : words) {
            out.append(buffer.substring(at, w.start()));
            out.styled(style(w, CommandPath.walk(root.get(), before)), buffer.substring(w.start(), w.end()));
            before.add(w.text());
            at = w.end();
        }
        out.append(buffer.substring(at));
        return out.toAttributedString();
    }

    private AttributedStyle style(Word w, CommandPath path) {
        if (w.quoted()) return QUOTED;
        if (path.inContainerCommand() || path.awaitingValue != null) return AttributedStyle.DEFAULT;
        if (w.text().startsWith("-")) return FLAG;
        boolean commandExpected = !path.command.subcommands().isEmpty() && path.positionals.isEmpty()
                && !path.unknownCommand;
        if (!commandExpected) return AttributedStyle.DEFAULT;
        if (path.names.isEmpty() && w.text().equals("jlab")) return COMMAND;
        if (path.command.subcommands().containsKey(w.text())) return COMMAND;
        if (path.names.isEmpty() && isStepWord(w.text())) return COMMAND; // step mode: "unshare uts" as a command
        return UNKNOWN;
    }

    private boolean isStepWord(String word) {
        return stepNames.get().stream().anyMatch(s -> s.equals(word) || s.startsWith(word + " "));
    }

    /** Words as the shell splits them (quotes keep spaces), with their places in the line. */
    static List<Word> split(String line) {
        List<Word> words = new ArrayList<>();
        int i = 0;
        while (i < line.length()) {
            while (i < line.length() && Character.isWhitespace(line.charAt(i))) i++;
            if (i >= line.length()) break;
            int start = i;
            boolean quoted = false;
            StringBuilder text = new StringBuilder();
            while (i < line.length() && !Character.isWhitespace(line.charAt(i))) {
                char c = line.charAt(i);
                if (c == '\'' || c == '"') {
                    quoted = true;
                    int close = line.indexOf(c, i + 1);
                    int end = close < 0 ? line.length() : close;
                    text.append(line, i + 1, end);
                    i = close < 0 ? line.length() : close + 1;
                } else if (c == '\\' && i + 1 < line.length()) {
                    text.append(line.charAt(i + 1));
                    i += 2;
                } else {
                    text.append(c);
                    i++;
                }
            }
            words.add(new Word(start, i, text.toString(), quoted));
        }
        return words;
    }
}
