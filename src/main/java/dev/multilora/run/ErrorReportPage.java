package dev.multilora.run;

/** report.html for a run that measured nothing: the reason, for a person who opens the folder. */
@FunctionalInterface
public interface ErrorReportPage {
    String render(String status, String headline, String dataset, String time);
}
