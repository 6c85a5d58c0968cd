package dev.multilora.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/** How a setting's raw value (from YAML, the environment, -D or the command line) becomes a typed value. */
enum ValueType {
    STRING, INT, LONG, DOUBLE, BOOLEAN, PATH, LIST, MAP;

    Object parse(Object raw) {
        return switch (this) {
            case STRING, PATH -> parseString(raw);
            case INT -> (int) parseWhole(raw, Integer.MIN_VALUE, Integer.MAX_VALUE);
            case LONG -> parseWhole(raw, Long.MIN_VALUE, Long.MAX_VALUE);
            case DOUBLE -> parseDouble(raw);
            case BOOLEAN -> parseBoolean(raw);
            case LIST -> parseList(raw);
            case MAP -> parseMap(raw);
        };
    }

    String describe() {
        return switch (this) {
            case STRING -> "a string";
            case PATH -> "a path";
            case INT, LONG -> "a whole number";
            case DOUBLE -> "a number";
            case BOOLEAN -> "true or false";
            case LIST -> "a list of strings, e.g. [a, b]";
            case MAP -> "a mapping of names to strings, e.g. {A: x}";
        };
    }

    /** Values given as text (environment, -D, command line) are read as YAML flow collections. */
    private List<String> parseList(Object raw) {
        Object value = raw instanceof String s ? readYaml(s) : raw;
        if (!(value instanceof List<?> list)) {
            throw new IllegalArgumentException("expected " + describe());
        }
        List<String> strings = new ArrayList<>();
        for (Object element : list) {
            if (element == null || element instanceof Map || element instanceof List) {
                throw new IllegalArgumentException("expected " + describe());
            }
            strings.add(element.toString());
        }
        return List.copyOf(strings);
    }

    private Map<String, String> parseMap(Object raw) {
        Object value = raw instanceof String s ? readYaml(s) : raw;
        if (!(value instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException("expected " + describe());
        }
        Map<String, String> strings = new LinkedHashMap<>();
        map.forEach((k, v) -> {
            if (v == null || v instanceof Map || v instanceof List) {
                throw new IllegalArgumentException("expected " + describe());
            }
            strings.put(k.toString(), v.toString());
        });
        return Collections.unmodifiableMap(strings);
    }

    private static Object readYaml(String text) {
        try {
            return new Load(LoadSettings.builder().build()).loadFromString(text);
        } catch (YamlEngineException e) {
            throw new IllegalArgumentException("not valid YAML: " + e.getMessage());
        }
    }

    private String parseString(Object raw) {
        if (raw instanceof String s) {
            return s;
        }
        if (raw instanceof Number || raw instanceof Boolean) {
            return raw.toString();
        }
        throw new IllegalArgumentException("expected " + describe());
    }

    private long parseWhole(Object raw, long min, long max) {
        long value;
        if (raw instanceof Integer || raw instanceof Long || raw instanceof java.math.BigInteger) {
            value = wholeNumberWithin((Number) raw);
        } else if (raw instanceof String s) {
            try {
                value = Long.parseLong(s.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("expected " + describe());
            }
        } else {
            throw new IllegalArgumentException("expected " + describe());
        }
        if (value < min || value > max) {
            throw new IllegalArgumentException("out of range for " + describe());
        }
        return value;
    }

    private static long wholeNumberWithin(Number n) {
        if (n instanceof java.math.BigInteger big && big.bitLength() > 63) {
            throw new IllegalArgumentException("number too large");
        }
        return n.longValue();
    }

    private double parseDouble(Object raw) {
        double value;
        if (raw instanceof Number n) {
            value = n.doubleValue();
        } else if (raw instanceof String s) {
            try {
                value = Double.parseDouble(s.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("expected " + describe());
            }
        } else {
            throw new IllegalArgumentException("expected " + describe());
        }
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("expected a finite number");
        }
        return value;
    }

    private boolean parseBoolean(Object raw) {
        if (raw instanceof Boolean b) {
            return b;
        }
        if (raw instanceof String s) {
            String lower = s.trim().toLowerCase(Locale.ROOT);
            if (lower.equals("true") || lower.equals("false")) {
                return Boolean.parseBoolean(lower);
            }
        }
        throw new IllegalArgumentException("expected " + describe());
    }
}
