package dev.instacrud.runtime.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Issue 15 target 5: the access log is written off the request threads through a bounded queue. A full queue never
 * makes the caller wait: the line is dropped and counted; stopping writes every queued line first; the lines are
 * cleaned as before (a CR/LF in a path cannot start a forged line) and carry the request and user ids in the MDC.
 */
class AccessLogTest {
    private final ListAppender<ILoggingEvent> captured = new ListAppender<>();
    private final Logger access = (Logger) LoggerFactory.getLogger("dev.instacrud.access");
    private Level level;

    @BeforeEach
    void capture() {
        level = access.getLevel();
        access.setLevel(Level.INFO); // the tests' logback configuration may quieten it
        captured.start();
        access.addAppender(captured);
    }

    @AfterEach
    void release() {
        access.detachAppender(captured);
        access.setLevel(level);
    }

    private List<String> lines() {
        synchronized (captured) {
            return captured.list.stream()
                    .map(ILoggingEvent::getFormattedMessage)
                    .toList();
        }
    }

    @Test
    void aFullQueueDropsAndCountsInsteadOfWaiting() {
        AccessLog log = new AccessLog(3); // its writer not started yet: nothing leaves the queue
        for (int i = 0; i < 10; i++) {
            log.add(new AccessLog.Line("GET", "/api/v1/items/" + i, 200, 1500, "req" + i, null));
        }
        assertEquals(7, log.dropped());
        log.start();
        log.close(); // writes the three queued lines before it returns
        assertEquals(
                List.of(
                        "GET /api/v1/items/0 200 1.5ms request=req0 user=-",
                        "GET /api/v1/items/1 200 1.5ms request=req1 user=-",
                        "GET /api/v1/items/2 200 1.5ms request=req2 user=-"),
                lines());
    }

    @Test
    void linesAreCleanedAndCarryTheirIdsOnTheWritersThread() {
        AccessLog log = new AccessLog();
        log.start();
        log.add(new AccessLog.Line("GET", "/x\r\nINFO forged", 404, 250, "abc", "64b000000000000000000001"));
        log.close();
        assertEquals(0, log.dropped());
        ILoggingEvent event;
        synchronized (captured) {
            assertEquals(1, captured.list.size());
            event = captured.list.get(0);
        }
        String line = event.getFormattedMessage();
        assertEquals(-1, line.indexOf('\n'), line);
        assertEquals(-1, line.indexOf('\r'), line);
        assertEquals("abc", event.getMDCPropertyMap().get(RequestAttributes.MDC_REQUEST_ID));
        assertEquals("64b000000000000000000001", event.getMDCPropertyMap().get(RequestAttributes.MDC_USER_ID));
        assertEquals("instacrud-access-log", event.getThreadName());
    }
}
