package dev.instacrud.runtime.data;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoCommandException;
import com.mongodb.MongoException;
import com.mongodb.MongoWriteException;
import dev.instacrud.runtime.error.ApiException;
import dev.instacrud.runtime.error.ErrorDetail;
import java.util.function.Supplier;

/**
 * Turns the driver's duplicate-key failures into 409s; an unreachable server is the tenant router's to answer
 * ({@link dev.instacrud.runtime.tenant.TenantRouter#call}), and anything else stays a bug (500).
 */
final class MongoErrors {
    private static final java.util.regex.Pattern INDEX_NAME = java.util.regex.Pattern.compile("index: (\\S+)");

    private MongoErrors() {}

    static <T> T call(EntityDescriptor entity, Supplier<T> action) {
        try {
            return action.get();
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                throw duplicate(entity, e.getMessage());
            }
            throw e;
        } catch (MongoCommandException e) {
            if (e.getErrorCode() == 11000) {
                throw duplicate(entity, e.getMessage());
            }
            throw e;
        } catch (MongoException e) {
            if (e.getCode() == 11000) {
                throw duplicate(entity, e.getMessage());
            }
            throw e;
        }
    }

    // The server names the index in its message ("... index: unique_code dup key: ..."); the 409 names its
    // field and never the values, which may be another document's.
    private static ApiException duplicate(EntityDescriptor entity, String message) {
        java.util.regex.Matcher index = INDEX_NAME.matcher(message == null ? "" : message);
        String name = index.find() ? index.group(1) : null;
        String field = null;
        for (String candidate : entity == null ? java.util.Set.<String>of() : entity.uniqueFields()) {
            if (Indexes.uniqueName(entity, candidate).equals(name)) {
                field = candidate;
            }
        }
        if (field == null) {
            return ApiException.conflict("A document with the same unique value exists");
        }
        return new ApiException(
                409,
                "Conflict",
                "Another document already has this " + field,
                java.util.List.of(ErrorDetail.of("value must be unique", "unique", "body", field)));
    }
}
