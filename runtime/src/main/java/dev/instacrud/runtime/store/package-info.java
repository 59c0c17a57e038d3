/**
 * What the data layer needs of the embedded MongoDB of development and tests: {@link EmbeddedStore} and its {@link
 * EmbeddedStoreProvider}, found through {@code ServiceLoader}. The store itself (mongo-java-server on loopback over
 * one H2 file made safe against process death) is the optional module {@code instacrud-embedded}, so production
 * jars leave it out.
 *
 * <p>Must never: be started in prod (the data layer refuses), or pick one of several providers by class-path order.
 *
 * <p>May use: no other runtime package.
 */
package dev.instacrud.runtime.store;
