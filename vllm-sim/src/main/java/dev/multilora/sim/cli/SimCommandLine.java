package dev.multilora.sim.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * {@code bin/vllm-sim [--sim-dialect vllm|llamacpp|sglang|tgi] ENGINE-FLAGS...}: takes the dialect off
 * the command line (anywhere on it; vllm when absent) and reads the rest as that engine would.
 */
public final class SimCommandLine {

    private static final String DIALECT_FLAG = "--sim-dialect";

    private SimCommandLine() {
    }

    public static ServeConfig parse(String[] args, Map<String, String> environment) throws StartupFailure {
        List<String> rest = new ArrayList<>(Arrays.asList(args));
        Dialect dialect = Dialect.VLLM;
        for (int i = 0; i < rest.size(); i++) {
            String token = rest.get(i);
            if (token.equals(DIALECT_FLAG)) {
                if (i + 1 >= rest.size()) {
                    throw StartupFailure.of("vllm-sim: error: argument --sim-dialect: expected one argument", 2);
                }
                dialect = Dialect.of(rest.get(i + 1));
                rest.subList(i, i + 2).clear();
                i--;
            } else if (token.startsWith(DIALECT_FLAG + "=")) {
                dialect = Dialect.of(token.substring(DIALECT_FLAG.length() + 1));
                rest.remove(i);
                i--;
            }
        }
        return switch (dialect) {
            case VLLM -> ServeCommandLine.parse(rest.toArray(String[]::new), environment);
            case LLAMACPP -> LlamaCppCommandLine.parse(rest, environment);
            case SGLANG -> SglangCommandLine.parse(rest);
            case TGI -> TgiCommandLine.parse(rest);
        };
    }
}
