package dev.multilora.report.plots;

import java.util.List;
import org.knowm.xchart.CategoryChart;

/** Adapter names can be long Hugging Face ids: tilt them once they would no longer fit side by side. */
final class AdapterAxis {
    private static final int CHARACTERS_THAT_FIT_FLAT = 60;

    private AdapterAxis() {
    }

    static void fit(CategoryChart chart, List<String> adapters) {
        int characters = adapters.stream().mapToInt(String::length).sum();
        chart.getStyler().setXAxisLabelRotation(characters > CHARACTERS_THAT_FIT_FLAT ? 30 : 0);
    }
}
