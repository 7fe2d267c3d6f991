package jlab.shell.command;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.core.JsonProcessingException;

import jlab.engine.EngineException;
import jlab.engine.image.Descriptor;
import jlab.engine.image.Image;
import jlab.engine.image.ImageConfig;
import jlab.engine.image.StoredImage;
import jlab.shell.Session;
import jlab.shell.Sizes;
import jlab.shell.format.GoTemplate;
import jlab.shell.format.InspectFormat;
import jlab.shell.format.ListFormat;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code jlab image ls|rm|prune|inspect|tag|history}, and Docker's short forms {@code images},
 * {@code rmi}, {@code tag}, {@code history}: the images of jlab's store (an OCI image layout under
 * the state directory's images/).
 */
@Command(name = "image", description = "Manage images: ls, rm, prune, inspect (--layers), tag, history.",
        synopsisSubcommandLabel = "COMMAND")
public final class ImageCommand implements Callable<Integer> {
    @Option(names = "--help", usageHelp = true, description = "Show this help.") boolean help;

    /** {@code image} and its subcommands, for the Cli to register in one line. */
    public static CommandLine commandLine(Session session) {
        CommandLine cl = new CommandLine(new ImageCommand());
        cl.addSubcommand("ls", new Ls(session), "list");
        cl.addSubcommand("rm", new Rm(session));
        cl.addSubcommand(new Prune(session));
        cl.addSubcommand(new Inspect(session));
        cl.addSubcommand(new Tag(session));
        cl.addSubcommand(new History(session));
        return cl;
    }

    @Override
    public Integer call() {
        throw new EngineException("\"jlab image\" needs a command: ls, rm, prune, inspect, tag or history"
                + " (try: jlab image --help)");
    }

