package jlab.web.tutor;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * jlab's checkout: the folder that holds the {@code jlab} launcher, which the
 * web terminal runs. The launcher says where it is ({@code -Djlab.home});
 * without it (a test, an IDE) the nearest folder up from the current one that
 * holds an executable {@code jlab} beside a {@code pom.xml}.
 */
final class JlabHome {
    static final String PROPERTY = "jlab.home";

    private JlabHome() {}

    static Path locate() {
        String told = System.getProperty(PROPERTY);
        if (told != null && !told.isBlank()) return Path.of(told).toAbsolutePath();
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isExecutable(dir.resolve("jlab")) && Files.isRegularFile(dir.resolve("pom.xml"))) return dir;
        }
        return Path.of("").toAbsolutePath(); // no launcher found: the terminal offers a login shell only
    }
}
