package dev.instacrud.maven;

import dev.instacrud.generator.model.ServiceModel;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;

/**
 * Runs the spec checker only, writing nothing: the build fails with one {@code FILE:LINE:COL: error: MESSAGE [rule]}
 * line per problem. Bound to {@code validate} by default.
 */
@Mojo(name = "validate", defaultPhase = LifecyclePhase.VALIDATE, threadSafe = true)
public class ValidateMojo extends SpecMojo {

    @Override
    void run(byte[] specBytes) throws MojoFailureException {
        ServiceModel model = model(specBytes);
        getLog().info("instacrud: " + spec + ": valid (" + model.entities().size() + " entities)");
    }
}
