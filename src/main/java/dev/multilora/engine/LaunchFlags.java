package dev.multilora.engine;

import java.util.ArrayList;
import java.util.List;

/** An engine's command-line arguments as they are built: flags with their values, in order. */
final class LaunchFlags {
    private final List<String> argv = new ArrayList<>();

    LaunchFlags flag(String flag) {
        argv.add(flag);
        return this;
    }

    LaunchFlags flag(String flag, Object value) {
        argv.add(flag);
        argv.add(String.valueOf(value));
        return this;
    }

    LaunchFlags values(List<String> values) {
        argv.addAll(values);
        return this;
    }

    List<String> build() {
        return List.copyOf(argv);
    }
}
