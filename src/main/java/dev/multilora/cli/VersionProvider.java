package dev.multilora.cli;

import dev.multilora.server.ToolVersion;
import picocli.CommandLine.IVersionProvider;

/** One version string everywhere: the build's, as results.json records it. */
final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[] {"multilora-bench " + ToolVersion.current()};
    }
}
