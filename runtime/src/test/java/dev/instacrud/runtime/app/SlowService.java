package dev.instacrud.runtime.app;

import dev.instacrud.runtime.http.ApiResponse;
import dev.instacrud.runtime.http.Routes;
import java.net.URL;
import java.util.Map;

/**
 * A service run as a child JVM by {@link GracefulShutdownTest}, through the real {@code main} of generated
 * services: it has one slow public route, {@code GET /api/v1/slow}, that prints {@code SLOW STARTED} when it
 * begins and answers after {@code SLOW_MILLIS}.
 */
public final class SlowService {
    private SlowService() {}

    public static void main(String[] args) {
        // the test class path holds logback-test.xml; hide it so the service's own logging set-up (LOG_FORMAT) runs
        ClassLoader loader = SlowService.class.getClassLoader();
        Thread.currentThread().setContextClassLoader(new ClassLoader(loader) {
            @Override
            public URL getResource(String name) {
                return name.startsWith("logback") ? null : super.getResource(name);
            }
        });
        long slow = Long.parseLong(System.getenv().getOrDefault("SLOW_MILLIS", "3000"));
        ServiceDefinition definition = ServiceDefinition.builder("slow")
                .routes(data -> {
                    Routes routes = new Routes();
                    routes.get("/api/v1/slow", request -> {
                                System.out.println("SLOW STARTED");
                                System.out.flush();
                                Thread.sleep(slow);
                                return ApiResponse.ok(Map.of("done", true));
                            })
                            .publicRoute();
                    return routes;
                })
                .build();
        ServiceRunner.main(definition, args);
    }
}
