package dev.instacrud.cli;

import dev.instacrud.generator.Instacrud;
import dev.instacrud.generator.model.ServiceModel;
import dev.instacrud.generator.output.GeneratedFile;
import dev.instacrud.generator.output.OutputException;
import dev.instacrud.generator.output.OutputPlan;
import dev.instacrud.generator.output.OutputResult;
import dev.instacrud.generator.output.OutputSync;
import dev.instacrud.generator.output.PlannedChange;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** {@code --dry-run} and {@code --force}, and writing a set of files through the ownership rules. */
final class WriteOptions {

    @Option(names = "--dry-run", description = "Print what would be written, changed or removed; write nothing.")
    boolean dryRun;

    @Option(
            names = "--force",
            description = "Replace generated files that were edited since, keeping the edited copy as FILE.orig.")
    boolean force;

    /**
     * Plans, then prints the plan (dry run) or applies it and prints what was done; each user-owned file that
     * already existed is named when {@code nameKeptFiles} (for {@code new}; {@code generate} keeps the service's
     * endpoints class on every run, which is no news).
     */
    int write(
            CommandLine command,
            Path out,
            List<GeneratedFile> files,
            ServiceModel model,
            long startedNanos,
            boolean nameKeptFiles) {
        PrintWriter stdout = command.getOut();
        PrintWriter err = command.getErr();
        OutputSync sync = Instacrud.output();
        try {
            OutputPlan plan = sync.plan(out, files, force);
            if (dryRun) {
                stdout.print(plan.describe());
                stdout.flush();
                stdout.println("(dry run: nothing was written)");
                return ExitCodes.OK;
            }
            OutputResult result = sync.apply(plan);
            for (PlannedChange kept : result.reported()) {
                err.println("instacrud: left alone: " + out.resolve(kept.path()) + " (" + kept.note()
                        + "); --force replaces it, keeping a .orig copy");
            }
            for (String path : nameKeptFiles ? result.userOwnedKept() : List.<String>of()) {
                err.println("instacrud: kept, already exists: " + out.resolve(path));
            }
            if (!result.warning().isEmpty()) {
                err.println("instacrud: " + result.warning());
            }
            long millis = (System.nanoTime() - startedNanos) / 1_000_000;
            stdout.printf(
                    "%s: %s into %s: %d created, %d updated, %d deleted, %d unchanged, %d kept (%d ms)%n",
                    model.name(),
                    SpecFiles.entities(model),
                    out,
                    result.created().size(),
                    result.updated().size() + result.forceReplaced().size(),
                    result.deleted().size(),
                    result.unchanged().size(),
                    result.reported().size() + result.userOwnedKept().size(),
                    millis);
            return ExitCodes.OK;
        } catch (OutputException e) {
            err.println("instacrud: writing " + out + " failed: " + e.getMessage()
                    + (e.previousOutputIntact() ? " (the previous output is unchanged)" : ""));
            return ExitCodes.INVALID;
        } catch (IOException e) {
            err.println("instacrud: cannot write " + out + ": " + e.getMessage());
            return ExitCodes.INVALID;
        }
    }
}
