package dev.multilora.api;

import dev.multilora.config.Setting;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** Lets a call through when api.token is unset, or when it carries `Authorization: Bearer <api.token>`. */
public final class ApiAccess {
    private static final String BEARER = "Bearer ";

    private final ApiSettings settings;

    public ApiAccess(ApiSettings settings) {
        this.settings = settings;
    }

    public void check(String authorization) {
        String token = settings.current().optionalString(Setting.API_TOKEN).orElse(null);
        if (token == null) {
            return;
        }
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            throw new ApiRequestException(401, "Authorization", "this API needs a bearer token: Authorization: Bearer <api.token>");
        }
        byte[] sent = authorization.substring(BEARER.length()).trim().getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(sent, token.getBytes(StandardCharsets.UTF_8))) {
            throw new ApiRequestException(401, "Authorization", "the bearer token is not api.token");
        }
    }
}
