package io.flowtrack.metrics.config;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A configuration's JSON as plain values, and the strict checks every host's configuration reading shares: an object
 * is a {@code Map<String, Object>} (a JSON null is a null value, an absent field no key), an array a {@code List},
 * a string a {@code String}, a whole number a {@code Long} or {@code BigInteger}, any other number a
 * {@code BigDecimal}, true and false a {@code Boolean}. Duplicate keys are refused. Every refusal is an
 * {@link IllegalArgumentException} whose message starts with the field it names, e.g. {@code stages[1].category: …}.
 */
public final class ConfigJson {
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    private ConfigJson() {
    }

    /**
     * The body as a JSON object.
     *
     * @throws IllegalArgumentException when it is not JSON, not one object, or repeats a key
     */
    public static Map<String, Object> parseObject(String body) {
        try (JsonParser p = FACTORY.createParser(body == null ? "" : body)) {
            JsonToken first = p.nextToken();
            if (first != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("the body must be a JSON object");
            }
            Object value = value(p, first);
            if (p.nextToken() != null) {
                throw new IllegalArgumentException("the body must be one JSON object");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> object = (Map<String, Object>) value;
            return object;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the body is not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Object value(JsonParser p, JsonToken token) throws IOException {
        switch (token) {
            case START_OBJECT: {
                Map<String, Object> object = new LinkedHashMap<>();
                for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
                    String name = p.currentName();
                    object.put(name, value(p, p.nextToken()));
                }
                return object;
            }
            case START_ARRAY: {
                List<Object> array = new ArrayList<>();
                for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
                    array.add(value(p, t));
                }
                return array;
            }
            case VALUE_STRING:
                return p.getText();
            case VALUE_NUMBER_INT:
                return p.getNumberType() == JsonParser.NumberType.BIG_INTEGER ? p.getBigIntegerValue()
                        : Long.valueOf(p.getLongValue());
            case VALUE_NUMBER_FLOAT:
                return p.getDecimalValue();
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            case VALUE_NULL:
                return null;
            default:
                throw new IllegalArgumentException("the body is not JSON: unexpected " + token);
        }
    }

    /** The JSON text of plain values (maps, lists, strings, numbers, booleans, null), keys in the maps' order. */
    public static String write(Object value) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            write(g, value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static void write(JsonGenerator g, Object value) throws IOException {
        if (value == null) {
            g.writeNull();
        } else if (value instanceof Map<?, ?> map) {
            g.writeStartObject();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                g.writeFieldName(String.valueOf(e.getKey()));
                write(g, e.getValue());
            }
            g.writeEndObject();
        } else if (value instanceof List<?> list) {
            g.writeStartArray();
            for (Object v : list) {
                write(g, v);
            }
            g.writeEndArray();
        } else if (value instanceof String s) {
            g.writeString(s);
        } else if (value instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (value instanceof Integer || value instanceof Long) {
            g.writeNumber(((Number) value).longValue());
        } else if (value instanceof BigInteger n) {
            g.writeNumber(n);
        } else if (value instanceof BigDecimal n) {
            g.writeNumber(n);
        } else {
            throw new IllegalArgumentException("not a JSON value: " + value.getClass().getName());
        }
    }

    /**
     * Refuses any key of {@code object} not in {@code known}.
     *
     * @param prefix the object's place, e.g. {@code "calendar."}, or empty for the top level
     */
    public static void onlyKnown(Map<String, Object> object, Set<String> known, String prefix) {
        for (String name : object.keySet()) {
            if (!known.contains(name)) {
                throw new IllegalArgumentException(prefix + name + ": unknown field; known: "
                        + String.join(", ", known.stream().sorted().toList()));
            }
        }
    }

    /** The field as a string, null when absent or null; anything else is refused naming {@code where}. */
    public static String optionalText(Map<String, Object> object, String field, String where) {
        Object value = object.get(field);
        if (value == null) {
            return null;
        }
        if (!(value instanceof String text)) {
            throw new IllegalArgumentException(where + ": a string is required");
        }
        return text;
    }

    /** The field as true or false, {@code absent} when absent or null; anything else is refused naming it. */
    public static boolean optionalBoolean(Map<String, Object> object, String field, boolean absent) {
        Object value = object.get(field);
        if (value == null) {
            return absent;
        }
        if (!(value instanceof Boolean b)) {
            throw new IllegalArgumentException(field + ": true or false");
        }
        return b;
    }

    /**
     * The value as an object whose keys are all {@code known}, null for a null value; anything else is refused with
     * {@code where: expected}.
     */
    public static Map<String, Object> optionalObject(Object value, String where, String expected, Set<String> known) {
        if (value == null) {
            return null;
        }
        if (!(value instanceof Map<?, ?>)) {
            throw new IllegalArgumentException(where + ": " + expected);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> object = (Map<String, Object>) value;
        onlyKnown(object, known, where + ".");
        return object;
    }

    /** A whole number that fits an int, or null when {@code value} is not one. */
    public static Integer wholeNumber(Object value) {
        if (value instanceof Long n && n >= Integer.MIN_VALUE && n <= Integer.MAX_VALUE) {
            return n.intValue();
        }
        return null;
    }
}
