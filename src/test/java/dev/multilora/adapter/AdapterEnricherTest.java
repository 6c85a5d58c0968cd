package dev.multilora.adapter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.multilora.run.PlannedRequest;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class AdapterEnricherTest {
    private static final String BASE = "HuggingFaceTB/SmolLM2-135M-Instruct";
    private static final AdapterCatalog CATALOG = new AdapterCatalog(
            List.of(new Adapter("alpha", Path.of("/a/alpha"), 8), new Adapter("beta", Path.of("/a/beta"), 16)),
            List.of(new ExcludedAdapter("too_big", "rank 64 is greater than lora.max_lora_rank 16")));

    private final AdapterEnricher enricher = new AdapterEnricher();

    private static PlannedRequest request(String adapter) {
        return new PlannedRequest(5, 9, "prompt", adapter, null, null, null);
    }

    @Test
    void baseModelNamePasses() {
        PlannedRequest request = request(BASE);
        assertSame(request, enricher.enrich(request, CATALOG, BASE));
    }

    @Test
    void catalogAdapterPasses() {
        PlannedRequest request = request("beta");
        assertSame(request, enricher.enrich(request, CATALOG, BASE));
    }

    @Test
    void unknownAdapterIsRejectedNamingTheAvailableOnes() {
        PlannedRequest enriched = enricher.enrich(request("x"), CATALOG, BASE);
        assertFalse(enriched.isSendable());
        assertEquals(new PlannedRequest(5, 9, "prompt", "x", "unknown adapter 'x' (available: alpha, beta)", null, null), enriched);
    }

    @Test
    void excludedAdapterIsUnknownToo() {
        assertEquals("unknown adapter 'too_big' (available: alpha, beta)",
                enricher.enrich(request("too_big"), CATALOG, BASE).problem());
    }

    @Test
    void alreadyRejectedRequestPassesThroughUnchanged() {
        PlannedRequest invalidLine = new PlannedRequest(null, 4, null, null, "not valid JSON: oops", null, null);
        assertSame(invalidLine, enricher.enrich(invalidLine, CATALOG, BASE));
        PlannedRequest rejected = new PlannedRequest(2, 3, "p", "x", "earlier problem", null, null);
        assertSame(rejected, enricher.enrich(rejected, CATALOG, BASE));
    }
}
