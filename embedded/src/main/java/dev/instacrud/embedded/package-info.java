/**
 * The embedded MongoDB of development and tests, an optional module: {@link EmbeddedMongo}, mongo-java-server on
 * loopback over one H2 file made safe against process death ({@link CrashSafeH2Backend}) and closed to everyone but
 * the service ({@link ScramGate}), or in memory; {@link Provider} hands it to the runtime's data layer through
 * {@code ServiceLoader}. {@code instacrud run} and a generated project's development jar carry it; production jars
 * leave it out.
 *
 * <p>Must never: acknowledge a write before it is committed, listen beyond loopback, answer a client that is not the
 * service, or be started in prod (the data layer refuses).
 */
package dev.instacrud.embedded;
