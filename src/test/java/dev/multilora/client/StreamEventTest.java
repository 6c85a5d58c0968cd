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
        StreamEvent event = parse("{\"id\":\"c\",\"object\":\"text_completion\",\"created\":1,\"model\":\"m\","
                + "\"choices\":[{\"index\":0,\"text\":\" héllo \\\"q\\\"\",\"logprobs\":null,\"finish_reason\":null,"
                + "\"stop_reason\":{\"nested\":[1,2]}},{\"index\":1,\"text\":\"other\"}],\"usage\":null}");

        assertTrue(event.content());
        assertEquals(" héllo \"q\"", event.text());
        assertNull(event.completionTokens());
        assertNull(event.error());
    }

    @Test
    void theUsageEventCarriesTokensAndTheStandInsGroundTruth() throws IOException {
        StreamEvent event = parse("{\"choices\":[],\"usage\":{\"prompt_tokens\":4,\"completion_tokens\":5,"
                + "\"total_tokens\":9,\"sim_timing\":{\"queue_ms\":1.5,\"lora_load_ms\":40,\"lora_source\":\"disk\","
                + "\"lora_name\":\"sql\"}}}");
        StreamEvent base = parse("{\"choices\":[],\"usage\":{\"completion_tokens\":5,\"sim_timing\":{\"lora_name\":null}}}");

        assertFalse(event.content(), "an empty choices list is not content");
        assertEquals(5, event.completionTokens());
        assertEquals(4, event.promptTokens());
        assertEquals(0.04, event.truth().adapterLoadSeconds(), 1e-12);
        assertEquals(null, event.truth().mismatch("sql", "base"));
        assertEquals("the server ran adapter sql, not the base model as asked: the engine did not select the adapter the request named",
                event.truth().mismatch("base", "base"));
        assertEquals("the server ran the base model, not adapter sql as asked: the engine did not select the adapter the request named",
                base.truth().mismatch("sql", "base"));
        assertEquals(null, parse("{\"choices\":[],\"usage\":{\"completion_tokens\":5}}").truth().mismatch("sql", "base"),
                "a real engine does not say: nothing to check");
    }

    @Test
    void bothErrorShapesAreErrors() throws IOException {
        assertEquals("boom", parse("{\"error\":{\"message\":\"boom\",\"type\":\"x\",\"code\":500}}").error());
        assertEquals("old boom", parse("{\"object\":\"error\",\"message\":\"old boom\",\"code\":400}").error());
        assertEquals("Unauthorized", parse("{\"error\":\"Unauthorized\"}").error());
        assertNull(parse("{\"object\":\"text_completion\",\"message\":\"not an error\",\"choices\":[]}").error());
    }

    @Test
    void anythingButOneJsonObjectIsRejected() {
        assertThrows(IOException.class, () -> parse("[1]"));
        assertThrows(IOException.class, () -> parse("{\"choices\":[]} {}"));
        assertThrows(IOException.class, () -> parse("{\"choices\":["));
        assertThrows(IOException.class, () -> parse("null"));
    }

    private static StreamEvent parse(String payload) throws IOException {
        byte[] bytes = payload.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return StreamEvent.parse(bytes, 0, bytes.length);
    }
}
