package dev.multilora.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;

/** A call the run API cannot answer as asked: its HTTP status and a JSON error naming the field at fault. */
public class ApiRequestException extends RuntimeException {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final int status;
    private final String field;

    /** @param field the body field, query parameter, header or path part at fault; null when none is */
    public ApiRequestException(int status, String field, String message) {
        super(message);
        this.status = status;
        this.field = field;
    }

    public int getStatus() {
        return status;
    }

    /** {"error": ..., "field": ...}: the response body. */
    public String getJson() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", getMessage());
        if (field != null) {
            body.put("field", field);
        }
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write an error message as JSON", e);
        }
    }
}