    static String json(Object o) {
        try {
            return jlab.shell.Json.indented().writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** "3 minutes ago", from a config's RFC 3339 {@code created}. */
    static String ago(String created) {
        if (created == null) return "N/A";
        try {
            return DockerTime.human(System.currentTimeMillis() - Instant.parse(created).toEpochMilli()) + " ago";
        } catch (RuntimeException e) {
            return created;
        }
    }

    /** {@code jlab images} / {@code jlab image ls}. */
    @Command(name = "images", description = "List images: name and tag, ID, age, size (-a: build steps too).")
    public static final class Ls implements Callable<Integer> {
        private final Session session;
        @Parameters(paramLabel = "REPOSITORY[:TAG]", arity = "0..1", description = "Only this repository (and tag).") String filter;
        @Option(names = {"-a", "--all"}, description = "Show the images of build steps too (the build cache).") boolean all;
        @Option(names = {"-q", "--quiet"}, description = "Only the IDs.") boolean quiet;
        @Option(names = "--no-trunc", description = "Whole IDs.") boolean noTrunc;
        @Option(names = "--digests", description = "Show each image's manifest digest.") boolean digests;
        @Option(names = {"-f", "--filter"}, paramLabel = "dangling=true|false", description = "Only dangling images, or none of them.") String danglingFilter;
        @Option(names = "--json", description = "Print JSON.") boolean json;
        @Option(names = "--format", paramLabel = "FORMAT", description = "As docker images --format: json (a JSON object per line),"
                + " a Go template ('{{.Repository}}:{{.Tag}}'), or table TEMPLATE: a header and aligned columns.")
        String format;
        @Option(names = "--help", usageHelp = true, description = "Show this help.") boolean help;

        /** Docker's column titles of the keys a row has, for {@code --format table}. */
        private static final Map<String, String> HEADERS = Map.of("Repository", "REPOSITORY", "Tag", "TAG", "ID", "IMAGE ID",
                "Digest", "DIGEST", "CreatedSince", "CREATED", "CreatedAt", "CREATED AT", "Size", "SIZE");
        private static final String DEFAULT_TABLE = "{{.Repository}}\t{{.Tag}}\t{{.ID}}\t{{.CreatedSince}}\t{{.Size}}";

        public Ls(Session session) { this.session = session; }

        @Override
        public Integer call() {
            // no format: the table below, which also knows --digests and --no-trunc
            boolean templated = format != null && !format.isEmpty();
            ListFormat rowFormat = templated ? ListFormat.read(format, HEADERS, DEFAULT_TABLE, session.err()) : null;
            if (templated && rowFormat == null) return GoTemplate.PARSE_ERROR;
            List<StoredImage> images = new ArrayList<>(session.engine().images().listVisible(all));
            if (danglingFilter != null) {
                if (!danglingFilter.matches("dangling=(true|false)")) {
                    throw new EngineException("invalid filter \"" + danglingFilter + "\": jlab knows dangling=true and dangling=false");
                }
                boolean want = danglingFilter.endsWith("true");
                images.removeIf(s -> s.tags().isEmpty() != want);
            }
            List<Row> rows = new ArrayList<>();
            for (StoredImage s : images) {
                List<String> tags = s.tags().isEmpty() ? List.of("<none>:<none>") : s.tags();
                for (String t : tags) {
                    int colon = t.lastIndexOf(':');
                    Row r = new Row(t.substring(0, colon), t.substring(colon + 1), s);
                    if (filter == null || matches(r, filter)) rows.add(r);
                }
            }
            if (json) {
                List<Map<String, Object>> out = new ArrayList<>();
                for (Row r : rows) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("Repository", r.repo());
                    m.put("Tag", r.tag());
                    m.put("ID", r.image().id().toString());
                    m.put("Digest", r.image().manifest().toString());
                    m.put("CreatedAt", r.image().config().created());
                    m.put("Size", r.image().size());
                    m.put("Dangling", r.image().dangling());
                    out.add(m);
                }
                session.out().println(json(out));
                return 0;
            }
            if (quiet && ListFormat.isDefault(format)) { // a template of one's own wins over -q, as in Docker
                rows.stream().map(r -> id(r.image())).distinct().forEach(session.out()::println);
                return 0;
            }
            if (rowFormat != null) {
                List<Map<String, Object>> out = new ArrayList<>();
                for (Row r : rows) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("Repository", r.repo());
                    m.put("Tag", r.tag());
                    m.put("ID", id(r.image()));
                    m.put("Digest", r.image().manifest().toString());
                    m.put("CreatedSince", ago(r.image().config().created()));
                    m.put("CreatedAt", r.image().config().created());
                    m.put("Size", Sizes.decimal(r.image().size()));
                    out.add(m);
                }
                return rowFormat.print(out, session.out(), session.err());
            }
            // CREATED is as wide as DockerTime's longest, "Less than a second ago", so SIZE stays aligned.
            String fmt = digests ? "%-24s %-10s %-73s %-" + (noTrunc ? 71 : 12) + "s  %-22s  %s%n"
                    : "%-24s %-10s %-" + (noTrunc ? 71 : 12) + "s  %-22s  %s%n";
            if (digests) {
                session.out().printf(fmt, "REPOSITORY", "TAG", "DIGEST", "IMAGE ID", "CREATED", "SIZE");
            } else {
                session.out().printf(fmt, "REPOSITORY", "TAG", "IMAGE ID", "CREATED", "SIZE");
            }
            for (Row r : rows) {
                String size = Sizes.decimal(r.image().size());
                if (digests) {
                    session.out().printf(fmt, r.repo(), r.tag(), r.image().manifest(), id(r.image()), ago(r.image().config().created()), size);
                } else {
                    session.out().printf(fmt, r.repo(), r.tag(), id(r.image()), ago(r.image().config().created()), size);
                }
            }
            return 0;
        }

        private String id(StoredImage s) { return noTrunc ? s.id().toString() : s.id().shortHex(); }

        private static boolean matches(Row r, String filter) {
            int colon = filter.lastIndexOf(':');
            if (colon > filter.lastIndexOf('/')) return (r.repo() + ":" + r.tag()).equals(filter);
            return r.repo().equals(filter);
        }

        private record Row(String repo, String tag, StoredImage image) {}
    }

    /** {@code jlab rmi} / {@code jlab image rm}. */
    @Command(name = "rmi", description = "Remove images: a name removes its tag; the image goes with its last tag.")
    public static final class Rm implements Callable<Integer> {
        private final Session session;
        @Parameters(paramLabel = "IMAGE", arity = "1..*", description = "NAME[:TAG], ID, or unique ID prefix.") List<String> images;
        @Option(names = {"-f", "--force"}, description = "Remove an image with several tags by ID; untag one a container uses.") boolean force;
        @Option(names = "--help", usageHelp = true, description = "Show this help.") boolean help;

        public Rm(Session session) { this.session = session; }

        @Override
        public Integer call() {
            int code = 0;
            // Which images containers use: rmi removes no container, so read once for all the images named.
            Map<String, String> used = session.engine().imagesInUse();
            Map<String, String> running = session.engine().imagesRunning();
            for (String ref : images) {
                try {
                    session.engine().images().remove(ref, force, used, running).forEach(session.out()::println);
                } catch (EngineException e) { // Docker's image commands exit 1 on the daemon's refusal (125 is run's)
                    session.err().println("jlab: " + e.getMessage());
                    code = 1;
                }
            }
            return code;
        }
    }

