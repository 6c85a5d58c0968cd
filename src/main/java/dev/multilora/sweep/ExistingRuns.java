package dev.multilora.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The run folders an earlier attempt of a sweep finished (completed or stopped), each claimable
 * once: a point with three repeats takes three of its own, oldest first.
 */
final class ExistingRuns {
    private static final ObjectMapper JSON = new ObjectMapper();

    record Found(Path folder, JsonNode results, JsonNode identity) {
    }

    private final List<Found> unclaimed;

    private ExistingRuns(List<Found> unclaimed) {
        this.unclaimed = unclaimed;
    }

    static ExistingRuns none() {
        return new ExistingRuns(new ArrayList<>());
    }

    static ExistingRuns in(Path sweepFolder, List<String> identityKeys) {
        List<Found> found = new ArrayList<>();
        try (Stream<Path> children = Files.list(sweepFolder)) {
            for (Path folder : children.filter(Files::isDirectory).filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList()) {
                Path file = folder.resolve("results.json");
                if (!Files.isRegularFile(file)) {
                    continue;
                }
                JsonNode results = JSON.readTree(file.toFile());
                String status = results.path("status").asText();
                if (status.equals("completed") || status.equals("stopped")) {
                    found.add(new Found(folder, results, RunIdentity.of(results, identityKeys)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the runs of " + sweepFolder, e);
        }
        return new ExistingRuns(found);
    }

    Optional<Found> claim(JsonNode identity) {
        for (Iterator<Found> it = unclaimed.iterator(); it.hasNext(); ) {
            Found found = it.next();
            if (found.identity().equals(identity)) {
                it.remove();
                return Optional.of(found);
            }
        }
        return Optional.empty();
    }
}
