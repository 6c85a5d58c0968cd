package dev.multilora.server;

/** This tool's version, from the jar's manifest (the build's version), or "dev" when run from classes. */
public final class ToolVersion {
    private ToolVersion() {
    }

    public static String current() {
        String version = ToolVersion.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }
}
