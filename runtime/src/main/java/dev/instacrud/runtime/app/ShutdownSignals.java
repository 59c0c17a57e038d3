package dev.instacrud.runtime.app;

import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * Turns SIGTERM (an orchestrator's stop) and SIGINT (Ctrl-C) into a graceful stop of a running service, after
 * which its {@code main} exits with status 0, as a stop that was asked for is not a failure. The JVM's own
 * handling would run the shutdown hooks and then exit with 128 + the signal (143, 130), which process managers
 * read as a crash. A second signal while the stop is under way ends the process at once with status 1 (the
 * store commits every write, so nothing acknowledged is lost).
 *
 * <p>{@code sun.misc.Signal} (module {@code jdk.unsupported}) is the JDK's only way to handle a signal; where it
 * is missing, the shutdown hook still stops the service cleanly and only the exit status differs.
 */
final class ShutdownSignals {
    private static final Logger LOG = LoggerFactory.getLogger(ShutdownSignals.class);

    private ShutdownSignals() {}

    /** Calls {@code stop} on a thread of its own at the first SIGTERM or SIGINT. */
    static void install(Runnable stop) {
        AtomicBoolean stopping = new AtomicBoolean();
        try {
            for (String name : new String[] {"TERM", "INT"}) {
                Signal.handle(new Signal(name), signal -> {
                    if (stopping.compareAndSet(false, true)) {
                        LOG.info("SIG{} received: stopping", signal.getName());
                        Thread stopper = new Thread(stop, "instacrud-stop");
                        stopper.start();
                    } else {
                        System.err.println("second SIG" + signal.getName() + ": stopping now");
                        Runtime.getRuntime().halt(1);
                    }
                });
            }
        } catch (IllegalArgumentException | UnsupportedOperationException | LinkageError e) {
            LOG.info("signal handlers unavailable ({}); stopping through the shutdown hook", e.toString());
        }
    }
}
