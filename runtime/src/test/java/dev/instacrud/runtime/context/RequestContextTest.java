package dev.instacrud.runtime.context;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

@SuppressWarnings("try") // the scope is held for its side effect
class RequestContextTest {
    static CurrentUser user(int n) {
        return new CurrentUser("user" + n, "u" + n + "@example.test", "org" + n, Role.USER);
    }

    @Test
    void nothingBoundFailsClosed() {
        assertTrue(RequestContext.user().isEmpty());
        assertTrue(RequestContext.requestId().isEmpty());
        assertThrows(IllegalStateException.class, RequestContext::requireUser);
    }

    @Test
    void clearedAfterTheHandlerThrows() {
        assertThrows(IllegalArgumentException.class, () -> {
            try (RequestContext.Scope ignored = RequestContext.bind("r1", user(1))) {
                assertEquals(user(1), RequestContext.requireUser());
                throw new IllegalArgumentException("handler failed");
            }
        });
        assertTrue(RequestContext.user().isEmpty());
        assertThrows(IllegalStateException.class, RequestContext::requireUser);
    }

    @Test
    void nestedBindingRestoresTheOuterOne() {
        try (RequestContext.Scope outer = RequestContext.bind("outer", user(1))) {
            try (RequestContext.Scope inner = RequestContext.bind("inner", null)) {
                assertTrue(RequestContext.user().isEmpty());
                assertEquals(Optional.of("inner"), RequestContext.requestId());
            }
            assertEquals(user(1), RequestContext.requireUser());
        }
        assertTrue(RequestContext.requestId().isEmpty());
    }

    @Test
    void concurrentRequestsNeverSeeEachOther() throws Exception {
        int threads = 16;
        CyclicBarrier barrier = new CyclicBarrier(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int n = t;
                results.add(pool.submit(() -> {
                    int checks = 0;
                    for (int round = 0; round < 200; round++) {
                        try (RequestContext.Scope ignored = RequestContext.bind("req-" + n + "-" + round, user(n))) {
                            if (round % 50 == 0) {
                                barrier.await(); // every thread holds its own binding at the same instant
                            }
                            assertEquals(user(n), RequestContext.requireUser());
                            assertEquals(Optional.of("req-" + n + "-" + round), RequestContext.requestId());
                            checks++;
                        }
                    }
                    return checks;
                }));
            }
            for (Future<Integer> f : results) {
                assertEquals(200, f.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aPooledThreadDoesNotCarryTheLastCaller() throws Exception {
        ExecutorService single = Executors.newSingleThreadExecutor();
        try {
            single.submit(() -> {
                try (RequestContext.Scope ignored = RequestContext.bind("a", user(1))) {
                    throw new IllegalStateException("request A failed");
                }
            });
            Optional<CurrentUser> seenByNext =
                    single.submit(RequestContext::user).get();
            assertTrue(seenByNext.isEmpty(), "the next request on the same thread starts with no caller");
            assertTrue(single.submit(() -> RequestContext.requestId().isEmpty()).get());
        } finally {
            single.shutdownNow();
        }
    }
}
