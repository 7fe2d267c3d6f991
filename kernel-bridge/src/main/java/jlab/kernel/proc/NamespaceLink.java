package jlab.kernel.proc;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jlab.kernel.KernelException;

/**
 * The text of a link in /proc/PID/ns: {@code uts:[4026531838]}.
 *
 * <p>The link does not point to a file on any disk. It names the namespace by the
 * kind and the inode number of a file in the kernel's internal "nsfs" filesystem;
 * {@code stat -L /proc/PID/ns/uts} shows the same number. Opening the link gives a
 * file descriptor for setns(2), and bind-mounting it somewhere keeps the namespace
 * alive after its last process exits (that is how {@code ip netns add} works).
 */
final class NamespaceLink {
    private static final Pattern TEXT = Pattern.compile("([a-z]+):\\[(\\d+)]");

    private NamespaceLink() {}

    /**
     * {@code "uts:[4026531838]"} gives 4026531838. The kind must be {@code kind}: the
     * link {@code pid_for_children} reads {@code pid:[...]} too.
     */
    static long inode(String linkText, String kind, Path link) {
        Matcher m = TEXT.matcher(linkText);
        if (!m.matches() || !m.group(1).equals(kind)) {
            throw KernelException.of("readlink", link.toString(),
                    "expected a namespace link like " + kind + ":[4026531838], got '" + linkText + "'");
        }
        return Long.parseLong(m.group(2));
    }
}
