package dev.instacrud.maven;

import dev.instacrud.generator.Instacrud;
import dev.instacrud.generator.SpecResult;
import dev.instacrud.generator.model.ServiceModel;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * What every goal shares: the spec's location, the skip switch, and turning checker errors into a failed build.
 * Goals hold no state beyond their injected parameters, so they are safe in a parallel build.
 */
abstract class SpecMojo extends AbstractMojo {

    /** The spec to read. */
    @Parameter(
            property = "instacrud.spec",
            defaultValue = "${project.basedir}/src/main/instacrud/instacrud.yaml",
            required = true)
    File spec;

    /** Skips the goal. */
    @Parameter(property = "instacrud.skip", defaultValue = "false")
    boolean skip;

    @Override
    public final void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("instacrud: skipped (instacrud.skip)");
            return;
        }
        run(readSpec());
    }

    /** The goal's work, given the spec's bytes as read once (hashing and parsing see the same content). */
    abstract void run(byte[] specBytes) throws MojoExecutionException, MojoFailureException;

    private byte[] readSpec() throws MojoExecutionException, MojoFailureException {
        try {
            return Files.readAllBytes(spec.toPath());
        } catch (NoSuchFileException e) {
            throw new MojoFailureException(
                    "instacrud spec not found: " + spec + " (put it there, or set <spec> / -Dinstacrud.spec)");
        } catch (IOException e) {
            throw new MojoExecutionException("cannot read instacrud spec " + spec + ": " + e.getMessage(), e);
        }
    }

    /**
     * Loads and checks the spec; when the checker finds problems, logs each {@code FILE:LINE:COL: error: ...} line
     * as a build error and fails with all of them in the message.
     */
    final ServiceModel model(byte[] specBytes) throws MojoFailureException {
        // lenient decoding, as Instacrud.load(Path) does: a stray byte is reported by the reader with its position
        SpecResult result = Instacrud.load(spec.toString(), new String(specBytes, StandardCharsets.UTF_8));
        if (result.isValid()) {
            return result.model().orElseThrow();
        }
        StringBuilder message = new StringBuilder("instacrud spec ")
                .append(spec)
                .append(" has ")
                .append(result.diagnostics().size())
                .append(result.diagnostics().size() == 1 ? " error:" : " errors:");
        for (String line : result.formatted()) {
            getLog().error(line);
            message.append('\n').append(line);
        }
        throw new MojoFailureException(message.toString());
    }
}
