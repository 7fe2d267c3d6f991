package jlab.kernel.cgroup;

import java.util.Arrays;
import java.util.List;

/** A cgroup path such as {@code "jlab/3f2a"}: relative, no "." or "..", no empty part. */
final class CgroupPaths {
    private CgroupPaths() {}

    static List<String> segments(String path) {
        if (path == null || path.isBlank() || path.startsWith("/") || path.endsWith("/")) {
            throw new IllegalArgumentException("a cgroup path is relative to the hierarchy root, like \"jlab/3f2a\", not \"" + path + "\"");
        }
        List<String> segments = Arrays.asList(path.split("/"));
        for (String s : segments) {
            if (s.isEmpty() || s.equals(".") || s.equals("..")) {
                throw new IllegalArgumentException("bad cgroup path \"" + path + "\": empty, \".\" or \"..\" part");
            }
        }
        return segments;
    }
}
