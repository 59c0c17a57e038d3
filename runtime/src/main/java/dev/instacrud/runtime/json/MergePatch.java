package dev.instacrud.runtime.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.instacrud.runtime.GeneratedCodeApi;
import java.util.Iterator;
import java.util.Map;

/**
 * JSON Merge Patch (<a href="https://www.rfc-editor.org/rfc/rfc7396">RFC 7396</a>): a patch object sets
 * the members it names, {@code null} removes one, nested objects merge recursively, and anything that is
 * not an object (arrays included) replaces the target whole. The result is validated afterwards like a full
 * replacement, so a patch can never produce a document a PUT could not.
 */
@GeneratedCodeApi
public final class MergePatch {
    private MergePatch() {}

    /** Returns the target with the patch applied; neither argument is modified. */
    public static JsonNode apply(JsonNode target, JsonNode patch) {
        if (!patch.isObject()) {
            return patch.deepCopy();
        }
        ObjectNode result = target != null && target.isObject()
                ? ((ObjectNode) target).deepCopy()
                : ((ObjectNode) patch).objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = patch.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> member = it.next();
            if (member.getValue().isNull()) {
                result.remove(member.getKey());
            } else {
                result.set(member.getKey(), apply(result.get(member.getKey()), member.getValue()));
            }
        }
        return result;
    }
}
