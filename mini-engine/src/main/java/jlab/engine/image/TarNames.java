package jlab.engine.image;

/**
 * An archive entry's name as a path below the directory it unpacks into: without "./", a leading
 * "/" or a trailing "/". A name with a ".." component could reach outside that directory (the
 * "tar slip"): it has no such path.
 */
public final class TarNames {
    private TarNames() {}

    /** The relative path ("" for the directory itself), or null when a ".." would climb out. */
    public static String relative(String name) {
        String n = name;
        while (n.startsWith("./")) n = n.substring(2);
        while (n.startsWith("/")) n = n.substring(1);
        while (n.endsWith("/")) n = n.substring(0, n.length() - 1);
        if (n.equals(".")) return "";
        for (String part : n.split("/")) {
            if (part.equals("..")) return null;
        }
        return n;
    }
}
