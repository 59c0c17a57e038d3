package dev.instacrud.cli;

import dev.instacrud.generator.Instacrud;
import dev.instacrud.generator.model.ServiceModel;
import dev.instacrud.generator.output.GeneratedFile;
import dev.instacrud.runtime.app.RunningService;
import dev.instacrud.runtime.app.ServiceDefinition;
import dev.instacrud.runtime.app.ServiceRunner;
import java.util.List;
import java.util.Map;

/**
 * Generates, compiles in memory and starts a service in this process: what {@code instacrud run} does,
 * and what the end-to-end tests drive.
 */
public final class ServiceLauncher {
    private ServiceLauncher() {}

    /**
     * Starts the service of a checked model with these environment variables; the caller closes it.
     *
     * @throws InMemoryCompiler.CompileException when the generated code does not compile (a generator bug)
     */
    public static RunningService start(ServiceModel model, Map<String, String> environment) throws Exception {
        return start(model, Instacrud.sources(model), environment);
    }

    /**
     * Starts the service of a checked model from these sources (the generated ones, with a user's own files in
     * place of or beside the user-owned ones, as tests and tools hold them); the caller closes it.
     *
     * @throws InMemoryCompiler.CompileException when the sources do not compile
     */
    public static RunningService start(ServiceModel model, List<GeneratedFile> sources, Map<String, String> environment)
            throws Exception {
        return start(model, InMemoryCompiler.compile(sources), environment);
    }

    /** Starts the service of {@code model} from its compiled classes. */
    static RunningService start(ServiceModel model, CompiledClasses compiled, Map<String, String> environment)
            throws Exception {
        ClassLoader loader = compiled.loader(ServiceLauncher.class.getClassLoader());
        Class<?> application = Class.forName(model.applicationClass(), true, loader);
        ServiceDefinition definition =
                (ServiceDefinition) application.getMethod("definition").invoke(null);
        return ServiceRunner.start(definition, environment);
    }
}
