package dev.instacrud.maven;

import dev.instacrud.generator.Instacrud;
import dev.instacrud.generator.output.GeneratedFile;
import dev.instacrud.generator.output.OutputException;
import dev.instacrud.generator.output.OutputResult;
import dev.instacrud.generator.output.OutputSync;
import dev.instacrud.generator.output.Ownership;
import dev.instacrud.generator.output.PlannedChange;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
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
 *
 * <p>The files that are the user's (the service's own routes class, {@code <Service>Endpoints.java}) go where the
 * user keeps sources, the project's {@code src/main/java}, and only when missing there: created once, never
 * overwritten, and never also written into the generated folder (the class would be there twice).
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

    /** Where the user's own sources are: the user-owned files are created here when missing. */
    @Parameter(defaultValue = "${project.build.sourceDirectory}", readonly = true, required = true)
    File sourceDirectory;

    @Override
    void run(byte[] specBytes) throws MojoExecutionException, MojoFailureException {
        Path outDir = outputDirectory.toPath().toAbsolutePath().normalize();
        String record = InputHash.of(specBytes, Instacrud.version());
        List<GeneratedFile> files = null;
        if (InputHash.matches(outDir, record)) {
            getLog().info("instacrud: " + outDir + " is up to date (spec and generator unchanged), nothing generated");
        } else {
            files = Instacrud.sources(model(specBytes));
            generate(generated(files), outDir, record);
        }
        createUserOwned(files != null ? files : Instacrud.sources(model(specBytes)));
        addToBuild(outDir);
    }

    static List<GeneratedFile> generated(List<GeneratedFile> files) {
        return files.stream().filter(f -> f.ownership() == Ownership.GENERATED).toList();
    }

    // the user's files go into src/main/java, once: an existing file there is never touched
    private void createUserOwned(List<GeneratedFile> files) throws MojoExecutionException {
        Path sources = sourceDirectory.toPath().toAbsolutePath().normalize();
        for (GeneratedFile file : files) {
            if (file.ownership() != Ownership.USER_OWNED) {
                continue;
            }
            Path target = sources.resolve(file.relativePath()).normalize();
            if (!target.startsWith(sources) || Files.exists(target)) {
                continue;
            }
            try {
                Files.createDirectories(target.getParent());
                Files.writeString(target, file.content(), StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW);
                getLog().info("instacrud: created " + target + " (yours to edit: never overwritten)");
            } catch (IOException e) {
                throw new MojoExecutionException("instacrud: cannot create " + target + ": " + e.getMessage(), e);
            }
        }
    }

    private void generate(List<GeneratedFile> files, Path outDir, String record)
            throws MojoExecutionException, MojoFailureException {
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
