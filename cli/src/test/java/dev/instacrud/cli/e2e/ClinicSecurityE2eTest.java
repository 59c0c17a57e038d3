package dev.instacrud.cli.e2e;

import static dev.instacrud.cli.e2e.Http.expect;
import static dev.instacrud.cli.e2e.Http.q;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.instacrud.cli.e2e.E2eService.User;
import dev.instacrud.runtime.oauth.SessionCodes;
import dev.instacrud.runtime.testing.FakeOidcProvider;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.slf4j.LoggerFactory;

/**
 * The clinic sample, generated, compiled and started as {@code instacrud run} does ({@code MODE=dev}, rate
 * limits on, loopback port, embedded MongoDB), driven over HTTP by two organisations with several users
 * each (and a third for the load test). Each client has its own IP behind the trusted loopback proxy, so
 * per-IP limits stay per client. The leak and log checks run last, over everything the suite saw.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClinicSecurityE2eTest {
    static final String SSN_B = "SSN-B-771-20-4410";
    static final String INSURANCE_B = "INS-B-90817263";
    static final String IMAGE_BASE64 =
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";

    static final ListAppender<ILoggingEvent> LOG = new ListAppender<>();
    static Level oldLevel;
    static FakeOidcProvider provider;
    static E2eService svc;
    static User adminA;
    static User userA;
    static User readerA;
    static User adminB;
    static User userB;
    static String wardA;
    static String wardB;
    static String patientB;
    static final List<String> SESSION_CODES = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Logger instacrud = (Logger) LoggerFactory.getLogger("dev.instacrud");
        oldLevel = instacrud.getLevel();
        instacrud.setLevel(Level.INFO);
        LOG.start();
        root.addAppender(LOG);

        provider = new FakeOidcProvider();
        // The clinic spec offers google; the generic provider variables point "google" at the loopback fake.
        svc = E2eService.start("clinic.yaml", provider.env("google"));
        adminA = svc.signupAdmin("admin@a.example.com", "Org A");
        userA = svc.invite(adminA, "user@a.example.com", "USER");
        readerA = svc.invite(adminA, "reader@a.example.com", "READ_ONLY");
        adminB = svc.signupAdmin("admin@b.example.com", "Org B");
        userB = svc.invite(adminB, "user@b.example.com", "USER");
        wardA = svc.create(adminA, "wards", "{\"name\":\"North\",\"floor\":1}")
                .get("id")
                .asText();
        wardB = svc.create(adminB, "wards", "{\"name\":\"North\",\"floor\":2}")
                .get("id")
                .asText();
        patientB = svc.create(
                        userB,
                        "patients",
                        patient(
                                "Bea Brown",
                                wardB,
                                ", \"ssn\":\"" + SSN_B + "\", \"insuranceNumber\":\"" + INSURANCE_B
                                        + "\", \"tags\":[\"b\"]"))
                .get("id")
                .asText();
    }

    @AfterAll
    static void stop() throws Exception {
        if (svc != null) {
            svc.close();
        }
        provider.close();
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(LOG);
        ((Logger) LoggerFactory.getLogger("dev.instacrud")).setLevel(oldLevel);
    }

    static String patient(String name, String ward, String more) {
        return "{\"fullName\":\"" + name + "\",\"ward\":\"" + ward + "\"" + more + "}";
    }

    static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.get("items").forEach(item -> ids.add(item.get("id").asText()));
        return ids;
    }

    static JsonNode list(User user, String path, String filter) throws Exception {
        return expect(200, svc.get(user, path + "?limit=500" + (filter == null ? "" : "&filter=" + q(filter))));
    }

    // ---- user store

    @Test
    @Order(1)
    void passwordsAreStoredAsBcryptHashes() {
        MongoCollection<Document> users = svc.service.data().systemDatabase().getCollection("users");
        for (User user : List.of(adminA, userA, readerA, adminB, userB)) {
            Document stored = users.find(Filters.eq("email", user.email())).first();
            String hash = stored.getString("passwordHash");
            assertTrue(hash.matches("\\{bcrypt}\\$2[aby]\\$04\\$[./A-Za-z0-9]{53}"), hash); // cost 4 from BCRYPT_COST
            assertFalse(stored.toJson().contains(E2eService.PASSWORD), "clear password stored");
        }
        // the same password, salted: five different hashes
        assertEquals(
                5,
                users.distinct("passwordHash", String.class)
                        .into(new HashSet<>())
                        .size());
    }

    // ---- tenancy

    @Test
    @Order(2)
    void eachOrganisationHasItsOwnDatabase() {
        var tenants = svc.service.data().tenants();
        String dbA = tenants.databaseName(adminA.orgId());
        String dbB = tenants.databaseName(adminB.orgId());
        assertNotEquals(dbA, dbB);
        assertTrue(dbA.contains(adminA.orgId()) && dbB.contains(adminB.orgId()), dbA + " " + dbB);
        assertNotEquals(svc.service.data().systemDatabase().getName(), dbA);

        MongoCollection<Document> wardsA = tenants.database(adminA.orgId()).getCollection("wards");
        MongoCollection<Document> wardsB = tenants.database(adminB.orgId()).getCollection("wards");
        assertEquals(1, wardsA.countDocuments(Filters.eq("_id", new ObjectId(wardA))));
        assertEquals(0, wardsA.countDocuments(Filters.eq("_id", new ObjectId(wardB))));
        assertEquals(1, wardsB.countDocuments(Filters.eq("_id", new ObjectId(wardB))));
        assertEquals(0, wardsB.countDocuments(Filters.eq("_id", new ObjectId(wardA))));
        assertEquals(
                1,
                tenants.database(adminB.orgId())
                        .getCollection("patients")
                        .countDocuments(Filters.eq("_id", new ObjectId(patientB))));
        assertEquals(
                0,
                tenants.database(adminA.orgId())
                        .getCollection("patients")
                        .countDocuments(Filters.eq("_id", new ObjectId(patientB))));
        assertFalse(svc.service
                .data()
                .systemDatabase()
                .listCollectionNames()
                .into(new ArrayList<>())
                .contains("patients"));
    }

    @Test
    @Order(3)
    void anotherOrganisationsDocumentsAreNotFoundAndUnchanged() throws Exception {
        String before = expect(200, svc.get(userB, "patients/" + patientB)).toString();
        String wardBefore = expect(200, svc.get(adminB, "wards/" + wardB)).toString();
        String missing = new ObjectId().toHexString();
        JsonNode notFound = expect(404, svc.get(adminA, "patients/" + missing));
        for (User intruder : List.of(adminA, userA)) {
            JsonNode got = expect(404, svc.get(intruder, "patients/" + patientB));
            assertEquals(notFound.get("detail"), got.get("detail"), "a foreign document answers like a missing one");
            expect(
                    404,
                    svc.http.json(
                            "PUT", "/api/v1/patients/" + patientB, patient("Hacked", wardA, ""), intruder.auth()));
            expect(
                    404,
                    svc.http.send(
                            "PATCH",
                            "/api/v1/patients/" + patientB,
                            "application/merge-patch+json",
                            "{\"fullName\":\"Hacked\"}",
                            intruder.auth()));
            expect(
                    404,
                    svc.http.json(
                            "PATCH", "/api/v1/patients/" + patientB, "{\"fullName\":\"Hacked\"}", intruder.auth()));
            expect(404, svc.http.send("DELETE", "/api/v1/patients/" + patientB, null, null, intruder.auth()));
            assertFalse(ids(list(intruder, "patients", null)).contains(patientB));
            assertEquals(
                    0,
                    list(intruder, "patients", "{\"fullName\":\"Bea Brown\"}")
                            .get("total")
                            .asInt());
        }
        expect(404, svc.http.json("PUT", "/api/v1/wards/" + wardB, "{\"name\":\"Taken\"}", adminA.auth()));
        expect(404, svc.http.json("PATCH", "/api/v1/wards/" + wardB, "{\"floor\":9}", adminA.auth()));
        expect(404, svc.http.send("DELETE", "/api/v1/wards/" + wardB, null, null, adminA.auth()));
        assertEquals(before, expect(200, svc.get(userB, "patients/" + patientB)).toString());
        assertEquals(wardBefore, expect(200, svc.get(adminB, "wards/" + wardB)).toString());
    }

    @Test
    @Order(4)
    void listsNeverMixOrganisationsUnderConcurrentLoad() throws Exception {
        User adminC = svc.signupAdmin("admin@c.example.com", "Org C");
        String wardC =
                svc.create(adminC, "wards", "{\"name\":\"North\"}").get("id").asText();
        Map<String, String> wardOf = Map.of(adminA.orgId(), wardA, adminB.orgId(), wardB, adminC.orgId(), wardC);
        List<User> clients = List.of(adminA, userA, adminB, userB, adminC);
        Map<String, Set<String>> created = new ConcurrentHashMap<>();
        Map<String, Integer> totalBefore = new LinkedHashMap<>();
        for (User u : List.of(adminA, adminB, adminC)) {
            totalBefore.put(u.orgId(), list(u, "patients", null).get("total").asInt());
            created.put(u.orgId(), ConcurrentHashMap.newKeySet());
        }
        List<String> problems = new CopyOnWriteArrayList<>();
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(clients.size());
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (User u : clients) {
                futures.add(pool.submit(() -> {
                    go.await();
                    for (int i = 0; i < 12; i++) {
                        String id = svc.create(
                                        u,
                                        "patients",
                                        patient("Load Test", wardOf.get(u.orgId()), ",\"tags\":[\"load\"]"))
                                .get("id")
                                .asText();
                        created.get(u.orgId()).add(id);
                        JsonNode page = list(u, "patients", "{\"tags\":\"load\"}");
                        for (JsonNode item : page.get("items")) {
                            if (!item.get("ward").asText().equals(wardOf.get(u.orgId()))) {
                                problems.add(u.email() + " saw " + item);
                            }
                        }
                        for (var other : created.entrySet()) {
                            if (!other.getKey().equals(u.orgId())
                                    && !other.getValue().isEmpty()) {
                                String foreign = other.getValue().iterator().next();
                                int status = svc.get(u, "patients/" + foreign).statusCode();
                                if (status != 404) {
                                    problems.add(u.email() + " read " + foreign + ": " + status);
                                }
                            }
                        }
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(List.of(), problems);
        for (User u : List.of(adminA, adminB, adminC)) {
            JsonNode page = list(u, "patients", "{\"tags\":\"load\"}");
            assertEquals(created.get(u.orgId()), new HashSet<>(ids(page)), u.email());
            assertEquals(
                    totalBefore.get(u.orgId()) + created.get(u.orgId()).size(),
                    list(u, "patients", null).get("total").asInt());
        }
        assertEquals(12 * 2, created.get(adminA.orgId()).size());
    }

    // ---- query guard

    @Test
    @Order(5)
    void dangerousOperatorsAre400NamingTheOperator() throws Exception {
        Map<String, String> refused = new LinkedHashMap<>();
        refused.put("{\"$where\":\"this.ssn.length > 0\"}", "$where");
        refused.put("{\"$and\":[{\"fullName\":\"Ann\"},{\"$where\":\"sleep(1000)\"}]}", "$where");
        refused.put("{\"$or\":[{\"$nor\":[{\"$where\":\"true\"}]}]}", "$where");
        refused.put(
                "{\"fullName\":{\"$function\":{\"body\":\"function(){return true}\",\"args\":[],\"lang\":\"js\"}}}",
                "$function");
        refused.put("{\"fullName\":{\"$regex\":\".*\"}}", "$regex");
        refused.put("{\"$expr\":{\"$eq\":[\"$fullName\",\"$fullName\"]}}", "$expr");
        refused.put("{\"$text\":{\"$search\":\"Bea\"}}", "$text");
        refused.put("{\"fullName\":{\"$fancy\":1}}", "$fancy");
        for (var c : refused.entrySet()) {
            JsonNode problem = expect(400, svc.get(adminA, "patients?filter=" + q(c.getKey())));
            assertTrue(problem.get("detail").asText().contains(c.getValue()), c.getKey() + " -> " + problem);
            assertTrue(problem.get("errors").toString().contains(c.getValue()), problem.toString());
        }
        String deep = "{\"fullName\":\"Ann\"}";
        for (int i = 0; i < 15; i++) {
            deep = "{\"$and\":[" + deep + "]}";
        }
        JsonNode tooDeep = expect(400, svc.get(adminA, "patients?filter=" + q(deep)));
        assertEquals("too_deep", tooDeep.get("errors").get(0).get("type").asText(), tooDeep.toString());
        // a secret field cannot be probed through filters either
        expect(400, svc.get(adminB, "patients?filter=" + q("{\"ssn\":\"" + SSN_B + "\"}")));
    }

    @Test
    @Order(6)
    void allowlistedOperatorsWork() throws Exception {
        String ann = svc.create(
                        adminA,
                        "patients",
                        patient(
                                "Ann Lee",
                                wardA,
                                ",\"tags\":[\"ops\",\"x\"],\"contacts\":[{\"name\":\"Dr Who\",\"phone\":\"+44 1234567\",\"kind\":\"doctor\"}]"))
                .get("id")
                .asText();
        String ben = svc.create(
                        adminA, "patients", patient("Ben Ray", wardA, ",\"tags\":[\"ops\"],\"status\":\"discharged\""))
                .get("id")
                .asText();
        String cy = svc.create(
                        userA,
                        "patients",
                        patient(
                                "Cy Obi",
                                wardA,
                                ",\"tags\":[\"ops\",\"y\"],\"contacts\":[{\"name\":\"Mum\",\"phone\":\"+44 7654321\",\"kind\":\"family\"}]"))
                .get("id")
                .asText();
        Map<String, Set<String>> cases = new LinkedHashMap<>();
        cases.put("{\"fullName\":{\"$in\":[\"Ann Lee\",\"Cy Obi\"]}}", Set.of(ann, cy));
        cases.put("{\"status\":{\"$not\":{\"$eq\":\"admitted\"}}}", Set.of(ben));
        cases.put("{\"$nor\":[{\"fullName\":\"Ann Lee\"},{\"fullName\":\"Ben Ray\"}]}", Set.of(cy));
        cases.put("{\"contacts\":{\"$elemMatch\":{\"kind\":\"doctor\"}}}", Set.of(ann));
        cases.put("{\"$and\":[{\"tags\":\"y\"},{\"status\":\"admitted\"}]}", Set.of(cy));
        for (var c : cases.entrySet()) {
            JsonNode page = list(adminA, "patients", "{\"$and\":[{\"tags\":\"ops\"}," + c.getKey() + "]}");
            assertEquals(c.getValue(), new HashSet<>(ids(page)), c.getKey());
            assertEquals(c.getValue().size(), page.get("total").asInt());
        }
    }

    // ---- writes

    @Test
    @Order(7)
    void auditFieldsAreSetByTheServer() throws Exception {
        Instant t0 = Instant.now();
        JsonNode created = svc.create(adminA, "patients", patient("Audit Case", wardA, ""));
        String id = created.get("id").asText();
        Instant createdAt = Instant.parse(created.get("createdAt").asText());
        assertFalse(
                createdAt.isBefore(t0.minusSeconds(1))
                        || createdAt.isAfter(Instant.now().plusSeconds(1)),
                createdAt.toString());
        assertEquals(adminA.id(), created.get("createdBy").asText());
        assertEquals(adminA.id(), created.get("updatedBy").asText());
        assertEquals(created.get("createdAt"), created.get("updatedAt"));

        // client-sent audit fields change nothing: the input shapes do not have them
        String forged = ",\"createdBy\":\"" + adminB.id() + "\",\"createdAt\":\"2000-01-01T00:00:00Z\",\"updatedBy\":\""
                + adminB.id() + "\"";
        JsonNode refused = expect(
                422, svc.http.json("POST", "/api/v1/patients", patient("Forged Audit", wardA, forged), userA.auth()));
        assertTrue(refused.get("errors").toString().contains("createdBy"), refused.toString());
        assertEquals(
                0,
                list(adminA, "patients", "{\"fullName\":\"Forged Audit\"}")
                        .get("total")
                        .asInt());
        expect(
                422,
                svc.http.json(
                        "PATCH",
                        "/api/v1/patients/" + id,
                        "{\"createdAt\":\"2000-01-01T00:00:00Z\",\"createdBy\":\"" + adminB.id() + "\"}",
                        userA.auth()));
        assertEquals(
                created.toString(),
                expect(200, svc.get(adminA, "patients/" + id)).toString());

        Thread.sleep(5);
        JsonNode patched = expect(
                200,
                svc.http.send(
                        "PATCH",
                        "/api/v1/patients/" + id,
                        "application/merge-patch+json",
                        "{\"status\":\"discharged\"}",
                        userA.auth()));
        assertEquals("discharged", patched.get("status").asText());
        assertEquals(created.get("createdAt"), patched.get("createdAt"));
        assertEquals(adminA.id(), patched.get("createdBy").asText());
        assertEquals(userA.id(), patched.get("updatedBy").asText());
        assertTrue(Instant.parse(patched.get("updatedAt").asText()).isAfter(createdAt), patched.toString());

        Thread.sleep(5);
        JsonNode replaced = expect(
                200,
                svc.http.json(
                        "PUT",
                        "/api/v1/patients/" + id,
                        patient("Audit Case", wardA, ",\"tags\":[\"put\"]"),
                        adminA.auth()));
        assertEquals(created.get("createdAt"), replaced.get("createdAt"));
        assertEquals(adminA.id(), replaced.get("createdBy").asText());
        assertEquals(adminA.id(), replaced.get("updatedBy").asText());
        assertTrue(Instant.parse(replaced.get("updatedAt").asText())
                .isAfter(Instant.parse(patched.get("updatedAt").asText())));
        assertEquals(
                replaced.toString(),
                expect(200, svc.get(userA, "patients/" + id)).toString());
    }

    @Test
    @Order(8)
    void refsToMissingOrForeignDocumentsAre422() throws Exception {
        JsonNode missing = expect(
                422,
                svc.http.json(
                        "POST",
                        "/api/v1/patients",
                        patient("Ref Missing", new ObjectId().toHexString(), ""),
                        adminA.auth()));
        JsonNode foreign = expect(
                422, svc.http.json("POST", "/api/v1/patients", patient("Ref Foreign", wardB, ""), adminA.auth()));
        for (JsonNode problem : List.of(missing, foreign)) {
            JsonNode error = problem.get("errors").get(0);
            assertEquals("foreign_key", error.get("type").asText(), problem.toString());
            assertEquals("[\"body\",\"ward\"]", error.get("loc").toString());
        }
        assertEquals(
                missing.get("errors").get(0).get("msg"),
                foreign.get("errors").get(0).get("msg"),
                "foreign must look missing");
        String id = svc.create(adminA, "patients", patient("Ref Ok", wardA, ""))
                .get("id")
                .asText();
        expect(422, svc.http.json("PATCH", "/api/v1/patients/" + id, "{\"ward\":\"" + wardB + "\"}", adminA.auth()));
        assertEquals(
                wardA,
                expect(200, svc.get(adminA, "patients/" + id)).get("ward").asText());
        assertEquals(
                0,
                list(adminA, "patients", "{\"fullName\":{\"$in\":[\"Ref Missing\",\"Ref Foreign\"]}}")
                        .get("total")
                        .asInt());
    }

    @Test
    @Order(9)
    void validationErrorsListEveryFieldAndNothingIsCoerced() throws Exception {
        String body =
                "{\"fullName\":\"X\",\"email\":\"not-an-email\",\"weightKg\":0,\"scores\":[11],\"status\":\"gone\","
                        + "\"portalUrl\":\"ftp://example.com\",\"tags\":[\"a\",\"a\"],\"contacts\":[{\"name\":\"N\",\"phone\":\"abc\"}]}";
        JsonNode problem = expect(422, svc.http.json("POST", "/api/v1/patients", body, userA.auth()));
        Set<String> fields = new HashSet<>();
        for (JsonNode error : problem.get("errors")) {
            assertEquals("body", error.get("loc").get(0).asText(), error.toString());
            assertFalse(error.get("msg").asText().isBlank());
            assertFalse(error.get("type").asText().isBlank());
            fields.add(error.get("loc").get(1).asText());
        }
        assertEquals(
                Set.of("fullName", "ward", "email", "weightKg", "scores", "status", "portalUrl", "tags", "contacts"),
                fields,
                problem.toString());

        JsonNode coerced = expect(
                422, svc.http.json("POST", "/api/v1/wards", "{\"name\":\"Twelve\",\"floor\":\"12\"}", adminA.auth()));
        assertEquals(
                "[\"body\",\"floor\"]", coerced.get("errors").get(0).get("loc").toString());
        assertEquals("int_type", coerced.get("errors").get(0).get("type").asText());
        assertEquals(
                0, list(adminA, "wards", "{\"name\":\"Twelve\"}").get("total").asInt());
        // and a number where a string is declared
        expect(422, svc.http.json("POST", "/api/v1/wards", "{\"name\":12}", adminA.auth()));
    }

    @Test
    @Order(10)
    void readOnlyUsersReadButEveryWriteIs403() throws Exception {
        String id = svc.create(userA, "patients", patient("Read Only", wardA, ""))
                .get("id")
                .asText();
        String before = expect(200, svc.get(readerA, "patients/" + id)).toString();
        assertTrue(ids(list(readerA, "patients", null)).contains(id));
        assertTrue(ids(list(readerA, "wards", null)).contains(wardA));
        int total = list(adminA, "patients", null).get("total").asInt();
        expect(403, svc.http.json("POST", "/api/v1/patients", patient("Never Made", wardA, ""), readerA.auth()));
        expect(403, svc.http.json("PUT", "/api/v1/patients/" + id, patient("Changed", wardA, ""), readerA.auth()));
        expect(403, svc.http.json("PATCH", "/api/v1/patients/" + id, "{\"fullName\":\"Changed\"}", readerA.auth()));
        expect(403, svc.http.send("DELETE", "/api/v1/patients/" + id, null, null, readerA.auth()));
        expect(403, svc.http.json("POST", "/api/v1/wards", "{\"name\":\"Reader Ward\"}", readerA.auth()));
        expect(403, svc.http.send("DELETE", "/api/v1/wards/" + wardA, null, null, readerA.auth()));
        expect(
                403,
                svc.http.json(
                        "POST",
                        "/api/v1/auth/invitations",
                        "{\"email\":\"x@a.example.com\",\"role\":\"ORG_ADMIN\"}",
                        readerA.auth()));
        // the spec gives wards to ORG_ADMIN only: a USER is refused too
        expect(403, svc.http.json("POST", "/api/v1/wards", "{\"name\":\"User Ward\"}", userA.auth()));
        assertEquals(before, expect(200, svc.get(readerA, "patients/" + id)).toString());
        assertEquals(total, list(adminA, "patients", null).get("total").asInt());
    }

    @Test
    @Order(11)
    void malformedPathIdsAndMethodOverridesChangeNothing() throws Exception {
        String id = svc.create(userA, "patients", patient("Path Probe", wardA, ""))
                .get("id")
                .asText();
        int total = list(adminA, "patients", null).get("total").asInt();
        for (String raw : List.of(
                "{\"$gt\":\"\"}",
                "' OR '1'='1",
                "{\"$ne\":null}",
                "1; DROP TABLE patients",
                "0".repeat(24),
                id + "x")) {
            String path = "/api/v1/patients/" + q(raw).replace("+", "%20");
            for (String method : List.of("GET", "PUT", "PATCH", "DELETE")) {
                // valid bodies, so only the id can be at fault
                String body = method.equals("PUT")
                        ? patient("Path Probe", wardA, "")
                        : method.equals("PATCH") ? "{\"fullName\":\"Path Probe\"}" : null;
                int status = svc.http.json(method, path, body, adminA.auth()).statusCode();
                assertTrue(status == 400 || status == 404, method + " " + raw + " -> " + status);
            }
        }
        for (String traversal : List.of(
                "/api/v1/patients/..%2fwards", "/api/v1/patients/%2e%2e/wards", "/api/v1/patients/" + id + "/..;/x")) {
            int status =
                    svc.http.send("GET", traversal, null, null, adminA.auth()).statusCode();
            assertTrue(status >= 400 && status < 500, traversal + " -> " + status);
        }
        for (String header : List.of("X-HTTP-Method-Override", "X-HTTP-Method", "X-Method-Override")) {
            expect(200, svc.http.send("GET", "/api/v1/patients/" + id, null, null, adminA.auth(header, "DELETE")));
        }
        expect(200, svc.get(adminA, "patients/" + id));
        assertEquals(total, list(adminA, "patients", null).get("total").asInt());
    }

    // ---- tokens and sign-in

    /** The claims of a working token of userA's session (sid and epoch from the token the service issued). */
    static JWTClaimsSet.Builder claims(String subject) throws Exception {
        long now = System.currentTimeMillis();
        JWTClaimsSet issued = SignedJWT.parse(userA.bearer().substring(7)).getJWTClaimsSet();
        return new JWTClaimsSet.Builder()
                .issuer("instacrud")
                .audience("instacrud-api")
                .subject(subject)
                .issueTime(new Date(now))
                .expirationTime(new Date(now + 600_000))
                .jwtID(UUID.randomUUID().toString())
                .claim("sid", issued.getStringClaim("sid"))
                .claim("epoch", issued.getLongClaim("epoch"));
    }

    static String hmac(JWSAlgorithm alg, String secret, JWTClaimsSet claims) throws Exception {
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(alg).type(JOSEObjectType.JWT).build(), claims);
        jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
        return jwt.serialize();
    }

    @Test
    @Order(12)
    void forgedExpiredAndMalformedTokensAre401() throws Exception {
        String key = E2eService.SECRET_KEY;
        // the harness forges correctly: the real key gives a working token
        expect(
                200,
                svc.http.send(
                        "GET",
                        "/api/v1/patients",
                        null,
                        null,
                        "Authorization",
                        "Bearer "
                                + hmac(
                                        JWSAlgorithm.HS256,
                                        key,
                                        claims(userA.id()).build())));
        long past = System.currentTimeMillis() - 3_600_000;
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("alg none", "Bearer " + new PlainJWT(claims(userA.id()).build()).serialize());
        headers.put(
                "other key, role raised, org swapped",
                "Bearer "
                        + hmac(
                                JWSAlgorithm.HS256,
                                "another-key-another-key-another-key-0123",
                                claims(userA.id())
                                        .claim("role", "ORG_ADMIN")
                                        .claim("orgId", adminB.orgId())
                                        .build()));
        headers.put(
                "expired",
                "Bearer "
                        + hmac(
                                JWSAlgorithm.HS256,
                                key,
                                claims(userA.id())
                                        .issueTime(new Date(past))
                                        .expirationTime(new Date(past + 60_000))
                                        .build()));
        headers.put(
                "HS384",
                "Bearer " + hmac(JWSAlgorithm.HS384, key, claims(userA.id()).build()));
        headers.put(
                "HS512",
                "Bearer "
                        + hmac(JWSAlgorithm.HS512, key + key, claims(userA.id()).build())); // HS512 needs 64 bytes
        headers.put("empty", "");
        headers.put("Bearer", "Bearer");
        headers.put("Bearer abc.def.ghi", "Bearer abc.def.ghi");
        headers.put("10 KB", "Bearer " + "a".repeat(10_240));
        headers.put(
                "Basic",
                "Basic "
                        + java.util.Base64.getEncoder()
                                .encodeToString(
                                        (userA.email() + ":" + E2eService.PASSWORD).getBytes(StandardCharsets.UTF_8)));
        headers.put("Bearer null", "Bearer null");
        headers.put("Bearer undefined", "Bearer undefined");
        headers.put("no scheme", userA.bearer().substring(7));
        for (var c : headers.entrySet()) {
            for (String path : List.of("/api/v1/patients", "/api/v1/wards/" + wardB, "/api/v1/me")) {
                HttpResponse<String> response = svc.http.send("GET", path, null, null, "Authorization", c.getValue());
                expect(401, response);
                assertEquals("Bearer", Http.header(response, "WWW-Authenticate"), c.getKey());
            }
        }
        // without a token: every entity route and /me are 401; health and sign-in stay public
        for (String[] route : new String[][] {
            {"GET", "/api/v1/patients"},
            {"POST", "/api/v1/patients"},
            {"GET", "/api/v1/patients/" + patientB},
            {"PUT", "/api/v1/patients/" + patientB},
            {"PATCH", "/api/v1/patients/" + patientB},
            {"DELETE", "/api/v1/patients/" + patientB},
            {"GET", "/api/v1/wards"},
            {"POST", "/api/v1/wards"},
            {"GET", "/api/v1/me"},
            {"POST", "/api/v1/auth/invitations"}
        }) {
            expect(
                    401,
                    svc.http.json(
                            route[0], route[1], route[0].equals("GET") || route[0].equals("DELETE") ? null : "{}"));
        }
        expect(200, svc.http.send("GET", "/health", null, null));
        expect(200, svc.get(userB, "patients/" + patientB));
    }

    @Test
    @Order(13)
    void signinIsLimitedAfterFiveAttemptsPerMinute() throws Exception {
        String ip = E2eService.freshIp();
        for (int i = 0; i < 5; i++) {
            expect(
                    401,
                    svc.http.json(
                            "POST",
                            "/api/v1/auth/signin",
                            "{\"email\":\"user@a.example.com\",\"password\":\"wrong password " + i + "\"}",
                            "X-Forwarded-For",
                            ip));
        }
        HttpResponse<String> limited = svc.http.json(
                "POST",
                "/api/v1/auth/signin",
                "{\"email\":\"user@a.example.com\",\"password\":\"" + E2eService.PASSWORD + "\"}",
                "X-Forwarded-For",
                ip);
        expect(429, limited);
        int retryAfter = Integer.parseInt(Http.header(limited, "Retry-After"));
        assertTrue(retryAfter >= 1 && retryAfter <= 60, "Retry-After " + retryAfter);
        // the limit is per client: another IP still signs in
        expect(
                200,
                svc.http.json(
                        "POST",
                        "/api/v1/auth/signin",
                        "{\"email\":\"user@a.example.com\",\"password\":\"" + E2eService.PASSWORD + "\"}",
                        "X-Forwarded-For",
                        E2eService.freshIp()));
        // operator objects are never a sign-in
        for (String op : List.of("{\"$gt\":\"\"}", "{\"$ne\":null}", "{\"$regex\":\".*\"}")) {
            int status = svc.http
                    .json(
                            "POST",
                            "/api/v1/auth/signin",
                            "{\"email\":" + op + ",\"password\":" + op + "}",
                            "X-Forwarded-For",
                            E2eService.freshIp())
                    .statusCode();
            assertTrue(status >= 400 && status < 500 && status != 429, op + " -> " + status);
        }
    }

    @Test
    @Order(14)
    void invitationsAreSingleUseAndDecideRoleAndOrganisation() throws Exception {
        String code = expect(
                        201,
                        svc.http.json(
                                "POST",
                                "/api/v1/auth/invitations",
                                "{\"email\":\"joiner@a.example.com\",\"role\":\"READ_ONLY\"}",
                                adminA.auth()))
                .get("code")
                .asText();
        // the body names another organisation; the invitation decides
        JsonNode joined = expect(
                201,
                svc.http.json(
                        "POST",
                        "/api/v1/auth/signup",
                        "{\"email\":\"joiner@a.example.com\",\"password\":\"" + E2eService.PASSWORD
                                + "\",\"name\":\"J\",\"organization\":\"" + adminB.orgId() + "\",\"invitation\":\""
                                + code + "\"}",
                        "X-Forwarded-For",
                        E2eService.freshIp()));
        assertEquals(adminA.orgId(), joined.get("organizationId").asText());
        User joiner = svc.signin(
                "joiner@a.example.com",
                E2eService.freshIp(),
                joined.get("userId").asText(),
                adminA.orgId(),
                "READ_ONLY");
        JsonNode me = expect(200, svc.http.send("GET", "/api/v1/me", null, null, joiner.auth()));
        assertEquals("READ_ONLY", me.get("role").asText());
        assertEquals(adminA.orgId(), me.get("organizationId").asText());
        expect(403, svc.http.json("POST", "/api/v1/patients", patient("Joiner Made", wardA, ""), joiner.auth()));

        // a role in the body is not accepted at all
        String code2 = expect(
                        201,
                        svc.http.json(
                                "POST",
                                "/api/v1/auth/invitations",
                                "{\"email\":\"second@a.example.com\",\"role\":\"USER\"}",
                                adminA.auth()))
                .get("code")
                .asText();
        int withRole = svc.http
                .json(
                        "POST",
                        "/api/v1/auth/signup",
                        "{\"email\":\"second@a.example.com\",\"password\":\"" + E2eService.PASSWORD
                                + "\",\"name\":\"S\",\"role\":\"ORG_ADMIN\",\"invitation\":\"" + code2 + "\"}",
                        "X-Forwarded-For",
                        E2eService.freshIp())
                .statusCode();
        assertEquals(422, withRole);

        MongoCollection<Document> users = svc.service.data().systemDatabase().getCollection("users");
        for (String[] reuse : new String[][] {
            {"joiner@a.example.com", code},
            {"other@a.example.com", code},
            {"madeup@a.example.com", "made-up-invitation-code-0000000000000000000"}
        }) {
            int status = svc.http
                    .json(
                            "POST",
                            "/api/v1/auth/signup",
                            "{\"email\":\"" + reuse[0] + "\",\"password\":\"" + E2eService.PASSWORD
                                    + "\",\"name\":\"R\",\"invitation\":\"" + reuse[1] + "\"}",
                            "X-Forwarded-For",
                            E2eService.freshIp())
                    .statusCode();
            assertTrue(status >= 400 && status < 500 && status != 429, reuse[0] + " -> " + status);
        }
        assertEquals(1, users.countDocuments(Filters.eq("email", "joiner@a.example.com")));
        assertEquals(0, users.countDocuments(Filters.in("email", "other@a.example.com", "madeup@a.example.com")));
        // the second invitation, used properly, still gives USER in org A
        JsonNode second = expect(
                201,
                svc.http.json(
                        "POST",
                        "/api/v1/auth/signup",
                        "{\"email\":\"second@a.example.com\",\"password\":\"" + E2eService.PASSWORD
                                + "\",\"name\":\"S\",\"invitation\":\"" + code2 + "\"}",
                        "X-Forwarded-For",
                        E2eService.freshIp()));
        assertEquals(adminA.orgId(), second.get("organizationId").asText());
        assertEquals(
                "USER",
                users.find(Filters.eq("email", "second@a.example.com")).first().getString("role"));
    }

    @Test
    @Order(18)
    void signinRefusalsLookAlikeAndBrowserTricksAreRefused() throws Exception {
        HttpResponse<String> wrong = svc.http.json(
                "POST",
                "/api/v1/auth/signin",
                "{\"email\":\"user@a.example.com\",\"password\":\"not the password\"}",
                "X-Forwarded-For",
                E2eService.freshIp());
        HttpResponse<String> unknown = svc.http.json(
                "POST",
                "/api/v1/auth/signin",
                "{\"email\":\"nobody@a.example.com\",\"password\":\"not the password\"}",
                "X-Forwarded-For",
                E2eService.freshIp());
        expect(401, wrong);
        assertEquals(wrong.statusCode(), unknown.statusCode());
        assertEquals(wrong.body(), unknown.body()); // response times are not asserted here (house rule: no timed tests)
        // a form-encoded sign-in is refused as a client error, not a 500
        expect(
                415,
                svc.http.send(
                        "POST",
                        "/api/v1/auth/signin",
                        "application/x-www-form-urlencoded",
                        "email=user%40a.example.com&password=x",
                        "X-Forwarded-For",
                        E2eService.freshIp()));
        // Origin: null (sandboxed frames, file: pages) is refused
        expect(403, svc.http.send("GET", "/api/v1/patients", null, null, userA.auth("Origin", "null")));
        // CR/LF in a logged value cannot start a forged line
        int forged = svc.http
                .send("GET", "/api/v1/patients/x%0d%0aINFO%20forged%20admin%20login", null, null, userA.auth())
                .statusCode();
        assertTrue(forged == 400 || forged == 404, "CR/LF path -> " + forged);
        Thread.sleep(50); // the access line is written when the response completes
        synchronized (LOG) { // AppenderBase appends under the appender's own lock
            for (ILoggingEvent event : LOG.list) {
                if (event.getLoggerName().startsWith("dev.instacrud")) {
                    String message = event.getFormattedMessage();
                    assertFalse(message.contains("\n") || message.contains("\r"), message);
                }
            }
        }
    }

    // ---- OAuth

    static final HttpClient BROWSER =
            HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    /** A browser's sign-in through the provider; returns the session code handed to the front end. */
    static String oauthSignIn(String email) throws Exception {
        String ip = E2eService.freshIp();
        HttpResponse<String> login =
                svc.http.send("GET", "/api/v1/auth/oauth/google/login", null, null, "X-Forwarded-For", ip);
        expect(302, login);
        String authorize = Http.header(login, "Location");
        assertTrue(authorize.startsWith(provider.issuer() + "/authorize?"), authorize);
        String cookie = Http.header(login, "Set-Cookie").split(";")[0];
        provider.nextUser(email);
        HttpResponse<String> consent = BROWSER.send(
                HttpRequest.newBuilder(URI.create(authorize)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(302, consent.statusCode(), consent.body());
        URI back = URI.create(Http.header(consent, "Location"));
        assertTrue(back.getPath().equals("/api/v1/auth/oauth/google/callback"), back.toString());
        HttpResponse<String> callback = svc.http.send(
                "GET",
                back.getRawPath() + "?" + back.getRawQuery(),
                null,
                null,
                "Cookie",
                cookie,
                "X-Forwarded-For",
                E2eService.freshIp());
        expect(302, callback);
        String landing = Http.header(callback, "Location");
        assertTrue(landing.startsWith("/admin/oauth/callback?session_code="), landing);
        String code = FakeOidcProvider.query(landing).get("session_code");
        SESSION_CODES.add(code);
        return code;
    }

    static HttpResponse<String> redeem(String code) throws Exception {
        return svc.http.json(
                "POST",
                "/api/v1/auth/oauth/session",
                "{\"session_code\":\"" + code + "\"}",
                "X-Forwarded-For",
                E2eService.freshIp());
    }

    @Test
    @Order(15)
    void anOAuthSessionCodeWorksExactlyOnce() throws Exception {
        String code = oauthSignIn("oauth-user@example.com");
        assertEquals(
                0,
                svc.service
                        .data()
                        .systemDatabase()
                        .getCollection("session_codes")
                        .countDocuments(Filters.eq("_id", code)),
                "session code stored in clear");
        JsonNode token = expect(200, redeem(code));
        JsonNode me = expect(
                200,
                svc.http.send(
                        "GET",
                        "/api/v1/me",
                        null,
                        null,
                        "Authorization",
                        "Bearer " + token.get("access_token").asText(),
                        "X-Forwarded-For",
                        E2eService.freshIp()));
        assertEquals("oauth-user@example.com", me.get("email").asText());
        assertEquals("ORG_ADMIN", me.get("role").asText());
        expect(401, redeem(code));
        expect(401, redeem("never-issued-" + "x".repeat(30)));

        // expired: issued through the service's own store with a clock 2 minutes behind
        String expired = new SessionCodes(
                        svc.service.data().systemDatabase(), Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-2)))
                .issue(me.get("id").asText());
        expect(401, redeem(expired));

        // many concurrent redemptions of one code: exactly one wins
        String raced = oauthSignIn("oauth-user@example.com");
        int threads = 12;
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                answers.add(pool.submit((Callable<Integer>) () -> {
                    go.await();
                    return redeem(raced).statusCode();
                }));
            }
            go.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> f : answers) {
                statuses.add(f.get());
            }
            assertEquals(1, statuses.stream().filter(s -> s == 200).count(), statuses.toString());
            assertEquals(threads - 1, statuses.stream().filter(s -> s == 401).count(), statuses.toString());
        } finally {
            pool.shutdownNow();
        }
    }

    // ---- every status carries the headers (Http checks them on every response of the suite)

    @Test
    @Order(16)
    void everyStatusCarriesTheSecurityHeaders() throws Exception {
        Map<Integer, HttpResponse<String>> seen = new LinkedHashMap<>();
        java.util.function.Consumer<HttpResponse<String>> keep = r -> seen.put(r.statusCode(), r);
        keep.accept(svc.http.send("GET", "/health", null, null));
        String id = svc.create(adminA, "patients", patient("Header Check", wardA, ""))
                .get("id")
                .asText();
        keep.accept(svc.http.json("POST", "/api/v1/patients", patient("Header Check", wardA, ""), adminA.auth()));
        keep.accept(svc.http.send("DELETE", "/api/v1/patients/" + id, null, null, adminA.auth()));
        keep.accept(svc.get(adminA, "patients?filter=" + q("{\"$where\":\"1\"}")));
        keep.accept(svc.http.send("GET", "/api/v1/patients", null, null));
        keep.accept(svc.http.json("POST", "/api/v1/patients", "{}", readerA.auth()));
        keep.accept(svc.get(adminA, "patients/" + id));
        keep.accept(
                svc.http.declaredLengthOnly("POST", "/api/v1/patients", 1_100_000, "Authorization", adminA.auth()[1]));
        keep.accept(svc.http.send("POST", "/api/v1/patients", "text/plain", "fullName=x", adminA.auth()));
        keep.accept(svc.http.json("POST", "/api/v1/patients", "{\"fullName\":\"\"}", adminA.auth()));
        String ip = E2eService.freshIp();
        HttpResponse<String> last = null;
        for (int i = 0; i < 6; i++) {
            last = svc.http.json(
                    "POST", "/api/v1/auth/oauth/session", "{\"session_code\":\"nope\"}", "X-Forwarded-For", ip);
        }
        keep.accept(last);
        assertEquals(Set.of(200, 201, 204, 400, 401, 403, 404, 413, 415, 422, 429), seen.keySet());
        seen.values().forEach(Http::assertSecurityHeaders);
    }

    // ---- the log

    static String logs() {
        synchronized (LOG) { // AppenderBase appends under the appender's own lock
            return LOG.list.stream().map(ILoggingEvent::getFormattedMessage).collect(Collectors.joining("\n")) + "\n";
        }
    }

    @Test
    @Order(17)
    void aBase64ImageInABodyIsMaskedInTheLog() throws Exception {
        // stored as sent (it is just a string to the API)...
        JsonNode stored = svc.create(
                adminA,
                "patients",
                patient("Image Bearer", wardA, ",\"tags\":[\"data:image/png;base64," + IMAGE_BASE64 + "\"]"));
        assertEquals(
                "data:image/png;base64," + IMAGE_BASE64,
                stored.get("tags").get(0).asText());
        // ...and a sign-in whose body carries the image where the email goes: the refusal is logged, masked
        String local =
                IMAGE_BASE64.replace("=", "").replace("+", "").replace("/", "").toLowerCase();
        expect(
                401,
                svc.http.json(
                        "POST",
                        "/api/v1/auth/signin",
                        "{\"email\":\"" + local + "@example.com\",\"password\":\"whatever-password\"}",
                        "X-Forwarded-For",
                        E2eService.freshIp()));
        String logs = logs();
        assertTrue(logs.contains("sign-in refused for unknown email " + local.substring(0, 7) + "..."), logs);
        assertFalse(logs.contains(local), "whole base64 payload logged");
        assertFalse(logs.contains(IMAGE_BASE64.substring(0, 20)), "base64 image logged");
        assertFalse(logs.contains("whatever-password"));
    }

    @Test
    @Order(100)
    void noResponseEverCarriesAHashASecretFieldOrTheServerSecret() throws Exception {
        // the documents that hold secrets, read every way
        svc.http.send("GET", "/api/v1/patients/" + patientB, null, null, userB.auth());
        svc.http.send("GET", "/api/v1/patients?limit=500", null, null, userB.auth());
        svc.http.json("PATCH", "/api/v1/patients/" + patientB, "{\"ssn\":\"" + SSN_B + "\"}", userB.auth());
        svc.http.json(
                "PUT",
                "/api/v1/patients/" + patientB,
                patient(
                        "Bea Brown",
                        wardB,
                        ",\"ssn\":\"" + SSN_B + "\",\"insuranceNumber\":\"" + INSURANCE_B + "\",\"tags\":[\"b\"]"),
                userB.auth());
        for (User u : List.of(adminA, userA, readerA, adminB, userB)) {
            expect(200, svc.http.send("GET", "/api/v1/me", null, null, u.auth()));
        }
        JsonNode openApi = expect(200, svc.http.send("GET", "/api/v1/openapi.json", null, null));
        assertEquals("3.1.0", openApi.get("openapi").asText());
        JsonNode stored = expect(200, svc.get(userB, "patients/" + patientB));
        assertFalse(stored.has("ssn") || stored.has("insuranceNumber"), stored.toString());
        // the secret fields were stored (write-only, not dropped)
        Document raw = svc.service
                .data()
                .tenants()
                .database(adminB.orgId())
                .getCollection("patients")
                .find(Filters.eq("_id", new ObjectId(patientB)))
                .first();
        assertEquals(SSN_B, raw.getString("ssn"));

        List<HttpResponse<String>> all;
        synchronized (Http.SEEN) {
            all = new ArrayList<>(Http.SEEN);
        }
        assertTrue(all.size() > 300, "the suite saw " + all.size() + " responses");
        for (HttpResponse<String> r : all) {
            String text = r.headers().map() + "\n" + r.body();
            for (String forbidden : List.of(
                    SSN_B,
                    INSURANCE_B,
                    E2eService.SECRET_KEY,
                    E2eService.PASSWORD,
                    "{bcrypt}",
                    "$2a$",
                    "$2b$",
                    "passwordHash")) {
                assertFalse(text.contains(forbidden), r.request().method() + " " + r.uri() + " leaks " + forbidden);
            }
        }
        // nor the logs: no password, secret field value, server secret, token or session code
        String logs = logs();
        List<String> forbidden =
                new ArrayList<>(List.of(SSN_B, INSURANCE_B, E2eService.SECRET_KEY, E2eService.PASSWORD));
        for (User u : List.of(adminA, userA, readerA, adminB, userB)) {
            forbidden.add(u.bearer().substring(7));
        }
        forbidden.addAll(SESSION_CODES);
        for (String f : forbidden) {
            assertFalse(logs.contains(f), "log contains " + f);
        }
        List<String> access;
        synchronized (LOG) { // AppenderBase appends under the appender's own lock
            access = LOG.list.stream()
                    .filter(e -> e.getLoggerName().equals("dev.instacrud.access"))
                    .map(ILoggingEvent::getFormattedMessage)
                    .toList();
        }
        assertTrue(
                access.stream().anyMatch(line -> line.startsWith("GET /api/v1/patients/" + patientB + " 200 ")),
                "the access log was captured: " + access.subList(0, Math.min(5, access.size())));
    }
}
