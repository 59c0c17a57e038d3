package dev.instacrud.cli;

import dev.instacrud.generator.Instacrud;
import dev.instacrud.generator.model.ServiceModel;
import dev.instacrud.runtime.app.PortInUseException;
import dev.instacrud.runtime.app.RunningService;
import dev.instacrud.runtime.config.ConfigException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
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
            "Generates the service, compiles it in memory and serves it until stopped.",
            "Ctrl-C or SIGTERM stops it gracefully (requests in flight finish) with exit status 0.",
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
        Started started = start();
        if (started.service() == null) {
            return started.exitCode();
        }
        RunningService service = started.service();
        service.stopOnSignals();
        service.awaitStop();
        return service.stoppedCleanly() ? ExitCodes.OK : ExitCodes.INVALID;
    }

    /** A started service, or the exit code of a start that failed (its message already printed). */
    record Started(RunningService service, int exitCode) {}

    /** Everything up to {@code Listening on URL}: the caller serves, and closes the service. */
    Started start() throws Exception {
        long started = System.nanoTime();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        // The tool's fingerprint (44 jars read, mostly interpreted at this point) beside the spec's loading.
        FutureTask<byte[]> tool = new FutureTask<>(() -> ToolFingerprint.of(ClassPath.entries()));
        Thread fingerprinting = new Thread(tool, "instacrud-fingerprint");
        fingerprinting.setDaemon(true);
        fingerprinting.start();
        SpecFiles loaded = SpecFiles.load(specFile, err);
        if (loaded.model().isEmpty()) {
            return new Started(null, loaded.exitCode());
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
        boolean reused;
        try {
            RunCache cache = new RunCache(
                    Path.of(env.get("DATA_DIR")), RunCache.key(fingerprint(tool), specFile.toString(), loaded.bytes()));
            Optional<CompiledClasses> cached =
                    cache.read(problem -> err.println("instacrud: " + problem + "; compiling again"));
            reused = cached.isPresent();
            CompiledClasses compiled = reused ? cached.get() : compileAndKeep(model, cache, err);
            service = ServiceLauncher.start(model, compiled, env);
        } catch (ConfigException e) {
            err.println("instacrud: " + e.getMessage());
            return new Started(null, ExitCodes.USAGE);
        } catch (InMemoryCompiler.CompileException e) {
            err.println("instacrud: " + e.getMessage());
            return new Started(null, ExitCodes.INTERNAL);
        } catch (IllegalStateException | PortInUseException e) {
            err.println("instacrud: " + e.getMessage());
            return new Started(null, ExitCodes.USAGE);
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        out.printf(
                "%s: %s %s in %d ms; data in %s%n",
                model.name(),
                SpecFiles.entities(model),
                reused ? "started (classes compiled earlier for this spec)" : "generated, compiled and started",
                millis,
                env.get("DATA_DIR"));
        out.println("Listening on " + service.url());
        service.adminLine().ifPresent(out::println);
        out.flush();
        return new Started(service, ExitCodes.OK);
    }

    private static byte[] fingerprint(FutureTask<byte[]> tool) throws Exception {
        try {
            return tool.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    /** Generates and compiles; keeps the classes for the next start, which a failure to write only slows. */
    private static CompiledClasses compileAndKeep(ServiceModel model, RunCache cache, PrintWriter err)
            throws IOException, InMemoryCompiler.CompileException {
        CompiledClasses compiled = InMemoryCompiler.compile(Instacrud.sources(model));
        try {
            cache.write(compiled);
        } catch (IOException e) {
            err.println("instacrud: cannot keep the compiled classes in " + cache.file() + ": " + e);
        }
        return compiled;
    }
}