    @Command(name = "prune", description = "Remove dangling images (no tag, no container, nothing built on them); -a: every unused image.")
    static final class Prune implements Callable<Integer> {
        private final Session session;
        @Option(names = {"-a", "--all"}, description = "Every image no container uses, tagged or not.") boolean all;
        @Option(names = {"-f", "--force"}, description = "Do not ask (jlab never asks: accepted for Docker's sake).") boolean force;
        @Option(names = "--help", usageHelp = true, description = "Show this help.") boolean help;

        Prune(Session session) { this.session = session; }

        @Override
        public Integer call() {
            List<String> lines = session.engine().images().prune(all, session.engine().imagesInUse());
            if (!lines.isEmpty()) {
                session.out().println("Deleted Images:");
                lines.forEach(session.out()::println);
            }
            session.out().println("Total: " + lines.stream().filter(l -> l.startsWith("Deleted")).count() + " image(s) deleted");
            return 0;
        }
    }

    @Command(name = "inspect", description = "Show images as JSON (config, manifest, layers); --layers: the overlay's lowerdirs a container would stack.")
    static final class Inspect implements Callable<Integer> {
        private final Session session;
        @Parameters(paramLabel = "IMAGE", arity = "1..*") List<String> images;
        @Option(names = "--layers", description = "The layers, top first: diff_id, size, and the directory overlayfs stacks.") boolean layers;
        @Option(names = {"-q", "--quiet"}, description = "With --layers: only the directories, top first.") boolean quiet;
        @Option(names = "--json", description = "Print JSON (inspect's output is JSON unless --layers).") boolean json;
        @Option(names = {"-f", "--format"}, paramLabel = "TEMPLATE", description = InspectFormat.HELP) String format;
        @Option(names = "--help", usageHelp = true, description = "Show this help.") boolean help;
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        Inspect(Session session) { this.session = session; }

        @Override
        public Integer call() {
            if (format != null && layers) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--format and --layers do not go together (--layers prints a table)");
            }
            InspectFormat template = InspectFormat.read(format, session.err());
            if (template.invalid()) return GoTemplate.PARSE_ERROR;
            List<Object> found = new ArrayList<>();
            int code = 0;
            for (String ref : images) {
                try {
                    StoredImage s = session.engine().images().require(ref);
                    if (layers && !json) {
                        printLayers(ref, s);
                    } else {
                        found.add(details(s, session.engine().images().image(s, ref)));
                    }
                } catch (EngineException e) {
                    session.err().println("jlab: " + e.getMessage());
                    code = 1;
                }
            }
            if (!template.none()) {
                code = Math.max(code, template.print(found, session.out(), session.err()));
            } else if (!layers || json) {
                session.out().println(json(found));
            }
            return code;
        }

        private void printLayers(String ref, StoredImage s) {
            Image image = session.engine().images().image(s, ref);
            List<String> diffIds = s.config().diffIds();
            List<Descriptor> blobs = s.manifestBody().layers();
            if (!quiet) session.out().printf("%-3s  %-19s  %9s  %s%n", "#", "DIFF ID", "SIZE", "DIRECTORY (top first: overlayfs's lowerdir order)");
            for (int i = image.layers().size() - 1; i >= 0; i--) {
                String dir = image.layers().get(i).toString();
                if (quiet) {
                    session.out().println(dir);
                } else {
                    String id = i < diffIds.size() ? diffIds.get(i).substring(0, 19) : "(empty)";
                    String size = i < blobs.size() ? Sizes.decimal(blobs.get(i).size()) : "0B";
                    session.out().printf("%-3d  %-19s  %9s  %s%n", i + 1, id, size, dir);
                }
            }
            if (!quiet) {
                List<String> lower = image.lowerDirs().stream().map(Object::toString).toList();
                session.out().println("mount -t overlay overlay -o lowerdir=" + String.join(":", lower)
                        + ",upperdir=.../containers/ID/upper,workdir=.../containers/ID/work .../containers/ID/rootfs");
            }
        }

