package dev.instacrud.runtime.app;

import java.io.IOException;
import java.net.BindException;

/**
 * The service could not listen because its port (or the metrics port) is taken or not available on that
 * interface: an operator's problem with a plain message, not a crash. Its message names the address and what to
 * do.
 */
public final class PortInUseException extends IOException {
    private static final long serialVersionUID = 1L;

    PortInUseException(String host, int port, int metricsPort, IOException cause) {
        super(
                "cannot listen on " + host + ":" + port + (metricsPort >= 0 ? " (metrics " + metricsPort + ")" : "")
                        + ": "
                        + (cause.getMessage() == null
                                ? "address in use"
                                : cause.getMessage().toLowerCase(java.util.Locale.ROOT))
                        + "; stop what uses it, or choose another port (PORT, --port)",
                cause);
    }

    static boolean isBindFailure(IOException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BindException) {
                return true;
            }
        }
        return false;
    }
}
