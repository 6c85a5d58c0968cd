package dev.multilora.observe;

import java.io.PrintStream;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Where a run's progress is shown: the log, plain lines on a stream, or a bar redrawn on a terminal. */
public interface ProgressDisplay {

    /** How often the display wants a fresh snapshot. */
    Duration interval();

    void show(ProgressSnapshot progress);

    /** The phase is over: the last figures, and the line left clean for what is printed next. */
    void finish(ProgressSnapshot progress);

    /** The default, for `watch` and anything unattended: one log line every few seconds. */
    static ProgressDisplay logged() {
        return new Logged();
    }

    /** A bar on a terminal, plain lines when the stream is a file or a pipe (no carriage returns in logs). */
    static ProgressDisplay on(PrintStream stream, boolean terminal) {
        return terminal ? new TerminalProgressBar(stream) : new Lines(stream);
    }

    final class Logged implements ProgressDisplay {
        private static final Logger LOG = LoggerFactory.getLogger("progress");

        @Override
        public Duration interval() {
            return Duration.ofSeconds(5);
        }

        @Override
        public void show(ProgressSnapshot progress) {
            LOG.info(progress.describe());
        }

        @Override
        public void finish(ProgressSnapshot progress) {
            LOG.info("requests done: {}", progress.describe());
        }
    }

    final class Lines implements ProgressDisplay {
        private final PrintStream stream;

        Lines(PrintStream stream) {
            this.stream = stream;
        }

        @Override
        public Duration interval() {
            return Duration.ofSeconds(5);
        }

        @Override
        public void show(ProgressSnapshot progress) {
            stream.println("progress: " + progress.describe());
        }

        @Override
        public void finish(ProgressSnapshot progress) {
            stream.println("requests done: " + progress.describe());
        }
    }
}
