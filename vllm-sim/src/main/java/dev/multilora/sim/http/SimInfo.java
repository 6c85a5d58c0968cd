package dev.multilora.sim.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.buffer.Buffer;
import java.util.List;

/**
 * GET /sim/info, the stand-in's own endpoint in every dialect (no API key, answered while loading):
 * which dialect it speaks, the arguments it accepted without knowing them, and its version.
 */
final class SimInfo {

    private SimInfo() {
    }

    static Buffer body(ObjectMapper json, String dialect, List<String> unrecognizedArguments, String version) {
        ObjectNode info = json.createObjectNode().put("dialect", dialect);
        unrecognizedArguments.forEach(info.putArray("unrecognized_arguments")::add);
        info.put("version", version);
        return Buffer.buffer(info.toString());
    }
}
