package dev.multilora.sim.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import dev.multilora.sim.engine.SimTiming;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Writes vLLM's completion response, stream chunks and error bodies. */
final class CompletionJson {

    static final Buffer DONE_EVENT = Buffer.buffer("data: [DONE]\n\n", "UTF-8");
    private static final byte[] EVENT_START = "data: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] EVENT_END = "\n\n".getBytes(StandardCharsets.US_ASCII);

    /** The fields every body of one completion shares. */
    record Header(String id, long created, String model) {
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
            start(json, header);
            json.writeArrayFieldStart("choices");
            choice(json, text, finishReason);
            json.writeNullField("prompt_logprobs");
            json.writeNullField("prompt_token_ids");
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
            start(json, header);
            json.writeArrayFieldStart("choices");
            choice(json, text, finishReason);
            json.writeEndObject();
            json.writeEndArray();
            if (usage != null) {
                usage(json, usage);
            }
            json.writeEndObject();
        });
    }

    Buffer usageChunk(Header header, Usage usage) {
        return render(true, json -> {
            start(json, header);
            json.writeArrayFieldStart("choices");
            json.writeEndArray();
            usage(json, usage);
            json.writeEndObject();
        });
    }

    Buffer error(ApiError error) {
        return render(false, json -> errorStyle.write(json, error));
    }

    private static void start(JsonGenerator json, Header header) throws IOException {
        json.writeStartObject();
        json.writeStringField("id", header.id());
        json.writeStringField("object", "text_completion");
        json.writeNumberField("created", header.created());
        json.writeStringField("model", header.model());
    }

    /** Leaves the choice object open so callers can add fields. */
    private static void choice(JsonGenerator json, String text, String finishReason) throws IOException {
        json.writeStartObject();
        json.writeNumberField("index", 0);
        json.writeStringField("text", text);
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
