package dev.instacrud.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.mongodb.ConnectionString;
import com.mongodb.MongoCommandException;
import com.mongodb.MongoSecurityException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.bson.BsonDocument;
import org.bson.RawBsonDocument;
import org.bson.codecs.BsonDocumentCodec;
import org.bson.io.BasicOutputBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10, item 9: the embedded store is the service's alone. On disk, its directory is 0700 and its files
 * 0600; on the wire, another local client that does not hold the per-start credential reads nothing, neither
 * through the driver ({@code listDatabases}, {@code find}) nor through a hand-made legacy {@code OP_QUERY}.
 */
class EmbeddedStoreAccessTest {
    static final String SECRET_HASH = "{bcrypt}$2a$12$not-a-real-hash-but-private-all-the-same";

    @Test
    void theDataDirectoryAndItsFilesAreTheOwnersOnly(@TempDir Path dir) throws Exception {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"), "POSIX file system");
        Path data = dir.resolve("data");
        for (int start = 0; start < 2; start++) {
            try (EmbeddedMongo store = EmbeddedMongo.start(data, Clock.systemUTC());
                    MongoClient client = MongoClients.create(store.connectionString())) {
                client.getDatabase("svc_system")
                        .getCollection("users")
                        .insertOne(new org.bson.Document("email", "ada@example.com").append("hash", SECRET_HASH));
                assertOwnerOnly(data);
            }
            assertOwnerOnly(data); // closing compacts the file: still the owner's only
        }
    }

    @Test
    void aClientWithoutTheCredentialReadsNothing() throws Exception {
        try (EmbeddedMongo store = EmbeddedMongo.startInMemory(Clock.systemUTC());
                MongoClient service = MongoClients.create(store.connectionString())) {
            service.getDatabase("svc_system")
                    .getCollection("users")
                    .insertOne(new org.bson.Document("email", "ada@example.com").append("hash", SECRET_HASH));
            String hostAndPort =
                    new ConnectionString(store.connectionString()).getHosts().get(0);

            try (MongoClient stranger =
                    MongoClients.create("mongodb://" + hostAndPort + "/?serverSelectionTimeoutMS=5000")) {
                MongoCommandException list = assertThrows(
                        MongoCommandException.class,
                        () -> stranger.listDatabaseNames().into(new ArrayList<>()));
                assertEquals(13, list.getErrorCode(), list.getMessage()); // Unauthorized
                MongoCommandException find = assertThrows(
                        MongoCommandException.class,
                        () -> stranger.getDatabase("svc_system")
                                .getCollection("users")
                                .find()
                                .first());
                assertEquals(13, find.getErrorCode(), find.getMessage());
                assertThrows(
                        MongoCommandException.class,
                        () -> stranger.getDatabase("svc_system")
                                .getCollection("users")
                                .insertOne(new org.bson.Document("email", "mallory@example.com")));
            }
            String wrongPassword = "mongodb://instacrud:guessed@" + hostAndPort
                    + "/?authSource=admin&authMechanism=SCRAM-SHA-256&serverSelectionTimeoutMS=5000";
            try (MongoClient guesser = MongoClients.create(wrongPassword)) {
                assertThrows(
                        MongoSecurityException.class,
                        () -> guesser.listDatabaseNames().into(new ArrayList<>()));
            }

            // below the driver: a legacy OP_QUERY on the collection, and on admin.$cmd
            String[] hostPort = hostAndPort.split(":");
            for (String[] query : List.of(
                    new String[] {"svc_system.users", "{}"}, new String[] {"admin.$cmd", "{\"listDatabases\": 1}"})) {
                String answer = legacyQuery(hostPort[0], Integer.parseInt(hostPort[1]), query[0], query[1]);
                assertFalse(answer.contains("ada@example.com"), query[0] + " answered " + answer);
                assertFalse(answer.contains("svc_system"), query[0] + " answered " + answer);
            }

            // and the service itself still reads and writes
            assertEquals(
                    SECRET_HASH,
                    service.getDatabase("svc_system")
                            .getCollection("users")
                            .find()
                            .first()
                            .getString("hash"));
        }
    }

    @Test
    void theCredentialChangesOnEveryStart() {
        String first;
        try (EmbeddedMongo store = EmbeddedMongo.startInMemory(Clock.systemUTC())) {
            first = new ConnectionString(store.connectionString()).getPassword() == null
                    ? ""
                    : new String(new ConnectionString(store.connectionString()).getPassword());
        }
        try (EmbeddedMongo store = EmbeddedMongo.startInMemory(Clock.systemUTC())) {
            char[] second = new ConnectionString(store.connectionString()).getPassword();
            assertFalse(second == null || second.length < 32, "a strong credential");
            assertFalse(first.equals(new String(second)), "a fresh credential per start");
        }
    }

    private static void assertOwnerOnly(Path data) throws IOException {
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(data)), data.toString());
        try (Stream<Path> files = Files.list(data)) {
            List<Path> all = files.toList();
            assertFalse(all.isEmpty());
            for (Path file : all) {
                assertEquals(
                        "rw-------",
                        PosixFilePermissions.toString(Files.getPosixFilePermissions(file)),
                        file.toString());
            }
        }
    }

    /** Sends one OP_QUERY and returns the reply's documents as text, or "" when the server closes the socket. */
    static String legacyQuery(String host, int port, String collection, String json) throws IOException {
        BasicOutputBuffer body = new BasicOutputBuffer();
        body.writeInt32(0); // flags
        body.writeCString(collection);
        body.writeInt32(0); // skip
        body.writeInt32(-1); // return one batch and close the cursor
        RawBsonDocument query = new RawBsonDocument(BsonDocument.parse(json), new BsonDocumentCodec());
        ByteBuffer bytes = query.getByteBuffer().asNIO();
        byte[] raw = new byte[bytes.remaining()];
        bytes.get(raw);
        body.writeBytes(raw);
        byte[] payload = body.toByteArray();
        ByteBuffer message = ByteBuffer.allocate(16 + payload.length).order(ByteOrder.LITTLE_ENDIAN);
        message.putInt(16 + payload.length).putInt(7).putInt(0).putInt(2004).put(payload);
        try (Socket socket = new Socket(host, port)) {
            socket.setSoTimeout(5000);
            socket.getOutputStream().write(message.array());
            DataInputStream in = new DataInputStream(socket.getInputStream());
            byte[] head = new byte[4];
            try {
                in.readFully(head);
            } catch (EOFException closed) {
                return "";
            }
            int length = ByteBuffer.wrap(head).order(ByteOrder.LITTLE_ENDIAN).getInt();
            byte[] rest = in.readNBytes(length - 4);
            ByteBuffer reply = ByteBuffer.wrap(rest).order(ByteOrder.LITTLE_ENDIAN);
            reply.position(12 + 4 + 8 + 4); // rest of the header, flags, cursor id, starting from
            int count = reply.getInt();
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < count; i++) {
                int size = ByteBuffer.wrap(rest, reply.position(), 4)
                        .order(ByteOrder.LITTLE_ENDIAN)
                        .getInt();
                text.append(new RawBsonDocument(rest, reply.position(), size).toJson());
                reply.position(reply.position() + size);
            }
            return text.toString();
        } catch (java.net.SocketException reset) {
            return "";
        }
    }
}
