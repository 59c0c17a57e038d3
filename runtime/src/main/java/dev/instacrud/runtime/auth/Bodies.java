package dev.instacrud.runtime.auth;

import dev.instacrud.runtime.error.ApiException;
import dev.instacrud.runtime.error.ErrorDetail;
import java.util.List;

/** The checks every account route makes of its bound body. */
final class Bodies {
    private Bodies() {}

    /** The field's value, or a 422 {@code missing} at {@code ["body", field]}. */
    static <T> T required(T value, String field) {
        if (value == null) {
            throw missing(field);
        }
        return value;
    }

    static ApiException missing(String field) {
        return ApiException.validation(List.of(ErrorDetail.of("Field required", "missing", "body", field)));
    }
}
