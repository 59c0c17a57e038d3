package dev.instacrud.runtime.validation;

import dev.instacrud.runtime.error.ApiException;
import dev.instacrud.runtime.error.ErrorDetail;
import java.util.List;

/**
 * Every rule a value broke, thrown at once (422), like Pydantic's {@code ValidationError}: a client fixes
 * all of its mistakes from one answer instead of discovering them one request at a time. Thrown by the
 * compact constructors of generated records and by {@link JsonInput}.
 */
public final class ValidationException extends ApiException {
    private static final long serialVersionUID = 1L;

    /** @param errors the violations, at least one */
    public ValidationException(List<ErrorDetail> errors) {
        super(422, "Unprocessable Content", "Validation failed", errors);
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("a validation error needs at least one violation");
        }
    }
}
