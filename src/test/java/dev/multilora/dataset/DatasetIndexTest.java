package dev.multilora.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.multilora.testing.JsonlFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetIndexTest {
    private static final String ALPHA = "{\"prompt\": \"first\", \"adapter_name\": \"alpha\"}";
    private static final String BETA = "{\"prompt\": \"second\", \"adapter_name\": \"beta\"}";

    private JsonlFiles files;

    @BeforeEach
    void openFiles(@TempDir Path folder) {
        files = new JsonlFiles(folder);
    }

    @AfterEach
    void closeFiles() throws IOException {
        files.close();
    }

    private static byte[] bytes(Object... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object part : parts) {
            byte[] piece = part instanceof byte[] raw ? raw : part.toString().getBytes(StandardCharsets.UTF_8);
            out.writeBytes(piece);
        }
        return out.toByteArray();
    }

    private static List<Integer> validLineNumbers(DatasetIndex index) {
        return IntStream.range(0, index.validLines()).map(index::lineNumber).boxed().toList();
    }

    private static List<String> prompts(DatasetIndex index) {
        return IntStream.range(0, index.validLines()).mapToObj(index::prompt).toList();
    }

    @Test
    void anInvalidUtf8LineIsOneInvalidLineAndTheOthersStayValid() {
        byte[] cafe = {'{', '"', 'p', 'r', 'o', 'm', 'p', 't', '"', ':', '"', 'c', 'a', 'f', (byte) 0xE9, '"', '}'};
        DatasetIndex index = files.index(bytes(ALPHA, "\n", cafe, "\n", BETA, "\n"), true);

        assertEquals(List.of(new InvalidLine(2, "not valid UTF-8 (byte 15 of the line)")), index.invalidLines());
        assertEquals(List.of(1, 3), validLineNumbers(index));
        assertEquals(List.of("first", "second"), prompts(index));
    }

    @Test
    void aBinaryGarbageLineIsOneInvalidLine() {
        byte[] garbage = new byte[300];
        for (int i = 0; i < garbage.length; i++) {
            garbage[i] = (byte) (i * 37 + 11);
        }
        garbage[0] = (byte) 0xFF;
        for (int i = 0; i < garbage.length; i++) {
            if (garbage[i] == '\n') {
                garbage[i] = 0;
            }
        }
        DatasetIndex index = files.index(bytes(ALPHA, "\n", garbage, "\n", new byte[] {0, 0, 1, 2}, "\n", BETA), true);

        assertEquals(2, index.invalidLines().size());
        assertEquals(new InvalidLine(2, "not valid UTF-8 (byte 1 of the line)"), index.invalidLines().get(0));
        assertEquals(3, index.invalidLines().get(1).lineNumber());
        assertTrue(index.invalidLines().get(1).reason().startsWith("not valid JSON"), index.invalidLines().get(1).reason());
        assertEquals(List.of(1, 4), validLineNumbers(index));
    }

    @Test
    void aNullLineAndASingleQuotedLineAreInvalid() {
        DatasetIndex index = files.index(List.of(ALPHA, "null", "'" + BETA + "'", BETA), true);

        assertEquals(List.of(1, 4), validLineNumbers(index));
        assertEquals(new InvalidLine(2, "expected a JSON object, found null"), index.invalidLines().get(0));
        assertEquals(3, index.invalidLines().get(1).lineNumber());
        assertTrue(index.invalidLines().get(1).reason().startsWith("not valid JSON"), index.invalidLines().get(1).reason());
    }

    @Test
    void aLeadingByteOrderMarkCrlfEndingsBlankLinesAndNoFinalNewlineAreAllFine() {
        DatasetIndex index = files.index(bytes("\uFEFF", ALPHA, "\r\n", "\r\n", "   \n", "\n", BETA, "\r\n",
                "{\"prompt\": \"last\"}"), false);

        assertEquals(List.of(1, 5, 6), validLineNumbers(index));
        assertEquals(List.of("first", "second", "last"), prompts(index));
        assertEquals(List.of("alpha", "beta"), List.of(index.adapterName(0), index.adapterName(1)));
        assertNull(index.adapterName(2));
        assertEquals(3, index.nonBlankLines());
    }

    @Test
    void anEmptyFileHasNoLine() {
        DatasetIndex index = files.index(new byte[0], true);

        assertEquals(0, index.nonBlankLines());
    }

    @Test
    void promptsReadBackAsTheLineHeldThem() {
        String unicode = "日本語のプロンプト, with comma\nand newline 🎉 and \"quotes\" \\ back\tslash \uFFFD";
        String big = "x".repeat(5 * 1024 * 1024 - 7) + "é末";
        DatasetIndex index = files.index(List.of(
                "{\"prompt\": \"日本語のプロンプト, with comma\\nand newline 🎉 and \\\"quotes\\\" \\\\ back\\tslash \uFFFD\","
                        + " \"adapter_name\": \"alpha\"}",
                "{\"prompt\": \"" + big + "\", \"adapter_name\": \"beta\", \"max_tokens\": 7}",
                ALPHA), true);

        assertEquals(List.of(unicode, big, "first"), prompts(index));
        assertEquals(7, index.maxTokens(1));
        assertNull(index.maxTokens(0));
    }

    @Test
    void linesAcrossReadBuffersKeepTheirBytes() {
        List<String> lines = IntStream.rangeClosed(1, 5000)
                .mapToObj(i -> "{\"prompt\": \"prompt number " + i + " " + "é".repeat(i % 50) + "\", \"adapter_name\": \"a" + i % 4 + "\"}")
                .toList();
        DatasetIndex index = files.index(lines, true);

        assertEquals(5000, index.validLines());
        for (int i = 0; i < 5000; i++) {
            assertEquals("prompt number " + (i + 1) + " " + "é".repeat((i + 1) % 50), index.prompt(i));
            assertEquals("a" + (i + 1) % 4, index.adapterName(i));
        }
    }

    @Test
    void aLineLongerThanTheLimitIsInvalidWithoutBeingHeld() {
        byte[] blob = new byte[DatasetIndexer.MAX_LINE_BYTES + 1];
        java.util.Arrays.fill(blob, (byte) 'z');
        DatasetIndex index = files.index(bytes(ALPHA, "\n", blob, "\n", BETA), true);

        assertEquals(List.of(new InvalidLine(2, "longer than 16 MiB")), index.invalidLines());
        assertEquals(List.of("first", "second"), prompts(index));
    }

    @Test
    void promptsMayBeReadFromManyThreadsAtOnce() throws Exception {
        List<String> lines = IntStream.range(0, 2000).mapToObj(i -> "{\"prompt\": \"p" + i + "\", \"adapter_name\": \"a\"}").toList();
        DatasetIndex index = files.index(lines, true);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> checks = IntStream.range(0, 8).mapToObj(t -> pool.submit(() ->
                    IntStream.range(0, 2000).allMatch(i -> index.prompt((i * 7 + t) % 2000).equals("p" + (i * 7 + t) % 2000)))).toList();
            for (Future<Boolean> check : checks) {
                assertTrue(check.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aLineThatChangedSinceIndexingIsNamedWhenRead() throws IOException {
        Path file = files.write(bytes(ALPHA, "\n", BETA, "\n"));
        DatasetIndex index = files.index(file, true);
        Files.write(file, bytes(ALPHA, "\n", "{\"prompt\": \"replaced\"}  \n"));

        UnreadableLineException e = assertThrows(UnreadableLineException.class, () -> index.prompt(1));
        assertTrue(e.getMessage().startsWith("line 2 changed since the dataset was read: "), e.getMessage());
        assertEquals("first", index.prompt(0));
    }
}
