package dev.multilora.adapter;

import dev.multilora.config.Setting;
import dev.multilora.run.BenchmarkRun;
import dev.multilora.run.PlannedRequest;

/**
 * Checks each planned request's adapter against the catalog before anything is sent. The base
 * model's own name means "no LoRA"; any other name must be a catalog adapter, or the request fails
 * without reaching the server.
 */
public final class AdapterEnricher {

    public PlannedRequest enrich(PlannedRequest request, BenchmarkRun run) {
        return enrich(request, run.catalog(), run.config().string(Setting.MODEL_NAME));
    }

    public PlannedRequest enrich(PlannedRequest request, AdapterCatalog catalog, String baseModel) {
        if (!request.isSendable() || request.adapterName().equals(baseModel) || catalog.find(request.adapterName()).isPresent()) {
            return request;
        }
        return request.rejected("unknown adapter '" + request.adapterName() + "' (available: " + catalog.availableNames() + ")");
    }
}
