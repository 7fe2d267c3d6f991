package jlab.engine.build;

import jlab.engine.image.Descriptor;
import jlab.engine.image.ImageConfig;

/**
 * What one step made: a layer (null for the instructions that change only the configuration:
 * ENV, CMD, EXPOSE...), the image's settings after it, and its author when MAINTAINER set one
 * (null: unchanged).
 */
record Change(Descriptor layer, ImageConfig.Settings settings, String author) {
    Change(Descriptor layer, ImageConfig.Settings settings) { this(layer, settings, null); }

    static Change configOnly(ImageConfig.Settings settings) { return new Change(null, settings, null); }
}
