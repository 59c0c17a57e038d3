package dev.instacrud.maven;

import dev.instacrud.generator.Instacrud;
import dev.instacrud.generator.output.CheckReport;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * For projects that commit their generated sources: regenerates in memory, writes nothing, and fails the build
 * when {@code outputDirectory} differs from what the spec produces, listing each differing file with a unified
 * diff, then the missing and the orphaned files (see {@code OutputSync.check}). Bound to {@code verify} by
 * default. Files the manifest does not list are the user's and never fail it.
 */
@Mojo(name = "check", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public class CheckMojo extends SpecMojo {

    /** The folder holding the committed generated sources (the one {@code generate} writes to). */
    @Parameter(
            property = "instacrud.outputDirectory",
            defaultValue = "${project.build.directory}/generated-sources/instacrud",
            required = true)
    File outputDirectory;

    @Override
    void run(byte[] specBytes) throws MojoExecutionException, MojoFailureException {
        Path outDir = outputDirectory.toPath().toAbsolutePath().normalize();
        // the user's files live in src/main/java (GenerateMojo), not in the generated folder
        var files = GenerateMojo.generated(Instacrud.sources(model(specBytes)));
        CheckReport report;
        try {
            report = Instacrud.output().check(outDir, files);
        } catch (IOException e) {
            throw new MojoExecutionException("instacrud: cannot read " + outDir + ": " + e.getMessage(), e);
        }
        if (report.isClean()) {
            getLog().info("instacrud: " + outDir + " matches " + spec);
            return;
        }
        // the diffs go in the failure message only: Maven prints it as build errors, and logging them as well
        // would show every diff twice
        throw new MojoFailureException("instacrud: generated sources in " + outDir + " do not match " + spec
                + " (" + report.differing().size() + " differing, "
                + report.missing().size() + " missing, "
                + report.orphaned().size() + " orphaned); run the generate goal and commit the result:\n"
                + report.describe());
    }
}
