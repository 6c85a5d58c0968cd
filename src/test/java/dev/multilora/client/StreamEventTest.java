package dev.multilora.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class StreamEventTest {

    @Test
    void aContentEventGivesTheFirstChoicesText() throws IOException {
        StreamEvent event = StreamEvent.parse("{\"id\":\"c\",\"object\":\"text_completion\",\"created\":1,\"model\":\"m\","
                + "\"choices\":[{\"index\":0,\"text\":\" héllo \\\"q\\\"\",\"logprobs\":null,\"finish_reason\":null,"
                + "\"stop_reason\":{\"nested\":[1,2]}},{\"index\":1,\"text\":\"other\"}],\"usage\":null}");

        assertTrue(event.content());
        assertEquals(" héllo \"q\"", event.text());
        assertNull(event.completionTokens());
        assertNull(event.error());
    }

    @Test
    void theUsageEventCarriesTokensAndTheStandInsAdapterLoad() throws IOException {
        StreamEvent event = StreamEvent.parse("{\"choices\":[],\"usage\":{\"prompt_tokens\":4,\"completion_tokens\":5,"
                + "\"total_tokens\":9,\"sim_timing\":{\"queue_ms\":1.5,\"lora_load_ms\":40,\"lora_source\":\"disk\"}}}");

        assertFalse(event.content(), "an empty choices list is not content");
        assertEquals(5, event.completionTokens());
        assertEquals(4, event.promptTokens());
        assertEquals(0.04, event.adapterLoadSeconds(), 1e-12);
    }

    @Test
    void bothErrorShapesAreErrors() throws IOException {
        assertEquals("boom", StreamEvent.parse("{\"error\":{\"message\":\"boom\",\"type\":\"x\",\"code\":500}}").error());
        assertEquals("old boom", StreamEvent.parse("{\"object\":\"error\",\"message\":\"old boom\",\"code\":400}").error());
        assertEquals("Unauthorized", StreamEvent.parse("{\"error\":\"Unauthorized\"}").error());
        assertNull(StreamEvent.parse("{\"object\":\"text_completion\",\"message\":\"not an error\",\"choices\":[]}").error());
    }

    @Test
    void anythingButOneJsonObjectIsRejected() {
        assertThrows(IOException.class, () -> StreamEvent.parse("[1]"));
        assertThrows(IOException.class, () -> StreamEvent.parse("{\"choices\":[]} {}"));
        assertThrows(IOException.class, () -> StreamEvent.parse("{\"choices\":["));
        assertThrows(IOException.class, () -> StreamEvent.parse("null"));
    }
}