        private static Map<String, Object> details(StoredImage s, Image image) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("Id", s.id().toString());
            m.put("RepoTags", s.tags());
            m.put("RepoDigests", List.of());
            m.put("ManifestDigest", s.manifest().toString());
            m.put("Parent", s.parent() == null ? "" : s.parent());
            m.put("Created", s.config().created());
            m.put("Author", s.config().author() == null ? "" : s.config().author());
            m.put("Architecture", s.config().architecture());
            m.put("Os", s.config().os());
            m.put("Size", s.size());
            m.put("Config", s.config().settings());
            Map<String, Object> rootfs = new LinkedHashMap<>();
            rootfs.put("Type", "layers");
            rootfs.put("Layers", s.config().diffIds());
            m.put("RootFS", rootfs);
            Map<String, Object> driver = new LinkedHashMap<>();
            driver.put("Name", "overlay");
            driver.put("LowerDirs", image.lowerDirs().stream().map(Object::toString).toList());
            m.put("GraphDriver", driver);
            return m;
        }
    }

    /** {@code jlab tag} / {@code jlab image tag}. */
    @Command(name = "tag", description = "Give an image another name: jlab tag SOURCE TARGET[:TAG].")
    public static final class Tag implements Callable<Integer> {
        private final Session session;
        @Parameters(index = "0", paramLabel = "SOURCE", description = "NAME[:TAG] or ID.") String source;
        @Parameters(index = "1", paramLabel = "TARGET", description = "NAME[:TAG] (latest when no tag is given).") String target;
        @Option(names = "--help", usageHelp = true, description = "Show this help.") boolean help;

        public Tag(Session session) { this.session = session; }

        @Override
        public Integer call() {
            try {
                session.engine().images().tag(source, target);
                return 0;
            } catch (EngineException e) {
                session.err().println("jlab: " + e.getMessage());
                return 1;
            }
        }
    }

    /** {@code jlab history} / {@code jlab image history}. */
    @Command(name = "history", description = "Show how an image was made: each layer with its size and the instruction that made it.")
    public static final class History implements Callable<Integer> {
        private final Session session;
        @Parameters(paramLabel = "IMAGE") String image;
        @Option(names = "--no-trunc", description = "Whole IDs and instructions.") boolean noTrunc;
        @Option(names = {"-q", "--quiet"}, description = "Only the IDs.") boolean quiet;
        @Option(names = "--json", description = "Print JSON.") boolean json;
        @Option(names = "--help", usageHelp = true, description = "Show this help.") boolean help;

        public History(Session session) { this.session = session; }

        @Override
        public Integer call() {
            StoredImage s;
            try {
                s = session.engine().images().require(image);
            } catch (EngineException e) {
                session.err().println("jlab: " + e.getMessage());
                return 1;
            }
            List<Map<String, Object>> rows = rows(s);
            if (json) {
                session.out().println(json(rows));
                return 0;
            }
            if (quiet) {
                rows.forEach(r -> session.out().println(r.get("Id")));
                return 0;
            }
            session.out().printf("%-12s  %-22s  %-45s  %9s  %s%n", "IMAGE", "CREATED", "CREATED BY", "SIZE", "COMMENT");
            for (Map<String, Object> r : rows) {
                String by = (String) r.get("CreatedBy");
                if (!noTrunc && by.length() > 45) by = by.substring(0, 44) + "…";
                String id = (String) r.get("Id");
                session.out().printf("%-12s  %-22s  %-45s  %9s  %s%n", noTrunc || id.equals("<missing>") ? id : id.substring(7, 19),
                        ago((String) r.get("Created")), by, Sizes.decimal((Long) r.get("Size")), r.get("Comment"));
            }
            return 0;
        }

        /**
         * Newest first, one row per history entry; a row that made a layer shows the layer's size. The
         * image's own ID stands on the newest row; the rows below show the ID of the build step's image
         * when jlab still has it (the build cache), "<missing>" otherwise, as Docker prints.
         */
        private List<Map<String, Object>> rows(StoredImage s) {
            List<ImageConfig.History> history = s.config().historyOrEmpty();
            List<Descriptor> layers = s.manifestBody().layers();
            List<StoredImage> all = session.engine().images().list();
            List<Map<String, Object>> rows = new ArrayList<>();
            int layer = layers.size() - 1;
            StoredImage at = s;
            for (int i = history.size() - 1; i >= 0; i--) {
                ImageConfig.History h = history.get(i);
                long size = 0;
                if (!h.isEmptyLayer() && layer >= 0) size = layers.get(layer--).size();
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("Id", at != null && at.config().historyOrEmpty().size() == i + 1 ? at.id().toString() : "<missing>");
                r.put("Created", h.created());
                r.put("CreatedBy", h.createdBy() == null ? "" : h.createdBy());
                r.put("Size", size);
                r.put("Comment", h.comment() == null ? "" : h.comment());
                rows.add(r);
                if (at != null && at.config().historyOrEmpty().size() == i + 1) {
                    String parent = at.parent();
                    at = parent == null ? null : all.stream().filter(o -> o.id().toString().equals(parent)).findFirst().orElse(null);
                }
            }
            return rows;
        }
    }
}
