package dev.instacrud.runtime.log;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * Logback's default for generated services, found through {@code ServiceLoader}: one console line per
 * event at INFO, with Jetty, the MongoDB driver and the embedded server at WARN (at DEBUG they would
 * log raw request and document bytes). {@code LOG_FORMAT=json} writes each event as one JSON object
 * instead ({@link JsonLogEncoder}); {@code text} (the default) writes {@code TIME LEVEL [thread] logger
 * message}. It steps aside when the service ships its own {@code logback.xml} or {@code logback-test.xml},
 * or names one with {@code -Dlogback.configurationFile}.
 */
public final class DefaultLogging extends ContextAwareBase implements Configurator {
    /** The environment variable choosing the format; {@code RuntimeConfig} refuses a value other than these. */
    public static final String FORMAT_VARIABLE = "LOG_FORMAT";

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        if (System.getProperty("logback.configurationFile") != null
                || (loader != null
                        && (loader.getResource("logback.xml") != null
                                || loader.getResource("logback-test.xml") != null))) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        configureConsole(context, "json".equalsIgnoreCase(trim(System.getenv(FORMAT_VARIABLE))));
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /** Sends every event to the console, as JSON lines or as text; the levels as described above. */
    static void configureConsole(LoggerContext context, boolean json) {
        Encoder<ILoggingEvent> encoder;
        if (json) {
            JsonLogEncoder jsonEncoder = new JsonLogEncoder();
            jsonEncoder.setContext(context);
            jsonEncoder.start();
            encoder = jsonEncoder;
        } else {
            PatternLayoutEncoder text = new PatternLayoutEncoder();
            text.setContext(context);
            text.setPattern("%d{yyyy-MM-dd'T'HH:mm:ss.SSSX,UTC} %-5level [%thread] %logger{36} %msg%n");
            text.start();
            encoder = text;
        }
        ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
        console.setContext(context);
        console.setName("console");
        console.setEncoder(encoder);
        console.start();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        root.addAppender(console);
        for (String noisy : new String[] {"org.eclipse.jetty", "org.mongodb", "de.bwaldvogel", "io.netty", "org.h2"}) {
            context.getLogger(noisy).setLevel(Level.WARN);
        }
        // the embedded store warns "adding secondary index ... is not yet implemented" for every non-unique index of
        // every organisation; it explains that once at start-up instead (EmbeddedMongo)
        context.getLogger("de.bwaldvogel.mongo.backend.AbstractMongoDatabase").setLevel(Level.ERROR);
    }

    private static String trim(String value) {
        return value == null ? null : value.trim();
    }
}
