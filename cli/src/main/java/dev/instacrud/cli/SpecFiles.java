package dev.instacrud.cli;

import dev.instacrud.generator.Instacrud;
import dev.instacrud.generator.SpecResult;
import dev.instacrud.generator.model.ServiceModel;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Loading a spec the way every command does: usage errors and checker errors reported, exit code kept. */
final class SpecFiles {
    private final int exitCode;
    private final ServiceModel model;
    private final byte[] bytes;

    private SpecFiles(int exitCode, ServiceModel model, byte[] bytes) {
        this.exitCode = exitCode;
        this.model = model;
        this.bytes = bytes;
    }

    /** Loads {@code specFile}; on failure the problems are already printed on {@code err}. */
    static SpecFiles load(Path specFile, PrintWriter err) {
        if (!Files.isRegularFile(specFile)) {
            err.println("instacrud: no such file: " + specFile);
            return new SpecFiles(ExitCodes.USAGE, null, null);
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(specFile);
        } catch (IOException e) {
            err.println("instacrud: cannot read " + specFile + ": " + e.getMessage());
            return new SpecFiles(ExitCodes.USAGE, null, null);
        }
        // lenient decoding, as Instacrud.load(Path): a stray byte is reported as what it is in the YAML
        SpecResult result = Instacrud.load(specFile.toString(), new String(bytes, StandardCharsets.UTF_8));
        if (!result.isValid()) {
            result.formatted().forEach(err::println);
            return new SpecFiles(ExitCodes.INVALID, null, null);
        }
        return new SpecFiles(ExitCodes.OK, result.model().orElseThrow(), bytes);
    }

    /** The checked model, when the spec loaded cleanly. */
    Optional<ServiceModel> model() {
        return Optional.ofNullable(model);
    }

    /** The bytes the model was read from, when the spec loaded cleanly. */
    byte[] bytes() {
        return bytes.clone();
    }

    /** The exit code of the load: OK, INVALID or USAGE. */
    int exitCode() {
        return exitCode;
    }

    static String entities(ServiceModel model) {
        int n = model.entities().size();
        return n + (n == 1 ? " entity" : " entities");
    }
}
