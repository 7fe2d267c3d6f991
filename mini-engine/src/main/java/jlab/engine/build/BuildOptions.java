package jlab.engine.build;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What {@code jlab build} was asked, as data.
 *
 * @param context    the build context: the directory whose files COPY and ADD may read, and nothing else
 * @param dockerfile -f: the Dockerfile (null: CONTEXT/Dockerfile)
 * @param buildArgs  --build-arg NAME=value, in order (a later one wins)
 * @param tags       -t NAME[:TAG], each given to the image built
 * @param noCache    --no-cache: build every step again
 * @param quiet      -q: print only the image's ID (and, when it fails, what the build printed)
 * @param network    --network: the network RUN's containers are on (bridge, as Docker, unless told)
 * @param target     --target: build up to this stage and stop (null: the last)
 */
public record BuildOptions(Path context, Path dockerfile, Map<String, String> buildArgs, List<String> tags,
                           boolean noCache, boolean quiet, String network, String target) {
    public BuildOptions {
        buildArgs = Map.copyOf(buildArgs);
        tags = List.copyOf(tags);
    }

    /** The Dockerfile's path: -f, or Dockerfile in the context. */
    public Path dockerfilePath() { return dockerfile != null ? dockerfile : context.resolve("Dockerfile"); }

    /** How errors name the Dockerfile: "Dockerfile", or -f's file name. */
    public String dockerfileName() { return dockerfile != null ? String.valueOf(dockerfile.getFileName()) : "Dockerfile"; }
}
