package jlab.engine.image;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import jlab.engine.EngineException;

/**
 * {@code --change 'CMD ["sh"]'} of {@code jlab commit} and {@code jlab import}: one Dockerfile instruction
 * that changes only the image's settings, as Docker's {@code --change} takes them: CMD, ENTRYPOINT, ENV,
 * EXPOSE, LABEL, USER, VOLUME, WORKDIR. CMD and ENTRYPOINT take the exec form (a JSON array, run as it
 * is) or the shell form (a line, run by {@code /bin/sh -c}).
 */
public final class ConfigChange {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> KNOWN = List.of("CMD", "ENTRYPOINT", "ENV", "EXPOSE", "LABEL", "USER", "VOLUME",
            "WORKDIR");

    private ConfigChange() {}

    /**
     * {@code settings} with each of {@code changes} applied in order. As in a Dockerfile, an ENTRYPOINT
     * drops the CMD it finds unless a CMD came before it among these changes: {@code -c 'ENTRYPOINT ["cat"]'}
     * alone leaves no old CMD for cat to take as arguments.
     */
    public static ImageConfig.Settings applyAll(ImageConfig.Settings settings, List<String> changes) {
        ImageConfig.Settings s = settings;
        boolean cmdSet = false;
        for (String c : changes) {
            String word = keyword(c);
            s = apply(s, c);
            if (word.equals("CMD")) cmdSet = true;
            if (word.equals("ENTRYPOINT") && !cmdSet) s = s.withCmd(null);
        }
        return s;
    }

    /** The instruction of a change, upper case: {@code cmd ["sh"]} is CMD. */
    private static String keyword(String change) {
        String line = change.strip();
        int space = line.indexOf(' ');
        return (space < 0 ? line : line.substring(0, space)).toUpperCase(Locale.ROOT);
    }

    /** {@code settings} with one instruction applied; refused in one line if Docker's --change would refuse it. */
    public static ImageConfig.Settings apply(ImageConfig.Settings settings, String change) {
        String line = change.strip();
        int space = line.indexOf(' ');
        String word = keyword(change);
        String args = space < 0 ? "" : line.substring(space + 1).strip();
        if (!KNOWN.contains(word)) {
            throw new EngineException("--change \"" + change + "\": " + (word.isEmpty() ? "empty" : word + " is not an"
                    + " instruction --change takes") + " (it takes " + String.join(", ", KNOWN) + ")");
        }
        if (args.isEmpty()) throw new EngineException("--change \"" + change + "\": " + word + " needs an argument");
        return switch (word) {
            case "CMD" -> settings.withCmd(command(args, change));
            case "ENTRYPOINT" -> settings.withEntrypoint(command(args, change));
            case "ENV" -> env(settings, args, change);
            case "EXPOSE" -> {
                ImageConfig.Settings s = settings;
                for (String p : args.split("\\s+")) s = s.withExposedPort(p.contains("/") ? p : p + "/tcp");
                yield s;
            }
            case "LABEL" -> {
                ImageConfig.Settings s = settings;
                for (String[] kv : pairs(args, change)) s = s.withLabel(kv[0], kv[1]);
                yield s;
            }
            case "USER" -> settings.withUser(args);
            case "VOLUME" -> {
                ImageConfig.Settings s = settings;
                for (String v : args.startsWith("[") ? array(args, change) : List.of(args.split("\\s+"))) s = s.withVolume(v);
                yield s;
            }
            default -> settings.withWorkingDir(args); // WORKDIR
        };
    }

    /** The exec form {@code ["a", "b"]} as it is; the shell form as {@code /bin/sh -c LINE}. */
    private static List<String> command(String args, String change) {
        return args.startsWith("[") ? array(args, change) : List.of("/bin/sh", "-c", args);
    }

    private static List<String> array(String args, String change) {
        try {
            return JSON.readValue(args, new TypeReference<List<String>>() {});
        } catch (JsonProcessingException e) {
            throw new EngineException("--change \"" + change + "\": not a JSON array of strings (write [\"sh\", \"-c\","
                    + " \"...\"], with double quotes)");
        }
    }

    /** {@code ENV A=1 B="two words"}, or the old form {@code ENV A value with spaces}. */
    private static ImageConfig.Settings env(ImageConfig.Settings settings, String args, String change) {
        int eq = args.indexOf('=');
        int sp = args.indexOf(' ');
        if (eq < 0 || (sp >= 0 && sp < eq)) {
            if (sp < 0) throw new EngineException("--change \"" + change + "\": ENV needs NAME=value (or NAME value)");
            return settings.withEnvVar(args.substring(0, sp), args.substring(sp + 1).strip());
        }
        ImageConfig.Settings s = settings;
        for (String[] kv : pairs(args, change)) s = s.withEnvVar(kv[0], kv[1]);
        return s;
    }

    /** {@code k=v k2="v 2"}: words split on spaces outside double quotes, each NAME=value. */
    private static List<String[]> pairs(String args, String change) {
        List<String[]> out = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean quoted = false;
        List<String> words = new ArrayList<>();
        for (int i = 0; i < args.length(); i++) {
            char c = args.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == '\\' && i + 1 < args.length()) {
                word.append(args.charAt(++i));
            } else if (Character.isWhitespace(c) && !quoted) {
                if (word.length() > 0) words.add(word.toString());
                word.setLength(0);
            } else {
                word.append(c);
            }
        }
        if (quoted) throw new EngineException("--change \"" + change + "\": a double quote is not closed");
        if (word.length() > 0) words.add(word.toString());
        for (String w : words) {
            int eq = w.indexOf('=');
            if (eq <= 0) throw new EngineException("--change \"" + change + "\": \"" + w + "\" is not NAME=value");
            out.add(new String[] {w.substring(0, eq), w.substring(eq + 1)});
        }
        return out;
    }
}
