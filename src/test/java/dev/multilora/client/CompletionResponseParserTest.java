package dev.multilora.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CompletionResponseParserTest {
    private static final String SUCCESS = """
            {"id":"cmpl-1","object":"text_completion","created":1234567890,"model":"alpha",
             "choices":[{"text":"Generated text...","index":0,"finish_reason":"stop"}],
             "usage":{"prompt_tokens":10,"completion_tokens":50,"total_tokens":60}}""";

    private final CompletionResponseParser parser = new CompletionResponseParser();

    private String error(int status, String body) {
        CompletionResponse response = parser.parse(status, body);
        assertFalse(response.succeeded());
        assertNull(response.text());
        assertNull(response.completionTokens());
        return response.error();
    }

    @Test
    void successGivesTextAndTokenCounts() {
        assertEquals(new CompletionResponse("Generated text...", 50, 10, ServerTruth.UNTOLD, null), parser.parse(200, SUCCESS));
    }

    @Test
    void successWithoutPromptTokensLeavesThemNull() {
        CompletionResponse response = parser.parse(200,
                "{\"choices\":[{\"text\":\"\"}],\"usage\":{\"completion_tokens\":0}}");
        assertEquals(new CompletionResponse("", 0, null, ServerTruth.UNTOLD, null), response);
    }

    @Test
    void aChatCompletionGivesItsMessageContentAndTokenCounts() {
        String chat = """
                {"id":"chatcmpl-1","object":"chat.completion","created":1,"model":"alpha",
                 "choices":[{"index":0,"message":{"role":"assistant","content":"Hi there","tool_calls":[]},"finish_reason":"length"}],
                 "usage":{"prompt_tokens":9,"completion_tokens":2,"total_tokens":11}}""";
        assertEquals(new CompletionResponse("Hi there", 2, 9, ServerTruth.UNTOLD, null), parser.parse(200, chat));
    }

    @Test
    void aChatCompletionWithoutContentNamesTheMissingField() {
        assertEquals("HTTP 200: response has no choices[0].message.content: {\"choices\":[{\"message\":{\"role\":\"assistant\"}}],"
                + "\"usage\":{\"completion_tokens\":1}}",
                error(200, "{\"choices\":[{\"message\":{\"role\":\"assistant\"}}],\"usage\":{\"completion_tokens\":1}}"));
    }

    @Test
    void nestedVllmErrorGivesItsMessage() {
        assertEquals("HTTP 404: The model `x` does not exist.", error(404,
                "{\"error\":{\"message\":\"The model `x` does not exist.\",\"type\":\"NotFoundError\",\"param\":\"model\",\"code\":404}}"));
    }

    @Test
    void oldFlatVllmErrorGivesItsMessage() {
        assertEquals("HTTP 400: m", error(400, "{\"object\":\"error\",\"message\":\"m\",\"type\":\"t\",\"code\":400}"));
    }

    @Test
    void stringErrorOfAuthenticationMiddleware() {
        assertEquals("HTTP 401: Unauthorized", error(401, "{\"error\":\"Unauthorized\"}"));
    }

    @Test
    void fastApiDetail() {
        assertEquals("HTTP 404: Not Found", error(404, "{\"detail\":\"Not Found\"}"));
    }

    @Test
    void nonJsonBodyIsQuoted() {
        String message = error(502, "<html>\n<body>\n<h1>502 Bad Gateway</h1>\n</body>\n</html>\n");
        assertTrue(message.startsWith("HTTP 502: "), message);
        assertTrue(message.contains("502 Bad Gateway"), message);
    }

    @Test
    void longBodyIsCutShort() {
        String message = error(500, "x".repeat(1000));
        assertEquals("HTTP 500: " + "x".repeat(300) + "...", message);
    }

    @Test
    void emptyBodySaysSo() {
        assertEquals("HTTP 503: (empty body)", error(503, ""));
        assertEquals("HTTP 200: (empty body)", error(200, ""));
    }

    @Test
    void okStatusWithoutUsageIsAFailure() {
        String message = error(200, "{\"choices\":[{\"text\":\"hi\"}]}");
        assertTrue(message.contains("usage.completion_tokens"), message);
    }

    @Test
    void okStatusWithoutChoicesIsAFailure() {
        String message = error(200, "{\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":2}}");
        assertTrue(message.contains("choices[0].text"), message);
    }

    @Test
    void okStatusWithErrorKeyIsAFailure() {
        assertEquals("HTTP 200: overloaded", error(200, "{\"error\":{\"message\":\"overloaded\"},\"choices\":[{\"text\":\"x\"}],"
                + "\"usage\":{\"completion_tokens\":1}}"));
    }

    @Test
    void errorStatusWithSuccessShapedBodyIsStillAFailure() {
        assertTrue(error(500, SUCCESS).startsWith("HTTP 500: "));
    }
}
