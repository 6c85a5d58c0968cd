package dev.multilora.work;

/** The message properties a run carries beside its body, which selectors match and people read. */
public final class WorkMessages {
    static final String WORK_ID = "work_id";
    static final String DATASET = "dataset";

    private WorkMessages() {
    }

    /** requires_gpu for gpu: a JMS property name (identifiers only, no dots). */
    public static String requirementHeader(String requirement) {
        return "requires_" + requirement;
    }
}
