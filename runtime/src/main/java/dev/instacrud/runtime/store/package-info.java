/**
 * The embedded MongoDB of development and tests ({@link EmbeddedMongo}): mongo-java-server on loopback over one H2
 * file made safe against process death ({@link CrashSafeH2Backend}), or in memory.
 *
 * <p>Must never: acknowledge a write before it is committed, listen beyond loopback, or be started in prod (the
 * data layer refuses).
 *
 * <p>May use: no other runtime package.
 */
package dev.instacrud.runtime.store;
