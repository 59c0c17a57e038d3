package dev.instacrud.embedded;

import de.bwaldvogel.mongo.backend.Utils;
import de.bwaldvogel.mongo.bson.BinData;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Who may talk to the embedded server: only connections that proved, with SCRAM-SHA-256 (RFC 5802, RFC 7677,
 * as MongoDB runs it through {@code saslStart}/{@code saslContinue}), that they hold this start's random
 * password. mongo-java-server has no authentication of its own, and the driver cannot reach it without TCP
 * (its Netty transport needs a {@code SocketChannel}, which Netty's in-process {@code LocalChannel} is not), so
 * without this any local user could read the users collection through the loopback port.
 *
 * <p>Before a connection has authenticated it may only run the handshake ({@code isMaster}/{@code hello}) and
 * the SASL conversation; anything else answers {@code Unauthorized} (code 13). The password never leaves the
 * process except inside the service's own connection string, and only its salted keys are kept here. State is
 * per connection and dropped when the connection closes. Thread-safe.
 */
final class ScramGate {
    /** The only user name. */
    static final String USER = "instacrud";

    private static final String MECHANISM = "SCRAM-SHA-256";
    private static final int ITERATIONS = 15_000; // MongoDB's default for SCRAM-SHA-256
    private static final Set<String> OPEN_COMMANDS = Set.of("ismaster", "hello", "saslstart", "saslcontinue");
    private static final int CONVERSATION_ID = 1;

    private final SecureRandom random = new SecureRandom();
    private final String password;
    private final byte[] salt = new byte[28];
    private final byte[] storedKey;
    private final byte[] serverKey;
    private final Map<Channel, String[]> conversations = new ConcurrentHashMap<>();
    private final Set<Channel> authenticated = ConcurrentHashMap.newKeySet();

    ScramGate() {
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        random.nextBytes(salt);
        // base64url is plain ASCII: SASLprep leaves it as it is, and it needs no escaping in a URL
        password = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        byte[] salted = pbkdf2(password, salt);
        storedKey = sha256(hmac(salted, "Client Key"));
        serverKey = hmac(salted, "Server Key");
    }

    /** The user info of a connection string: {@code instacrud:<password>}. */
    String userInfo() {
        return USER + ":" + password;
    }

    /** The connection-string options that make the driver authenticate the way this gate expects. */
    static String options() {
        return "authSource=admin&authMechanism=" + MECHANISM;
    }

    /**
     * Answers the SASL commands, refuses anything else from a connection that has not authenticated, and
     * returns {@code null} for a command the backend may run.
     */
    Document intercept(Channel channel, String database, String command, Document body) {
        String name = command.toLowerCase(Locale.ROOT);
        if (name.equals("saslstart")) {
            return start(channel, database, body);
        }
        if (name.equals("saslcontinue")) {
            return finish(channel, body);
        }
        if (authenticated.contains(channel) || OPEN_COMMANDS.contains(name)) {
            return null;
        }
        return error(13, "Unauthorized", "command " + command + " requires authentication");
    }

    /** Whether this connection has authenticated. */
    boolean isAuthenticated(Channel channel) {
        return authenticated.contains(channel);
    }

    /** Forgets a closed connection. */
    void forget(Channel channel) {
        authenticated.remove(channel);
        conversations.remove(channel);
    }

    // client-first "n,,n=<user>,r=<client nonce>" -> server-first "r=<client+server nonce>,s=<salt>,i=<iterations>"
    private Document start(Channel channel, String database, Document body) {
        conversations.remove(channel);
        String clientFirst = payload(body);
        if (!"admin".equals(database) || !MECHANISM.equals(body.get("mechanism")) || clientFirst == null) {
            return failed();
        }
        if (!clientFirst.startsWith("n,,")) {
            return failed(); // channel binding is not offered
        }
        String bare = clientFirst.substring(3);
        Map<String, String> fields = attributes(bare);
        String clientNonce = fields.get("r");
        if (!USER.equals(fields.get("n")) || clientNonce == null || clientNonce.isEmpty()) {
            return failed();
        }
        byte[] serverNonce = new byte[24];
        random.nextBytes(serverNonce);
        String nonce = clientNonce + Base64.getEncoder().encodeToString(serverNonce);
        String serverFirst = "r=" + nonce + ",s=" + Base64.getEncoder().encodeToString(salt) + ",i=" + ITERATIONS;
        conversations.put(channel, new String[] {bare, serverFirst, nonce});
        return reply(false, serverFirst);
    }

    // client-final "c=biws,r=<nonce>,p=<proof>" -> server-final "v=<server signature>"
    private Document finish(Channel channel, Document body) {
        String[] conversation = conversations.remove(channel);
        String clientFinal = payload(body);
        if (conversation == null
                || clientFinal == null
                || !Integer.valueOf(CONVERSATION_ID).equals(body.get("conversationId"))) {
            return failed();
        }
        int proofAt = clientFinal.lastIndexOf(",p=");
        if (proofAt < 0) {
            return failed();
        }
        String withoutProof = clientFinal.substring(0, proofAt);
        Map<String, String> fields = attributes(withoutProof);
        if (!"biws".equals(fields.get("c")) || !conversation[2].equals(fields.get("r"))) {
            return failed();
        }
        byte[] proof;
        try {
            proof = Base64.getDecoder().decode(clientFinal.substring(proofAt + 3));
        } catch (IllegalArgumentException e) {
            return failed();
        }
        byte[] authMessage =
                (conversation[0] + "," + conversation[1] + "," + withoutProof).getBytes(StandardCharsets.UTF_8);
        byte[] clientSignature = hmac(storedKey, authMessage);
        if (proof.length != clientSignature.length) {
            return failed();
        }
        byte[] clientKey = new byte[proof.length];
        for (int i = 0; i < proof.length; i++) {
            clientKey[i] = (byte) (proof[i] ^ clientSignature[i]);
        }
        if (!MessageDigest.isEqual(sha256(clientKey), storedKey)) {
            return failed();
        }
        authenticated.add(channel);
        return reply(true, "v=" + Base64.getEncoder().encodeToString(hmac(serverKey, authMessage)));
    }

    private static Map<String, String> attributes(String message) {
        Map<String, String> out = new java.util.HashMap<>();
        for (String part : message.split(",")) {
            if (part.length() >= 2 && part.charAt(1) == '=') {
                out.putIfAbsent(part.substring(0, 1), part.substring(2));
            }
        }
        return out;
    }

    private static String payload(Document body) {
        Object payload = body.get("payload");
        return payload instanceof BinData data ? new String(data.getData(), StandardCharsets.UTF_8) : null;
    }

    private static Document reply(boolean done, String payload) {
        Document reply = new Document("conversationId", CONVERSATION_ID)
                .append("done", done)
                .append("payload", new BinData(payload.getBytes(StandardCharsets.UTF_8)));
        Utils.markOkay(reply);
        return reply;
    }

    private static Document failed() {
        return error(18, "AuthenticationFailed", "Authentication failed.");
    }

    private static Document error(int code, String codeName, String message) {
        return new Document("ok", 0.0)
                .append("errmsg", message)
                .append("code", code)
                .append("codeName", codeName);
    }

    private static byte[] pbkdf2(String password, byte[] salt) {
        try {
            PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, ITERATIONS, 256);
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                    .generateSecret(spec)
                    .getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is unavailable", e);
        }
    }

    private static byte[] hmac(byte[] key, String text) {
        return hmac(key, text.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is unavailable", e);
        }
    }
}
