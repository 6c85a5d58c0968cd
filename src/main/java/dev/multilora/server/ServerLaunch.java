package dev.multilora.server;

import dev.multilora.engine.ServingEngine;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Everything needed to start and check a managed server. Two runs whose launches are equal can
 * share one server; any difference (a flag, an adapter, an environment variable) means a restart.
 *
 * @param argv             the exact command line, never a shell string
 * @param environment      variables added to the server's environment (the API key travels here, not in argv)
 * @param baseUrl          where it will answer
 * @param expectedAdapters adapter name to the absolute path it must be served from
 * @param startupTimeout   how long /health may take to answer 200
 * @param secret           the API key where the engine takes it on its command line, else null
 * @param engine           the engine it launches
 * @param baseModel        the model it serves without an adapter
 */
public record ServerLaunch(List<String> argv, Map<String, String> environment, String host, int port, String baseUrl,
                           Map<String, String> expectedAdapters, Duration startupTimeout, String secret, ServingEngine engine,
                           String baseModel) {

    public ServerLaunch {
        argv = List.copyOf(argv);
        environment = Map.copyOf(environment);
        expectedAdapters = Map.copyOf(expectedAdapters);
    }

    /** The command line for logs and people: the API key, if it is on it, redacted. */
    public String describe() {
        return Redaction.of(secret).apply(String.join(" ", argv));
    }

    /** The program to execute: argv's first element. */
    public String program() {
        return argv.get(0);
    }

    /** The program's arguments: argv after the first element. */
    public List<String> arguments() {
        return argv.subList(1, argv.size());
    }

    /** Same server: same command line and environment. */
    public boolean sameServerAs(ServerLaunch other) {
        return other != null && argv.equals(other.argv) && environment.equals(other.environment);
    }
}
