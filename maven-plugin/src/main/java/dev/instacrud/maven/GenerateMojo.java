package dev.instacrud.maven;

import dev.instacrud.generator.Instacrud;
import dev.instacrud.generator.output.OutputException;
import dev.instacrud.generator.output.OutputResult;
import dev.instacrud.generator.output.OutputSync;
import dev.instacrud.generator.output.PlannedChange;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import org.apache.maven.model.Resource;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/**
 * Generates the service's sources from the spec into {@code outputDirectory} and adds that folder to the build:
 * as a compile source root, and as a resource folder for the {@code openapi.json} the generated application
 * loads from its classpath. Bound to {@code generate-sources} by default.
 *
 * <p>Skips all work when the spec's bytes and the generator version are those of the last complete generation
 * into the folder (see {@link InputHash}). Otherwise it writes through {@link OutputSync}: unchanged files are not
 * rewritten, files no longer produced are removed, files edited by hand are kept and reported as warnings, and an
 * invalid spec fails the build with the checker's {@code FILE:LINE:COL} lines, leaving the folder as it was.
 */
@Mojo(name = "generate", defaultPhase = LifecyclePhase.GENERATE_SOURCES, threadSafe = true)
public class GenerateMojo extends SpecMojo {

    /** Where the generated sources go; added to the compile source roots and, for {@code *.json}, the resources. */
    @Parameter(
            property = "instacrud.outputDirectory",
            defaultValue = "${project.build.directory}/generated-sources/instacrud",
            required = true)
    File outputDirectory;

    /**
     * Replaces generated files that were edited by hand, keeping each one's previous content in {@code PATH.orig};
     * without it they are kept and reported.
     */
    @Parameter(property = "instacrud.force", defaultValue = "false")
    boolean force;

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    MavenProject project;

    @Override
    void run(byte[] specBytes) throws MojoExecutionException, MojoFailureException {
        Path outDir = outputDirectory.toPath().toAbsolutePath().normalize();
        String record = InputHash.of(specBytes, Instacrud.version());
        if (InputHash.matches(outDir, record)) {
            getLog().info("instacrud: " + outDir + " is up to date (spec and generator unchanged), nothing generated");
        } else {
            generate(specBytes, outDir, record);
        }
        addToBuild(outDir);
    }

    private void generate(byte[] specBytes, Path outDir, String record)
            throws MojoExecutionException, MojoFailureException {
        var files = Instacrud.sources(model(specBytes));
        try {
            InputHash.forget(outDir);
            OutputResult result = Instacrud.output().write(outDir, files, force);
            getLog().info("instacrud: generated " + outDir + ": "
                    + result.created().size() + " created, "
                    + result.updated().size() + " updated, " + result.deleted().size() + " deleted, "
                    + result.unchanged().size() + " unchanged");
            for (PlannedChange kept : result.reported()) {
                getLog().warn("instacrud: " + kept.action().label() + " " + kept.path() + "  (" + kept.note() + ")");
            }
            if (!result.warning().isEmpty()) {
                getLog().warn("instacrud: " + result.warning());
            }
            if (result.reported().isEmpty()) {
                InputHash.record(outDir, record);
            }
        } catch (OutputException e) {
            throw new MojoFailureException("instacrud: cannot write " + outDir + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new MojoExecutionException("instacrud: cannot write " + outDir + ": " + e.getMessage(), e);
        }
    }

    private void addToBuild(Path outDir) {
        String dir = outDir.toString();
        project.addCompileSourceRoot(dir);
        boolean present = project.getResources().stream().anyMatch(r -> dir.equals(r.getDirectory()));
        if (!present) {
            Resource json = new Resource();
            json.setDirectory(dir);
            json.addInclude("**/*.json");
            project.addResource(json);
        }
    }
}
