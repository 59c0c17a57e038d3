package dev.instacrud.generator.check;

import dev.instacrud.generator.model.Position;
import dev.instacrud.generator.spec.Diagnostic;
import java.util.List;

/** Collects the diagnostics of one rule, stamping file and rule id. */
final class Reporter {
    private final String file;
    private final String ruleId;
    private final List<Diagnostic> sink;

    Reporter(String file, String ruleId, List<Diagnostic> sink) {
        this.file = file;
        this.ruleId = ruleId;
        this.sink = sink;
    }

    void at(Position position, String message) {
        sink.add(Diagnostic.at(file, position, ruleId, message));
    }
}
