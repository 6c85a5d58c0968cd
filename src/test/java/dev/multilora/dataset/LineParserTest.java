package dev.multilora.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class LineParserTest {
    private final LineParser parser = new LineParser();

    @Test
    void aLoneSurrogateIsNotText() {
        DatasetLine line = parser.parse("{\"prompt\": \"a\\ud800b\", \"adapter_name\": \"alpha\"}", 7, true);
        assertEquals(DatasetLine.invalid(7, "\"prompt\" holds a lone surrogate \\uD800 at character 2: not text any server can encode"), line);
        assertEquals("a\uD83D\uDE00", parser.parse("{\"prompt\": \"a\\ud83d\\ude00\", \"adapter_name\": \"alpha\"}", 8, true).prompt());
    }

    @Test
    void validLineWithAdapter() {
        assertEquals(DatasetLine.valid(3, "Explain LoRA", "alpha", null),
                parser.parse("{\"prompt\": \"Explain LoRA\", \"adapter_name\": \"alpha\"}", 3, true));
    }

    @Test
    void validLineWithoutAdapterWhenNotRequired() {
        assertEquals(DatasetLine.valid(1, "Explain LoRA", null, null), parser.parse("{\"prompt\": \"Explain LoRA\"}", 1, false));
    }

    @Test
    void nullAdapterNameCountsAsAbsent() {
        assertEquals(DatasetLine.valid(1, "p", null, null), parser.parse("{\"prompt\":\"p\",\"adapter_name\":null}", 1, false));
    }

    @Test
    void leadingByteOrderMarkIsIgnored() {
        assertEquals(DatasetLine.valid(1, "p", "a", null), parser.parse("\uFEFF{\"prompt\":\"p\",\"adapter_name\":\"a\"}", 1, true));
    }

    @Test
    void trailingCarriageReturnOfCrlfFileIsIgnored() {
        assertEquals(DatasetLine.valid(2, "p", "a", null), parser.parse("{\"prompt\":\"p\",\"adapter_name\":\"a\"}\r", 2, true));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "\t", "\r", "\uFEFF", "\uFEFF  \r"})
    void whitespaceOnlyLinesAreBlank(String raw) {
        assertTrue(parser.isBlank(raw));
    }

    @Test
    void lineWithContentIsNotBlank() {
        assertFalse(parser.isBlank(" {} "));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "{\"prompt\": \"a\"                      | not valid JSON",
            "{\"prompt\":\"a\",\"adapter_name\":\"x\"} x | not valid JSON",
            "{\"prompt\":\"a\",\"adapter_name\":\"x\"} {} | not valid JSON",
            "[\"prompt\", \"a\"]                     | expected a JSON object, found an array",
            "\"just a string\"                       | expected a JSON object, found a string",
            "{\"adapter_name\": \"alpha\"}           | missing \"prompt\"",
            "{\"prompt\": null, \"adapter_name\": \"alpha\"} | missing \"prompt\"",
            "{\"prompt\": \"\", \"adapter_name\": \"alpha\"}  | \"prompt\" is empty",
            "{\"prompt\": \"  \", \"adapter_name\": \"alpha\"} | \"prompt\" is empty",
            "{\"prompt\": 42, \"adapter_name\": \"alpha\"}   | \"prompt\" must be a string, found a number",
            "{\"prompt\": \"a\", \"adapter_name\": 7}        | \"adapter_name\" must be a string, found a number",
            "{\"prompt\": \"a\", \"adapter_name\": \"\"}     | \"adapter_name\" is empty",
            "{\"prompt\": \"a\"}                             | benchmark.random_adapter_assignment",
            "null                                    | expected a JSON object, found null",
            "'{\"prompt\": \"a\", \"adapter_name\": \"alpha\"}' | not valid JSON",
    })
    void invalidLineCarriesLineNumberAndReason(String raw, String expectedInReason) {
        DatasetLine line = parser.parse(raw, 17, true);
        assertFalse(line.isValid());
        assertEquals(17, line.lineNumber());
        assertNull(line.prompt());
        assertTrue(line.invalidReason().contains(expectedInReason), line.invalidReason());
    }

    @Test
    void aLiteralReplacementCharacterIsText() {
        // bad bytes never reach the parser (the index refuses them), so U+FFFD here is the user's own
        assertEquals(DatasetLine.valid(1, "a\uFFFDb", "alpha", null),
                parser.parse("{\"prompt\": \"a\uFFFDb\", \"adapter_name\": \"alpha\"}", 1, true));
    }

    @Test
    void unicodeAndEscapedNewlinesArePreservedInThePrompt() {
        DatasetLine line = parser.parse("{\"prompt\": \"日本語 😀\\nsecond line\\r\\n\\ttab \\u00e9\", \"adapter_name\": \"alpha\"}", 1, true);
        assertEquals("日本語 😀\nsecond line\r\n\ttab é", line.prompt());
    }
}
