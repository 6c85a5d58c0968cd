package dev.multilora.adapter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdapterScannerTest {
    private static final Path FIXTURES = Path.of("src/test/resources/adapters").toAbsolutePath().normalize();

    private final AdapterScanner scanner = new AdapterScanner();

    private static Map<String, String> reasons(AdapterCatalog catalog) {
        return catalog.excluded().stream().collect(Collectors.toMap(ExcludedAdapter::name, ExcludedAdapter::reason));
    }

    private static void assertMentions(String text, String... parts) {
        for (String part : parts) {
            assertTrue(text.contains(part), () -> "expected '" + part + "' in: " + text);
        }
    }

    @Test
    void servableAdaptersAreListedByNameWithAbsolutePathAndRank() {
        AdapterCatalog catalog = scanner.scan(FIXTURES, 16);
        assertEquals(List.of(
                new Adapter("alpha", FIXTURES.resolve("alpha"), 8),
                new Adapter("beta", FIXTURES.resolve("beta"), 16),
                new Adapter("gamma", FIXTURES.resolve("gamma"), 8)), catalog.adapters());
        catalog.adapters().forEach(a -> assertTrue(a.path().isAbsolute()));
    }

    @Test
    void adaptersThatCannotBeServedAreExcludedWithAReason() {
        Map<String, String> reasons = reasons(scanner.scan(FIXTURES, 16));
        assertEquals(java.util.Set.of("too_big", "no_weights"), reasons.keySet(), "stray_file.txt is no adapter at all");
        assertMentions(reasons.get("too_big"), "64", "16");
        assertMentions(reasons.get("no_weights"), "weights");
    }

    @Test
    void lowerMaxRankExcludesBetaToo() {
        AdapterCatalog catalog = scanner.scan(FIXTURES, 8);
        assertEquals(List.of("alpha", "gamma"), catalog.adapters().stream().map(Adapter::name).toList());
        assertMentions(reasons(catalog).get("beta"), "16", "8");
    }

    @Test
    void relativeDirectoryStillGivesAbsolutePaths() {
        AdapterCatalog catalog = scanner.scan(Path.of("src/test/resources/adapters"), 16);
        assertEquals(FIXTURES.resolve("alpha"), catalog.find("alpha").orElseThrow().path());
    }

    @Test
    void missingDirectoryIsNamed(@TempDir Path dir) {
        Path missing = dir.resolve("no-such-dir");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> scanner.scan(missing, 16));
        assertMentions(e.getMessage(), missing.toString());
    }

    @Test
    void configWithoutRankOrInvalidJsonIsExcluded(@TempDir Path dir) throws IOException {
        adapter(dir, "no_rank", "{\"peft_type\": \"LORA\"}");
        adapter(dir, "broken_json", "{\"r\": 8,");
        adapter(dir, "fractional_rank", "{\"r\": 8.5}");
        adapter(dir, "fine", "{\"r\": 8}");
        AdapterCatalog catalog = scanner.scan(dir, 16);
        assertEquals(List.of(new Adapter("fine", dir.resolve("fine").toAbsolutePath().normalize(), 8)), catalog.adapters());
        Map<String, String> reasons = reasons(catalog);
        assertMentions(reasons.get("no_rank"), "\"r\"");
        assertMentions(reasons.get("fractional_rank"), "\"r\"");
        assertMentions(reasons.get("broken_json"), "not valid JSON");
    }

    @Test
    void folderWithoutConfigIsExcluded(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("weights_only"));
        Files.write(dir.resolve("weights_only/adapter_model.bin"), new byte[] {1});
        assertMentions(reasons(scanner.scan(dir, 16)).get("weights_only"), "adapter_config.json");
    }

    @Test
    void binWeightsAreAcceptedLikeSafetensors(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("old_style"));
        Files.writeString(dir.resolve("old_style/adapter_config.json"), "{\"r\": 16}");
        Files.write(dir.resolve("old_style/adapter_model.bin"), new byte[] {1});
        assertEquals(List.of("old_style"), scanner.scan(dir, 16).adapters().stream().map(Adapter::name).toList());
    }

    @Test
    void hiddenFoldersAreNeitherAdaptersNorExcluded(@TempDir Path dir) throws IOException {
        adapter(dir, ".cache", "{\"r\": 8}");
        AdapterCatalog catalog = scanner.scan(dir, 16);
        assertEquals(List.of(), catalog.adapters());
        assertEquals(List.of(), catalog.excluded());
    }

    @Test
    void findMatchesByExactNameOnly() {
        AdapterCatalog catalog = scanner.scan(FIXTURES, 16);
        assertEquals(Optional.of(new Adapter("beta", FIXTURES.resolve("beta"), 16)), catalog.find("beta"));
        assertEquals(Optional.empty(), catalog.find("too_big"));
        assertEquals(Optional.empty(), catalog.find("Beta"));
        assertEquals(Optional.empty(), catalog.find(FIXTURES.resolve("beta").toString()));
    }

    @Test
    void availableNamesListsAdaptersOrSaysNone() {
        assertEquals("alpha, beta, gamma", scanner.scan(FIXTURES, 16).availableNames());
        assertEquals("none", AdapterCatalog.empty().availableNames());
    }

    private static void adapter(Path dir, String name, String config) throws IOException {
        Path folder = Files.createDirectories(dir.resolve(name));
        Files.writeString(folder.resolve("adapter_config.json"), config);
        Files.write(folder.resolve("adapter_model.safetensors"), new byte[] {0});
    }
}
