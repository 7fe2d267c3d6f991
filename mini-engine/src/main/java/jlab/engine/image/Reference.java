package jlab.engine.image;

import java.util.regex.Pattern;

import jlab.engine.EngineException;

/**
 * An image's name and tag, {@code NAME[:TAG]}, as Docker reads them: {@code web} is {@code web:latest}.
 * "latest" is only the tag used when none is given — not "the newest": a {@code web:latest} built a
 * year ago stays latest until someone tags another image so. A name may carry a registry and path
 * ({@code docker.io/library/busybox}); Docker Hub's own prefix is dropped, so an image loaded from a
 * {@code docker save} of busybox is {@code busybox:latest} here too.
 */
public record Reference(String name, String tag) {
    private static final Pattern NAME = Pattern.compile("[a-z0-9]+([._-]+[a-z0-9]+)*(/[a-z0-9]+([._-]+[a-z0-9]+)*)*"
            + "|[a-zA-Z0-9.-]+(:[0-9]+)?(/[a-z0-9]+([._-]+[a-z0-9]+)*)+");
    private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");

    /** Parses and checks {@code NAME[:TAG]}; refuses what Docker refuses, with the rule. */
    public static Reference parse(String text) {
        String name = text;
        String tag = "latest";
        int slash = text.lastIndexOf('/');
        int colon = text.lastIndexOf(':');
        if (colon > slash) {
            name = text.substring(0, colon);
            tag = text.substring(colon + 1);
        }
        if (text.contains("@")) {
            throw new EngineException("invalid reference format: \"" + text + "\": jlab names images by NAME:TAG or by ID");
        }
        if (!TAG.matcher(tag).matches()) {
            throw new EngineException("invalid reference format: tag \"" + tag + "\" of \"" + text
                    + "\": letters, digits, '_', '.' and '-', at most 128, not starting with '.' or '-'");
        }
        for (String hub : new String[] {"docker.io/library/", "index.docker.io/library/", "docker.io/", "localhost/"}) {
            if (name.startsWith(hub)) name = name.substring(hub.length());
        }
        if (!NAME.matcher(name).matches()) {
            throw new EngineException("invalid reference format: repository name \"" + name + "\" must be lowercase"
                    + " letters and digits, separated by '.', '_', '-' or '/'");
        }
        return new Reference(name, tag);
    }

    @Override
    public String toString() { return name + ":" + tag; }
}
