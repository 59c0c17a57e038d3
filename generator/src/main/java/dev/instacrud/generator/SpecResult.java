package dev.instacrud.generator;

import dev.instacrud.generator.model.ServiceModel;
import dev.instacrud.generator.spec.Diagnostic;
import java.util.List;
import java.util.Optional;

/**
 * The outcome of loading a spec: every problem, sorted by position, and the model when there are none.
 *
 * @param diagnostics the problems, sorted by position (empty when the spec is valid)
 * @param model       the checked model, present exactly when there are no diagnostics
 */
public record SpecResult(List<Diagnostic> diagnostics, Optional<ServiceModel> model) {

    /** Copies the list so the record stays immutable. */
    public SpecResult {
        diagnostics = List.copyOf(diagnostics);
    }

    /** Whether the spec is valid. */
    public boolean isValid() {
        return diagnostics.isEmpty();
    }

    /** The diagnostics as users see them, one {@code FILE:LINE:COL: error: MESSAGE} per line. */
    public List<String> formatted() {
        return diagnostics.stream().map(Diagnostic::format).toList();
    }
}
