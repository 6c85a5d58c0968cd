package dev.multilora.report.html;

import dev.multilora.metrics.RequestRecord;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Failed requests and invalid lines grouped by their error message, most frequent first. */
final class ErrorGroups {
    private ErrorGroups() {
    }

    record Group(String message, long count) {
    }

    static List<Group> of(List<RequestRecord> records) {
        Map<String, Long> counts = records.stream().map(RequestRecord::error).filter(Objects::nonNull)
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        return counts.entrySet().stream().map(e -> new Group(e.getKey(), e.getValue()))
                .sorted(Comparator.comparingLong(Group::count).reversed().thenComparing(Group::message))
                .toList();
    }
}
