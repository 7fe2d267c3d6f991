package jlab.engine.plan;

import jlab.engine.step.ContainerBuild;
import jlab.engine.step.Step;

/** Watches a plan run: {@code --trace} prints each step with its time; the CLI forwards signals once it started. */
public interface StepListener {
    StepListener NONE = new StepListener() {};

    default void before(int index, Step step, ContainerBuild build) {}

    default void after(int index, Step step, ContainerBuild build, long nanos) {}

    /** The command runs (exec succeeded): its pid on the host is {@code build.processPid()}. */
    default void started(ContainerBuild build) {}
}
