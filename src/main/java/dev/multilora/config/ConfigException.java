package dev.multilora.config;

/** A configuration problem, worded for the user: it names the source, the key and the value. */
public class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }
}
