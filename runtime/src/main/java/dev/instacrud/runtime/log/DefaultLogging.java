package dev.instacrud.runtime.log;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * Logback's default for generated services, found through {@code ServiceLoader}: one console line per
 * event at INFO, with Jetty, the MongoDB driver and the embedded server at WARN (at DEBUG they would
 * log raw request and document bytes). It steps aside when the service ships its own {@code logback.xml}
 * or {@code logback-test.xml}, or names one with {@code -Dlogback.configurationFile}.
 */
public final class DefaultLogging extends ContextAwareBase implements Configurator {
    @Override
    public ExecutionStatus configure(LoggerContext context) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        if (System.getProperty("logback.configurationFile") != null
                || (loader != null
                        && (loader.getResource("logback.xml") != null
                                || loader.getResource("logback-test.xml") != null))) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%d{yyyy-MM-dd'T'HH:mm:ss.SSSX,UTC} %-5level [%thread] %logger{36} %msg%n");
        encoder.start();
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
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }
}
