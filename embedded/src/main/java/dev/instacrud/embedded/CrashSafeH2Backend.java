package dev.instacrud.embedded;

import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.exception.MongoServerError;
import de.bwaldvogel.mongo.wire.message.MongoMessage;
import de.bwaldvogel.mongo.wire.message.MongoQuery;
import io.netty.channel.Channel;
import java.time.Clock;
import java.util.Set;
import org.h2.mvstore.MVStore;

/**
 * The H2 backend made safe against process death: as shipped it saves on a timer, so a kill right after
 * acknowledged writes loses them, and a save taken halfway through one write can leave a document outside
 * its unique index. Here every write command runs under one store-wide lock and is committed before it is
 * acknowledged, and H2 never saves on its own (so no save can catch a write halfway); reads are not
 * serialised. {@code commit()} does not fsync: power loss is not covered.
 *
 * <p>Every command, and every legacy query, first passes the {@link ScramGate}: a connection that has not
 * authenticated with this start's credential runs nothing but the handshake.
 */
final class CrashSafeH2Backend extends H2Backend {
    private static final Set<String> WRITE_COMMANDS = Set.of(
            "insert",
            "update",
            "delete",
            "findandmodify",
            "createindexes",
            "create",
            "drop",
            "dropdatabase",
            "dropindexes",
            "renamecollection");

    private final Object writeLock = new Object();
    private final ScramGate gate;

    private CrashSafeH2Backend(MVStore store, Clock clock, ScramGate gate) {
        super(store, clock);
        this.gate = gate;
    }

    /** Opens (or creates) the store file; {@code null} gives an in-memory store (tests). */
    static CrashSafeH2Backend open(String fileName, Clock clock, ScramGate gate) {
        // No save of H2's own: neither its 1 s background writer (autoCommitDisabled) nor the save a write
        // triggers once enough changes pile up (buffer size 0). Either could capture another command
        // halfway, e.g. a document written but not yet in its unique index. The only saves left are our
        // commits, taken under the write lock between two write commands.
        MVStore.Builder builder = new MVStore.Builder().autoCommitDisabled().autoCommitBufferSize(0);
        if (fileName != null) {
            builder.fileName(fileName);
        }
        MVStore store = builder.open();
        // keep no old page versions: with the default retention the file grows by gigabytes under writes
        store.setRetentionTime(0);
        return new CrashSafeH2Backend(store, clock, gate);
    }

    // The driver sends every command as OP_MSG, which arrives here; the command name is the first key.
    @Override
    public Document handleMessage(MongoMessage message) {
        Document body = message.getDocument();
        String command = body.isEmpty() ? "" : body.keySet().iterator().next();
        if (!WRITE_COMMANDS.contains(command.toLowerCase(java.util.Locale.ROOT))) {
            return super.handleMessage(message);
        }
        synchronized (writeLock) {
            try {
                return super.handleMessage(message);
            } finally {
                commit(); // before the reply leaves: an acknowledged write is in the file (modulo OS buffers)
            }
        }
    }

    // Every command arrives here, whether sent as OP_MSG or as a legacy OP_QUERY on $cmd.
    @Override
    public Document handleCommand(Channel channel, String database, String command, Document query) {
        Document refusal = gate.intercept(channel, database, command, query);
        return refusal != null ? refusal : super.handleCommand(channel, database, command, query);
    }

    // A legacy OP_QUERY on a collection reads documents without any command: authenticated connections only.
    @Override
    public QueryResult handleQuery(MongoQuery query) {
        if (!gate.isAuthenticated(query.getChannel())) {
            throw new MongoServerError(13, "Unauthorized", "queries require authentication");
        }
        return super.handleQuery(query);
    }

    @Override
    public void handleClose(Channel channel) {
        gate.forget(channel);
        super.handleClose(channel);
    }

    /** Commits, compacts the file fully, then releases the backend. */
    @Override
    public void close() {
        synchronized (writeLock) {
            MVStore store = getMvStore();
            if (!store.isClosed()) {
                store.commit();
                store.close(-1); // -1: compact without a time limit
            }
            super.close();
        }
    }
}
