package dev.multilora.sim.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import dev.multilora.sim.engine.SimTiming;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Writes vLLM's completion response, stream chunks and error bodies, for /v1/completions
 * ("text_completion", text in choices[].text) or /v1/chat/completions ("chat.completion" with
 * choices[].message, "chat.completion.chunk" with choices[].delta).
 */
final class CompletionJson {

    static final Buffer DONE_EVENT = Buffer.buffer("data: [DONE]\n\n", "UTF-8");
    private static final byte[] EVENT_START = "data: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] EVENT_END = "\n\n".getBytes(StandardCharsets.US_ASCII);

    /** The fields every body of one completion shares; {@code chat} for /v1/chat/completions. */
    record Header(String id, long created, String model, boolean chat) {
    }

    /**
     * Token counts, plus the ground truth once the request has finished.
     *
     * @param loraName the adapter (or llama-server adapter combination) that ran, null for the base model
     */
    record Usage(int promptTokens, int completionTokens, SimTiming timing, String loraName) {
    }

    @FunctionalInterface
    private interface Body {
        void write(JsonGenerator json) throws IOException;
    }

    private final JsonFactory factory;
    private final ErrorStyle errorStyle;

    CompletionJson(JsonFactory factory, ErrorStyle errorStyle) {
        this.factory = factory;
        this.errorStyle = errorStyle;
    }

    Buffer response(Header header, String text, String finishReason, Usage usage) {
        return render(false, json -> {
            start(json, header, false);
            json.writeArrayFieldStart("choices");
            choice(json, header, text, finishReason, false);
            if (!header.chat()) {
                json.writeNullField("prompt_logprobs");
                json.writeNullField("prompt_token_ids");
            }
            json.writeEndObject();
            json.writeEndArray();
            json.writeNullField("service_tier");
            json.writeNullField("system_fingerprint");
            usage(json, usage);
            json.writeNullField("kv_transfer_params");
            json.writeEndObject();
        });
    }

    /** One streamed event with new text; {@code usage} only with continuous_usage_stats. */
    Buffer chunk(Header header, String text, String finishReason, Usage usage) {
        return render(true, json -> {
            start(json, header, true);
            json.writeArrayFieldStart("choices");
            choice(json, header, text, finishReason, true);
            json.writeEndObject();
            json.writeEndArray();
            if (usage != null) {
                usage(json, usage);
            }
            json.writeEndObject();
        });
    }

    /** A chat stream's first event, as vLLM sends it before the first token's: the role, with empty content. */
    Buffer roleChunk(Header header) {
        return render(true, json -> {
            start(json, header, true);
            json.writeArrayFieldStart("choices");
            json.writeStartObject();
            json.writeNumberField("index", 0);
            json.writeObjectFieldStart("delta");
            json.writeStringField("role", "assistant");
            json.writeStringField("content", "");
            json.writeEndObject();
            json.writeNullField("logprobs");
            json.writeNullField("finish_reason");
            json.writeEndObject();
            json.writeEndArray();
            json.writeEndObject();
        });
    }

    Buffer usageChunk(Header header, Usage usage) {
        return render(true, json -> {
            start(json, header, true);
            json.writeArrayFieldStart("choices");
            json.writeEndArray();
            usage(json, usage);
            json.writeEndObject();
        });
    }

    Buffer error(ApiError error) {
        return render(false, json -> errorStyle.write(json, error));
    }

    private static void start(JsonGenerator json, Header header, boolean chunk) throws IOException {
        json.writeStartObject();
        json.writeStringField("id", header.id());
        json.writeStringField("object", !header.chat() ? "text_completion" : chunk ? "chat.completion.chunk" : "chat.completion");
        json.writeNumberField("created", header.created());
        json.writeStringField("model", header.model());
    }

    /** Leaves the choice object open so callers can add fields. */
    private static void choice(JsonGenerator json, Header header, String text, String finishReason, boolean chunk)
            throws IOException {
        json.writeStartObject();
        json.writeNumberField("index", 0);
        if (!header.chat()) {
            json.writeStringField("text", text);
        } else if (chunk) {
            json.writeObjectFieldStart("delta");
            json.writeStringField("content", text);
            json.writeEndObject();
        } else {
            json.writeObjectFieldStart("message");
            json.writeStringField("role", "assistant");
            json.writeStringField("content", text);
            json.writeNullField("refusal");
            json.writeArrayFieldStart("tool_calls");
            json.writeEndArray();
            json.writeEndObject();
        }
        json.writeNullField("logprobs");
        json.writeStringField("finish_reason", finishReason);
        json.writeNullField("stop_reason");
    }

    private static void usage(JsonGenerator json, Usage usage) throws IOException {
        json.writeObjectFieldStart("usage");
        json.writeNumberField("prompt_tokens", usage.promptTokens());
        json.writeNumberField("total_tokens", usage.promptTokens() + usage.completionTokens());
        json.writeNumberField("completion_tokens", usage.completionTokens());
        json.writeNullField("prompt_tokens_details");
        if (usage.timing() != null) {
            json.writeObjectFieldStart("sim_timing");
            SimTiming timing = usage.timing();
            json.writeNumberField("queue_ms", Millis.round(timing.queueMs()));
            json.writeNumberField("lora_load_ms", Millis.round(timing.loraLoadMs()));
            json.writeNumberField("prefill_ms", Millis.round(timing.prefillMs()));
            json.writeNumberField("decode_ms", Millis.round(timing.decodeMs()));
            json.writeStringField("lora_source", timing.loraSource().label());
            json.writeNumberField("scheduled_at_ms", Millis.round(timing.scheduledAtMs()));
            json.writeNumberField("finished_at_ms", Millis.round(timing.finishedAtMs()));
            json.writeStringField("lora_name", usage.loraName());
            json.writeEndObject();
        }
        json.writeEndObject();
    }

    private Buffer render(boolean asEvent, Body body) {
        try (ByteArrayBuilder bytes = new ByteArrayBuilder(512)) {
            if (asEvent) {
                bytes.write(EVENT_START);
            }
            try (JsonGenerator json = factory.createGenerator(bytes)) {
                body.write(json);
            }
            if (asEvent) {
                bytes.write(EVENT_END);
            }
            return Buffer.buffer(bytes.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
