package dev.instacrud.generator.output;

/**
 * One path of the output folder and what applying the plan does to it.
 *
 * @param path the path relative to the output folder, forward slashes
 * @param action what happens to it
 * @param note why, for the paths left alone or replaced (empty otherwise), e.g. where the {@code .orig} copy goes
 */
public record PlannedChange(String path, Action action, String note) {}
