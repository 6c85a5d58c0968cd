package dev.multilora.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** The default dialect's fixes: repeated flags as argparse reads them, unknown flags reported at /sim/info. */
class VllmDialectTest {

    @Test
    void simInfoListsUnrecognizedArgumentsAndTheLastOfARepeatedFlagWins() throws Exception {
        try (InProcessSim sim = InProcessSim.start("serve", "base", "--max-model-len", "100", "--dtype", "half",
                "--max-model-len", "64", "--trust-remote-code")) {
            JsonNode info = SimClient.JSON.readTree(sim.get("/sim/info").body());
            assertEquals("vllm", info.path("dialect").asText());
            assertEquals("[\"--dtype\",\"half\",\"--trust-remote-code\"]", info.path("unrecognized_arguments").toString());
            assertEquals("0.13.0+sim", info.path("version").asText());
            JsonNode models = SimClient.JSON.readTree(sim.get("/v1/models").body());
            assertEquals(64, models.path("data").get(0).path("max_model_len").asInt());
        }
    }
}
