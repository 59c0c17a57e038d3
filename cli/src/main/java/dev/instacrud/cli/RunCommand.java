package dev.instacrud.cli;

import dev.instacrud.generator.model.ServiceModel;
import dev.instacrud.runtime.app.RunningService;
import dev.instacrud.runtime.config.ConfigException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code instacrud run SPEC}: generate, compile in memory and serve, on the embedded MongoDB by default. */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Generates the service, compiles it in memory and serves it until Ctrl-C.",
            "Prints 'Listening on http://127.0.0.1:PORT' once it accepts requests, then the web admin's URL.",
            "Configuration comes from the",
            "environment as for a generated service (MODE, MONGO_URL, SECRET_KEY, ...); without MONGO_URL the data",
            "lives in an embedded MongoDB under --data."
        })
final class RunCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "SPEC", description = "The spec file, e.g. instacrud.yaml.")
    Path specFile;

    @Option(
            names = "--port",
            paramLabel = "N",
            description = "The port (default: PORT, else 8000; 0 picks a free one).")
    Integer port;

    @Option(
            names = "--data",
            paramLabel = "DIR",
            description =
                    "Where the embedded MongoDB and the dev secret live (default: DATA_DIR, else .instacrud/<service>).")
    Path data;

    @Override
    public Integer call() throws Exception {
        long started = System.nanoTime();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        SpecFiles loaded = SpecFiles.load(specFile, err);
        if (loaded.model().isEmpty()) {
            return loaded.exitCode();
        }
        ServiceModel model = loaded.model().get();
        Map<String, String> env = new HashMap<>(System.getenv());
        if (port != null) {
            env.put("PORT", Integer.toString(port));
        }
        if (data != null) {
            env.put("DATA_DIR", data.toString());
        } else {
            env.putIfAbsent("DATA_DIR", Path.of(".instacrud", model.name()).toString());
        }
        RunningService service;
        try {
            service = ServiceLauncher.start(model, env);
        } catch (ConfigException e) {
            err.println("instacrud: " + e.getMessage());
            return ExitCodes.USAGE;
        } catch (InMemoryCompiler.CompileException e) {
            err.println("instacrud: " + e.getMessage());
            return ExitCodes.INTERNAL;
        } catch (IllegalStateException e) {
            err.println("instacrud: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(service::close, "instacrud-shutdown"));
        long millis = (System.nanoTime() - started) / 1_000_000;
        out.printf(
                "%s: %s generated, compiled and started in %d ms; data in %s%n",
                model.name(), SpecFiles.entities(model), millis, env.get("DATA_DIR"));
        out.println("Listening on " + service.url());
        service.adminLine().ifPresent(out::println);
        out.flush();
        service.awaitStop();
        return ExitCodes.OK;
    }
}
