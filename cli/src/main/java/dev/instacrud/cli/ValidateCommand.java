package dev.instacrud.cli;

import dev.instacrud.generator.Instacrud;
import dev.instacrud.generator.SpecResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code instacrud validate SPEC}: every problem of a spec, one {@code FILE:LINE:COL: error: MESSAGE} per line. */
@Command(name = "validate", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = {"Checks a spec and reports every problem, sorted by position, on standard error.",
        "Exit code 0 when valid, 1 when it has errors, 2 when the file cannot be read."})
final class ValidateCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Parameters(paramLabel = "SPEC", description = "The spec file, e.g. instacrud.yaml.")
  Path specFile;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (!Files.isRegularFile(specFile)) {
      err.println("instacrud: no such file: " + specFile);
      return ExitCodes.USAGE;
    }
    SpecResult result;
    try {
      result = Instacrud.load(specFile);
    } catch (IOException e) {
      err.println("instacrud: cannot read " + specFile + ": " + e.getMessage());
      return ExitCodes.USAGE;
    }
    if (result.isValid()) {
      int entities = result.model().orElseThrow().entities().size();
      out.println(specFile + ": valid (" + entities + (entities == 1 ? " entity)" : " entities)"));
      return ExitCodes.OK;
    }
    result.formatted().forEach(err::println);
    return ExitCodes.INVALID;
  }
}
