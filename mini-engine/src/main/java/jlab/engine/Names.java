package jlab.engine;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

/** Container ids (64 hex digits, as Docker's) and names (given, or generated as Docker does: adjective_scientist). */
public final class Names {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern VALID_NAME = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]*");
    private static final Pattern VALID_HOSTNAME = Pattern.compile("[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?"
            + "(\\.[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*");
    private static final List<String> ADJECTIVES = List.of("brave", "calm", "eager", "fervent", "gifted", "happy",
            "jolly", "keen", "lucid", "modest", "nifty", "quirky", "serene", "tender", "vibrant", "zealous");
    private static final List<String> SCIENTISTS = List.of("babbage", "curie", "dijkstra", "hopper", "kernighan",
            "lovelace", "noether", "pike", "ritchie", "shannon", "thompson", "torvalds", "turing", "wozniak");

    private Names() {}

    public static String newId() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    public static String generateName() {
        return ADJECTIVES.get(RANDOM.nextInt(ADJECTIVES.size())) + "_" + SCIENTISTS.get(RANDOM.nextInt(SCIENTISTS.size()))
                + "_" + HexFormat.of().toHexDigits((byte) RANDOM.nextInt(256));
    }

    public static String validateName(String name) {
        if (!VALID_NAME.matcher(name).matches() || name.length() > 128) {
            throw new EngineException("invalid container name \"" + name + "\": only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed");
        }
        return name;
    }

    public static String validateHostname(String hostname) {
        if (hostname.length() > 64 || !VALID_HOSTNAME.matcher(hostname).matches()) {
            throw new EngineException("invalid hostname \"" + hostname + "\": letters, digits and '-' in labels"
                    + " separated by '.', at most 64 characters (RFC 1123)");
        }
        return hostname;
    }
}
