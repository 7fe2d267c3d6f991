package jlab.engine.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import jlab.engine.image.ImageConfig;
import jlab.engine.image.ImageStore;
import jlab.engine.image.Leases;
import jlab.engine.image.StoredImage;

/** The cache is the store: a step is reused when an image has the same parent and the same last line of history. */
class BuildCacheTest {
    @TempDir Path tmp;

    private static StoredImage add(ImageStore store, ImageConfig parentConfig, String parentId, String createdBy, String tag) {
        ImageConfig c = parentConfig.child("2026-12-07T00:00:0" + parentConfig.historyOrEmpty().size() + "Z", createdBy, null,
                ImageConfig.Settings.EMPTY.withEnv(List.of("STEP=" + createdBy)));
        try (Leases.Lease lease = store.leases().open()) {
            return store.add(c, List.of(), parentId, tag == null, tag == null ? List.of() : List.of(tag), lease);
        }
    }

    @Test
    void a_step_is_found_by_its_parent_and_its_line_and_by_nothing_else() {
        ImageStore store = new ImageStore(tmp.resolve("images"));
        StoredImage base = add(store, ImageConfig.scratch(), null, "base", "base:1");
        StoredImage env = add(store, base.config(), base.id().toString(), BuildStep.nop("ENV A=1"), null);
        StoredImage other = add(store, ImageConfig.scratch(), null, "other", "other:1");
        add(store, other.config(), other.id().toString(), BuildStep.nop("ENV A=2"), null);
        BuildCache cache = new BuildCache(store);

        BuildState state = new BuildState("0", base);
        assertThat(cache.find(state, BuildStep.nop("ENV A=1"), null)).map(StoredImage::id).contains(env.id());
        assertThat(cache.find(state, BuildStep.nop("ENV A=2"), null)).as("that line has another parent").isEmpty();
        assertThat(cache.find(state, "/bin/sh -c true", null)).isEmpty();

        state.advance(env);
        assertThat(cache.find(state, BuildStep.nop("ENV A=1"), null)).as("not its own parent").isEmpty();
    }

    @Test
    void an_image_without_a_parent_is_taken_only_if_it_extends_scratch_by_exactly_one_line() {
        ImageStore store = new ImageStore(tmp.resolve("images"));
        StoredImage one = add(store, ImageConfig.scratch(), null, "COPY file:abc in /", null);
        add(store, one.config(), null, "COPY file:def in /", "loaded:1"); // no parent annotation, two lines
        BuildCache cache = new BuildCache(store);
        BuildState scratch = new BuildState("0", null);
        assertThat(cache.find(scratch, "COPY file:abc in /", null)).map(StoredImage::id).contains(one.id());
        assertThat(cache.find(scratch, "COPY file:def in /", null)).isEmpty();
    }

    /** ENV A="1 B=2" and ENV A=1 B=2 write the same line: the configuration tells them apart. */
    @Test
    void a_configuration_step_is_taken_only_with_the_configuration_it_computes() {
        ImageStore store = new ImageStore(tmp.resolve("images"));
        StoredImage base = add(store, ImageConfig.scratch(), null, "base", "base:1");
        String line = BuildStep.nop("ENV A=1 B=2");
        StoredImage oneVariable = add(store, base.config(), base.id().toString(), line, null);
        BuildCache cache = new BuildCache(store);
        BuildState state = new BuildState("0", base);
        ImageConfig.Settings itsSettings = oneVariable.config().settings();
        assertThat(cache.find(state, line, itsSettings)).map(StoredImage::id).contains(oneVariable.id());
        assertThat(cache.find(state, line, itsSettings.withEnv(List.of("A=1", "B=2")))).as("two variables").isEmpty();
    }
}
