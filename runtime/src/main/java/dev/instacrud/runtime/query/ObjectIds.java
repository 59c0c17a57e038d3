package dev.instacrud.runtime.query;

import dev.instacrud.runtime.error.ApiException;
import java.util.Optional;
import org.bson.types.ObjectId;

/** Conversion of client-supplied ids, where a malformed id must never become a 500. */
public final class ObjectIds {
    private ObjectIds() {}

    /** The id, if {@code value} is exactly a 24-digit hex ObjectId. */
    public static Optional<ObjectId> parse(String value) {
        return value != null && ObjectId.isValid(value) && value.length() == 24
                ? Optional.of(new ObjectId(value))
                : Optional.empty();
    }

    /**
     * The id of a path parameter; a malformed one answers 404, exactly like a missing document, so ids
     * cannot be probed.
     */
    public static ObjectId fromPath(String value) {
        return parse(value).orElseThrow(() -> ApiException.notFound("Not found"));
    }
}
