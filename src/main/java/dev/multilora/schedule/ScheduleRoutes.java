package dev.multilora.schedule;

import dev.multilora.config.Schedule;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TimeZone;
import java.util.stream.Collectors;
import org.apache.camel.spi.RouteTemplateParameterSource;

/**
 * One route per schedule, from the `schedule` template in routes/schedule.camel.yaml: Camel asks
 * every such source in its registry for routes when it starts.
 */
public final class ScheduleRoutes implements RouteTemplateParameterSource {
    static final String TEMPLATE = "schedule";

    private final Map<String, Schedule> byRouteId;

    public ScheduleRoutes(List<Schedule> schedules) {
        Map<String, Schedule> routes = new LinkedHashMap<>();
        schedules.forEach(schedule -> routes.put("schedule-" + schedule.name(), schedule));
        this.byRouteId = Map.copyOf(routes);
    }

    @Override
    public Set<String> routeIds() {
        return byRouteId.keySet().stream().sorted().collect(Collectors.toCollection(java.util.LinkedHashSet::new));
    }

    @Override
    public Map<String, Object> parameters(String routeId) {
        Schedule schedule = byRouteId.get(routeId);
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put(TEMPLATE_ID, TEMPLATE);
        parameters.put("name", schedule.name());
        parameters.put("cron", schedule.cron());
        // Quartz takes java.util.TimeZone ids; ZoneId already rejected the unknown ones TimeZone would read as GMT.
        parameters.put("timeZone", TimeZone.getTimeZone(schedule.timeZone()).getID());
        return parameters;
    }
}
