package dev.instacrud.bench.load;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A service under test started as its own process ({@code java -jar ...}) on a free loopback port given in the
 * {@code PORT} environment variable, with a fresh temporary {@code DATA_DIR} (deleted on close), timed from launch
 * to its first 200 on the health path. Linux only for
 * {@link #peakRssKiB()} (it reads {@code VmHWM} from {@code /proc/PID/status}).
 */
public final class ServiceProcess implements AutoCloseable {

    private final Process process;
    private final int port;
    private final Path log;
    private final Path dataDir;
    private final double startupMillis;
    private final long startupCpuMillis;

    private ServiceProcess(
            Process process, int port, Path log, Path dataDir, double startupMillis, long startupCpuMillis) {
        this.process = process;
        this.port = port;
        this.log = log;
        this.dataDir = dataDir;
        this.startupMillis = startupMillis;
        this.startupCpuMillis = startupCpuMillis;
    }

    /**
     * Starts {@code command} with {@code PORT} set (plus {@code env}) and waits for {@code 200} on {@code healthPath}.
     *
     * @throws IOException when it exits or does not answer 200 within {@code timeout} (its output is in the message)
     */
    public static ServiceProcess start(
            List<String> command, Map<String, String> env, String healthPath, Duration timeout)
            throws IOException, InterruptedException {
        int port = freePort();
        Path log = Files.createTempFile("instacrud-bench-service-", ".log");
        Path dataDir = Files.createTempDirectory("instacrud-bench-data-");
        ProcessBuilder pb =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().putAll(env);
        pb.environment().put("PORT", Integer.toString(port));
        pb.environment().put("DATA_DIR", dataDir.toString());
        URI base = URI.create("http://127.0.0.1:" + port);
        RequestTemplate.Request health =
                new RequestTemplate("health", "GET", healthPath, Map.of(), null).resolve(0, List.of());
        long t0 = System.nanoTime();
        Process process = pb.start();
        long deadline = t0 + timeout.toNanos();
        Transport transport = new SocketTransport();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("service exited with " + process.exitValue() + ":\n" + Files.readString(log));
            }
            try (Transport.Connection c = transport.open(base)) {
                if (c.send(health).status() == 200) {
                    double millis = (System.nanoTime() - t0) / 1e6;
                    return new ServiceProcess(process, port, log, dataDir, millis, cpuMillis(process.pid()));
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(2);
        }
        process.destroyForcibly();
        throw new IOException("no 200 on " + healthPath + " within " + timeout + ":\n" + Files.readString(log));
    }

    /** Where it listens. */
    public URI base() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** Milliseconds from launch to the first 200 on the health path. */
    public double startupMillis() {
        return startupMillis;
    }

    /**
     * CPU time (user + system, every thread) the process had used at its first 200, ms; -1 when /proc is not there.
     * On a shared machine it moves much less with the load than the wall time does.
     */
    public long startupCpuMillis() {
        return startupCpuMillis;
    }

    // utime + stime from /proc/PID/stat, in clock ticks of 10 ms (USER_HZ is 100 on Linux)
    private static long cpuMillis(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** Peak resident set size so far (VmHWM), KiB; -1 when /proc is not there. */
    public long peakRssKiB() {
        return peakRssKiB(process.pid());
    }

    /** Resident set size now (VmRSS), KiB; -1 when /proc is not there. */
    public long rssKiB() {
        return status(process.pid(), "VmRSS:");
    }

    /** Peak resident set size (VmHWM) of process {@code pid}, KiB; -1 when unknown. */
    public static long peakRssKiB(long pid) {
        return status(pid, "VmHWM:");
    }

    private static long status(long pid, String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith(field)) {
                    return Long.parseLong(
                            line.substring(field.length()).replace("kB", "").trim());
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    /** The process id (for a profiler or {@code jcmd}). */
    public long pid() {
        return process.pid();
    }

    /** Stops the process (SIGTERM, then SIGKILL after 10 s) and deletes its log and data folder. */
    @Override
    public void close() throws IOException {
        process.destroy();
        try {
            if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        Files.deleteIfExists(log);
        try (var files = Files.walk(dataDir)) {
            files.sorted(java.util.Comparator.reverseOrder())
                    .forEach(p -> p.toFile().delete());
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
