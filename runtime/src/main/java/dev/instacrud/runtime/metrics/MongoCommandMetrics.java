package dev.instacrud.runtime.metrics;

import com.mongodb.event.CommandFailedEvent;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandSucceededEvent;
import io.prometheus.metrics.core.metrics.Histogram;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Times every command the MongoDB driver sends, by command name and outcome, into {@code
 * instacrud_mongodb_command_duration_seconds}. Register it on every client a service opens ({@code
 * MongoClientSettings.Builder.addCommandListener}). Neither the database (it names the organisation) nor the
 * collection is a label; a command outside the known set counts as {@code other}.
 */
public final class MongoCommandMetrics implements CommandListener {
    private static final Set<String> KNOWN = Set.of(
            "find",
            "getMore",
            "insert",
            "update",
            "delete",
            "findAndModify",
            "aggregate",
            "count",
            "distinct",
            "createIndexes",
            "listIndexes",
            "listCollections",
            "listDatabases",
            "create",
            "drop",
            "dropDatabase",
            "killCursors",
            "endSessions",
            "ping");

    private final Histogram durations;

    MongoCommandMetrics(Histogram durations) {
        this.durations = durations;
    }

    @Override
    public void commandSucceeded(CommandSucceededEvent event) {
        record(event.getCommandName(), "success", event.getElapsedTime(TimeUnit.NANOSECONDS));
    }

    @Override
    public void commandFailed(CommandFailedEvent event) {
        record(event.getCommandName(), "failure", event.getElapsedTime(TimeUnit.NANOSECONDS));
    }

    private void record(String command, String outcome, long nanos) {
        durations
                .labelValues(KNOWN.contains(command) ? command : "other", outcome)
                .observe(nanos / 1e9);
    }
}
