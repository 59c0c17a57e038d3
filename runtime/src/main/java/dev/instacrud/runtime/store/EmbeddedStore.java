package dev.instacrud.runtime.store;

/**
 * The embedded MongoDB of development and tests, as the data layer sees it: a MongoDB-wire-protocol server on
 * loopback that only this service can use, kept in one file of the data directory ({@value #STORE_FILE}) or in
 * memory. Its implementation is not part of the runtime: the optional module {@code instacrud-embedded}
 * (mongo-java-server over H2) provides it ({@link EmbeddedStoreProvider}), so a production jar built without that
 * module carries none of it, and a service needs {@code MONGO_URL} there.
 */
public interface EmbeddedStore extends AutoCloseable {
    /** The file name of the store inside the data directory. */
    String STORE_FILE = "instacrud.mv.db";

    /** The driver's connection string, with this start's credential: never log it. */
    String connectionString();

    /** Stops listening, commits and compacts the store. */
    @Override
    void close();
}
