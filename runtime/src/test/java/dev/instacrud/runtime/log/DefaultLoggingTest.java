package dev.instacrud.runtime.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import java.net.URL;
import org.junit.jupiter.api.Test;

class DefaultLoggingTest {
    @Test
    void configuresConsoleAtInfoWhenTheServiceHasNoLogbackXml() {
        Thread thread = Thread.currentThread();
        ClassLoader original = thread.getContextClassLoader();
        thread.setContextClassLoader(new ClassLoader(original) {
            @Override
            public URL getResource(String name) {
                return name.startsWith("logback") ? null : super.getResource(name);
            }
        });
        try {
            LoggerContext context = new LoggerContext();
            DefaultLogging logging = new DefaultLogging();
            logging.setContext(context);
            assertEquals(Configurator.ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY, logging.configure(context));
            Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
            assertEquals(Level.INFO, root.getLevel());
            assertNotNull(root.getAppender("console"));
            assertEquals(Level.WARN, context.getLogger("org.eclipse.jetty").getLevel());
            assertEquals(Level.WARN, context.getLogger("org.mongodb").getLevel());
            context.stop();
        } finally {
            thread.setContextClassLoader(original);
        }
    }

    @Test
    void stepsAsideForTheServicesOwnConfiguration() {
        LoggerContext context = new LoggerContext();
        DefaultLogging logging = new DefaultLogging();
        logging.setContext(context);
        // the test class path has logback-test.xml
        assertEquals(Configurator.ExecutionStatus.INVOKE_NEXT_IF_ANY, logging.configure(context));
        assertNull(context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("console"));
    }
}
