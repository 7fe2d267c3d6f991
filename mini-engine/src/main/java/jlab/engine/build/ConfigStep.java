package jlab.engine.build;

/**
 * A step that changes only the image's configuration (ENV, LABEL, CMD, USER...): making it runs
 * nothing and copies nothing, so the build makes it before it asks the cache, and the cache takes an
 * image only if its configuration is the one just computed.
 *
 * <p>The history line alone is not enough: {@code ENV A="1 B=2"} (one variable) and {@code ENV A=1 B=2}
 * (two) both write {@code ENV A=1 B=2}, as Docker writes them. Docker's classic builder tells them
 * apart the same way, by comparing the configuration.
 */
interface ConfigStep extends BuildStep {}
