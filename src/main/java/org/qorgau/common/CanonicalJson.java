package org.qorgau.common;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The canonical encoding that audit hashes are computed over: JSON with object keys sorted, no insignificant
 * whitespace, and numbers as plain decimals. A value that went through PostgreSQL {@code jsonb} and back encodes to
 * the same bytes, which is what lets anyone recompute the chain from the table alone.
 */
public final class CanonicalJson {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true)
            .configure(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS, true)
            .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
            .build();

    private CanonicalJson() {}

    /** Encodes any value canonically. */
    public static String encode(Object value) {
        try {
            JsonNode tree = value instanceof String s ? MAPPER.readTree(s) : MAPPER.valueToTree(value);
            return MAPPER.writeValueAsString(sort(tree));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not encodable as JSON", e);
        }
    }

    public static JsonNode parse(String json) {
        try {
            return json == null ? MAPPER.nullNode() : MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON", e);
        }
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    private static JsonNode sort(JsonNode node) {
        if (node.isObject()) {
            var sorted = MAPPER.createObjectNode();
            var names = new java.util.TreeSet<String>();
            node.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                sorted.set(name, sort(node.get(name)));
            }
            return sorted;
        }
        if (node.isArray()) {
            var array = MAPPER.createArrayNode();
            node.forEach(child -> array.add(sort(child)));
            return array;
        }
        if (node.isNumber() && !node.isIntegralNumber()) {
            BigDecimal value = node.decimalValue().stripTrailingZeros();
            return value.scale() <= 0
                    ? JsonNodeFactory.instance.numberNode(value.toBigIntegerExact())
                    : JsonNodeFactory.instance.numberNode(new BigDecimal(value.toPlainString()));
        }
        return node;
    }

    public static String sha256Hex(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
