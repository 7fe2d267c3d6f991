package jlab.course.build;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a chapter pulls in from other files: each include (the file exists,
 * under {sessionsdir} or {demosdir} or relative to the chapter, and holds the
 * tags asked for) and each image (in src/images). Asciidoctor would only warn
 * later, with less to say about what to do.
 */
final class SnippetChecks {
    private static final Pattern INCLUDE = Pattern.compile("^include::([^\\[]+)\\[(.*)\\]\\s*$");
    private static final Pattern IMAGE = Pattern.compile("image::?([^\\[\\s]+)\\[");
    private static final Pattern TAGS = Pattern.compile("(?:^|,)\\s*tags?=([^,]+)");

    private final Problems problems;
    private final Map<String, Path> directories;
    private final Path images;

    SnippetChecks(Problems problems, Map<String, Path> directories, Path images) {
        this.problems = problems;
        this.directories = directories;
        this.images = images;
    }

    void checkInclude(Path file, int n, String line) {
        Matcher inc = INCLUDE.matcher(line);
        if (!inc.matches()) return;
        String target = inc.group(1);
        for (Map.Entry<String, Path> d : directories.entrySet()) {
            target = target.replace("{" + d.getKey() + "}", d.getValue().toString());
        }
        if (target.contains("{")) {
            problems.add(file, n, "include of \"" + inc.group(1) + "\": unknown attribute (use {sessionsdir} or {demosdir})");
            return;
        }
        Path included = file.getParent().resolve(target).normalize();
        if (!Files.isRegularFile(included)) {
            problems.add(file, n, "include of \"" + inc.group(1) + "\": no such file (" + included + ")");
            return;
        }
        Matcher tags = TAGS.matcher(inc.group(2));
        if (!tags.find()) return;
        try {
            String text = Files.readString(included);
            for (String tag : tags.group(1).split(";")) {
                String t = tag.strip().replaceFirst("^!", "");
                if (t.isEmpty() || t.contains("*")) continue;
                if (!text.contains("tag::" + t + "[]") || !text.contains("end::" + t + "[]")) {
                    problems.add(file, n, "include of \"" + inc.group(1) + "\": tag \"" + t
                            + "\" not found (mark the region with tag::" + t + "[] and end::" + t + "[])");
                }
            }
        } catch (IOException e) {
            problems.add(file, n, "include of \"" + inc.group(1) + "\": cannot read it (" + e.getMessage() + ")");
        }
    }

    void checkImages(Path file, int n, String line) {
        Matcher image = IMAGE.matcher(line);
        while (image.find()) {
            String name = image.group(1);
            if (name.contains(":") || name.contains("{")) continue; // a URL or an attribute: not a file of ours
            if (!Files.isRegularFile(images.resolve(name))) {
                problems.add(file, n, "image \"" + name + "\" not found in src/images (draw it there as SVG)");
            }
        }
    }
}
