package dev.instacrud.runtime.tenant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.instacrud.runtime.error.ApiException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Where an organisation's own database may be, and what its connection string may say (issue 10, item 1). */
class OrgDbHostsTest {
    static final OrgDbHosts HOSTS =
            OrgDbHosts.parse(List.of("db.example.com", ".mongodb.net", "localhost", "10.20.0.0/16"));

    static String refusal(OrgDbHosts hosts, String host) {
        ApiException e = assertThrows(ApiException.class, () -> hosts.check(host), host);
        assertEquals(422, e.status());
        return e.detail();
    }

    @Test
    void addressesOffThePublicInternetHaveAKind() throws UnknownHostException {
        for (String[] c : new String[][] {
            {"127.0.0.1", "loopback"},
            {"127.8.9.10", "loopback"},
            {"::1", "loopback"},
            {"0.0.0.0", "unspecified"},
            {"::", "unspecified"},
            {"10.1.2.3", "private"},
            {"172.31.0.1", "private"},
            {"192.168.1.1", "private"},
            {"100.100.100.200", "private"},
            {"fd00:ec2::254", "private"},
            {"169.254.169.254", "link-local"},
            {"fe80::1", "link-local"},
            {"224.0.0.1", "multicast"},
            {"255.255.255.255", "reserved"},
            {"64:ff9b::7f00:1", "loopback"},
            {"2002:a9fe:a9fe::", "link-local"},
            {"::a00:1", "private"},
        }) {
            assertEquals(c[1], OrgDbHosts.kind(InetAddress.getByName(c[0])), c[0]);
        }
        assertNull(OrgDbHosts.kind(InetAddress.getByName("8.8.8.8")));
        assertNull(OrgDbHosts.kind(InetAddress.getByName("2606:4700::1111")));
    }

    @Test
    void namesSuffixesAndRangesAreAllThereIs() {
        assertTrue(refusal(HOSTS, "example.com").contains("not in ORG_DB_ALLOWED_HOSTS"));
        assertTrue(refusal(HOSTS, "evilmongodb.net").contains("not in ORG_DB_ALLOWED_HOSTS"));
        assertTrue(refusal(HOSTS, "mongodb.net").contains("not in ORG_DB_ALLOWED_HOSTS"));
        assertTrue(refusal(HOSTS, "10.21.0.1").contains("not in ORG_DB_ALLOWED_HOSTS"));
        assertTrue(refusal(HOSTS, "/tmp/mongodb-27017.sock").contains("not in ORG_DB_ALLOWED_HOSTS"));
        assertEquals(
                List.of("10.20.3.4"),
                HOSTS.check("10.20.3.4").stream()
                        .map(InetAddress::getHostAddress)
                        .toList());
        // an allowed name still may not resolve to a loopback address that no range allows
        assertTrue(refusal(HOSTS, "LOCALHOST.").contains("resolves to a loopback address"));
        OrgDbHosts withLoopback = OrgDbHosts.parse(List.of("localhost", "127.0.0.0/8", "::1"));
        assertTrue(withLoopback.check("localhost").stream().allMatch(InetAddress::isLoopbackAddress));
        assertThrows(UnknownHostException.class, () -> OrgDbHosts.NONE.lookupByName("127.0.0.1"));
    }

    @Test
    void theAllowlistItselfIsChecked() {
        for (String bad :
                new String[] {"http://db.example.com", "db.example.com:27017", "10.0.0.0/33", "*.example.com", "."}) {
            assertThrows(IllegalArgumentException.class, () -> OrgDbHosts.parse(List.of(bad)), bad);
        }
    }

    @Test
    void optionsAreCheckedAsTheDriverReadsThem() {
        ConnectionStringPolicy policy = new ConnectionStringPolicy(HOSTS);
        for (String query : new String[] {
            "AUTHMECHANISM=MONGODB-AWS",
            "authmechanism=mongodb-oidc",
            "tls=true;tlsInsecure=true",
            "proxy%48ost=x",
            "authMechanismProperties=ENVIRONMENT:gcp",
            "tlsCAFile=/etc/passwd",
            "uuidRepresentation=javaLegacy",
        }) {
            ApiException e = assertThrows(
                    ApiException.class, () -> policy.check("mongodb://u:p@db.example.com/?" + query), query);
            assertEquals(422, e.status());
        }
        ApiException weird =
                assertThrows(ApiException.class, () -> policy.check("mongodb://u:p%3Fx=1@10.20.0.5/?proxyHost=h"));
        assertTrue(weird.detail().contains("proxyHost"), weird.detail());
        assertEquals(
                List.of("10.20.0.5:27017"),
                policy.check(
                                "mongodb://u:p%3F@10.20.0.5:27017/app?authSource=admin&authMechanism=SCRAM-SHA-256&w=majority")
                        .getHosts());
    }
}
