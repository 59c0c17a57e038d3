package dev.instacrud.runtime.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.type.LogicalType;
import dev.instacrud.runtime.error.ApiException;
import dev.instacrud.runtime.error.ErrorDetail;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The one JSON mapper of the runtime, strict like Pydantic's strict mode: unknown properties, duplicate
 * keys, trailing tokens, and any coercion between types ({@code "12"} for an int, {@code 12} for a
 * string, {@code ""} for an object) are refused. {@link #bind} turns a refusal into a 422 whose {@code
 * errors} say where ({@code loc} starts with {@code "body"}).
 */
public final class Json {
    private static final ObjectMapper MAPPER = build();

    private Json() {}

    private static ObjectMapper build() {
        JsonMapper mapper = JsonMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                // decimals arrive exactly as the client wrote them (a double would round 0.1 and long amounts)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
                .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
                .build();
        mapper.coercionConfigDefaults()
                .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail)
                .setAcceptBlankAsEmpty(false);
        for (LogicalType type : new LogicalType[] {
            LogicalType.Textual, LogicalType.Boolean, LogicalType.Integer, LogicalType.Float, LogicalType.Enum
        }) {
            mapper.coercionConfigFor(type)
                    .setCoercion(
                            CoercionInputShape.Integer,
                            type == LogicalType.Integer || type == LogicalType.Float
                                    ? CoercionAction.TryConvert
                                    : CoercionAction.Fail)
                    .setCoercion(
                            CoercionInputShape.Float,
                            type == LogicalType.Float ? CoercionAction.TryConvert : CoercionAction.Fail)
                    .setCoercion(
                            CoercionInputShape.Boolean,
                            type == LogicalType.Boolean ? CoercionAction.TryConvert : CoercionAction.Fail);
            if (type != LogicalType.Textual && type != LogicalType.Enum) {
                mapper.coercionConfigFor(type).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
            }
        }
        return mapper;
    }

    /** The strict mapper; use it to write responses and to read trees. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** Parses a whole body; malformed JSON is a 400 that never echoes the parser's message. */
    public static JsonNode parse(byte[] body) {
        try {
            return MAPPER.readTree(body);
        } catch (IOException e) {
            throw ApiException.badRequest("Malformed JSON body");
        }
    }

    /**
     * Binds a JSON tree to a declared shape (usually a record), strictly.
     *
     * @throws ApiException 422 listing the offending location, for unknown fields, wrong types or nulls
     *     in primitives
     */
    public static <T> T bind(JsonNode node, Class<T> type) {
        try {
            return MAPPER.treeToValue(node, type);
        } catch (JsonProcessingException e) {
            throw validation(e);
        } catch (IllegalArgumentException e) {
            throw ApiException.validation(List.of(ErrorDetail.of("Invalid value", "value_error", "body")));
        }
    }

    private static ApiException validation(JsonProcessingException e) {
        List<Object> loc = new ArrayList<>();
        loc.add("body");
        String type = "type_error";
        String msg = "Input has the wrong type";
        if (e instanceof JsonMappingException mapping) {
            for (JsonMappingException.Reference ref : mapping.getPath()) {
                loc.add(ref.getFieldName() != null ? ref.getFieldName() : (Object) ref.getIndex());
            }
        }
        if (e instanceof UnrecognizedPropertyException) {
            type = "extra_forbidden";
            msg = "Extra inputs are not permitted";
        } else if (e instanceof InvalidNullException) {
            type = "missing";
            msg = "Field required";
        }
        return ApiException.validation(List.of(new ErrorDetail(loc, msg, type)));
    }

    /** Serialises a response body (records, maps, lists, nodes) with the strict mapper. */
    public static byte[] write(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("response body cannot be serialised", e);
        }
    }
}
