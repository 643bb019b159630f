package io.flowtrack.azdo.store;

import io.flowtrack.azdo.fake.FakeTime;
import static io.flowtrack.azdo.store.CredentialCipherTest.ORG_A;
import static io.flowtrack.azdo.store.CredentialCipherTest.ORG_B;
import static io.flowtrack.azdo.store.CredentialCipherTest.key;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flowtrack.azdo.config.BackendConfig.Secret;
import io.flowtrack.azdo.model.OrgId;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CredentialStoreTest {
    @RegisterExtension
    static final TestDatabases DBS = new TestDatabases();

    private static final String PAT = "pat-abcdefghijklmnopqrstuvwxyz012345";
    private static final String CLIENT_SECRET = "entra~client~secret~ZYXWVUT987";
    private static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");

    private static OrgId org() {
        return new OrgId(UUID.randomUUID().toString());
    }

    private static String column(Database db, OrgId org, String column) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + column + " FROM credential WHERE org_id = ?")) {
                ps.setString(1, org.value());
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getString(1) : null;
                }
            }
        });
    }

    @Test
    void credentialsNeverShowTheirSecret() {
        Credential pat = new Credential.Pat(new Secret(PAT));
        Credential entra = new Credential.Entra("tenant-1", "client-1", new Secret(CLIENT_SECRET));
        assertThat(pat.toString()).doesNotContain(PAT).contains("redacted");
        assertThat(entra.toString()).doesNotContain(CLIENT_SECRET).contains("tenant-1", "client-1", "redacted");
        assertThat(List.of(pat, entra).toString()).doesNotContain(PAT, CLIENT_SECRET);
        assertThatThrownBy(() -> new Credential.Pat(new Secret(" ")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void patIsStoredEncryptedAndLoadsBack(TestDatabases.Kind kind) {
        Database db = DBS.get(kind);
        CredentialStore store = new CredentialStore(db, new CredentialCipher(List.of(key("k1", 1))),
                new FakeTime(T0));
        OrgId org = org();
        store.save(org, new Credential.Pat(new Secret(PAT)), "admin@contoso");

        assertThat(store.load(org)).contains(new Credential.Pat(new Secret(PAT)));
        assertThat(((Credential.Pat) store.load(org).orElseThrow()).token().reveal()).isEqualTo(PAT);
        assertThat(store.info(org)).contains(new CredentialStore.Info("pat", "k1", null, null, T0, "admin@contoso"));
        assertThat(column(db, org, "ciphertext")).isNotBlank().doesNotContain(PAT);
        assertThat(column(db, org, "kind")).isEqualTo("pat");
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void entraKeepsIdsInClearAndSecretEncrypted(TestDatabases.Kind kind) {
        Database db = DBS.get(kind);
        CredentialStore store = new CredentialStore(db, new CredentialCipher(List.of(key("k1", 1))));
        OrgId org = org();
        store.save(org, new Credential.Pat(new Secret(PAT)), "first-admin");
        store.save(org, new Credential.Entra("tenant-guid", "client-guid", new Secret(CLIENT_SECRET)), "second-admin");

        Credential loaded = store.load(org).orElseThrow();
        assertThat(loaded).isInstanceOf(Credential.Entra.class);
        Credential.Entra e = (Credential.Entra) loaded;
        assertThat(e.tenantId()).isEqualTo("tenant-guid");
        assertThat(e.clientId()).isEqualTo("client-guid");
        assertThat(e.clientSecret().reveal()).isEqualTo(CLIENT_SECRET);
        assertThat(column(db, org, "entra_tenant_id")).isEqualTo("tenant-guid");
        assertThat(column(db, org, "ciphertext")).doesNotContain(CLIENT_SECRET);
        assertThat(store.info(org).orElseThrow().updatedBy()).isEqualTo("second-admin");
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void ciphertextCopiedToAnotherOrganizationDoesNotDecrypt(TestDatabases.Kind kind) {
        Database db = DBS.get(kind);
        CredentialStore store = new CredentialStore(db, new CredentialCipher(List.of(key("k1", 1))));
        OrgId a = org();
        OrgId b = org();
        store.save(a, new Credential.Pat(new Secret(PAT)), "admin-a");
        store.save(b, new Credential.Pat(new Secret("pat-of-b-0000000000000000000")), "admin-b");
        // an attacker with write access to the table copies A's sealed token into B's row
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE credential SET nonce = ?, ciphertext = ?"
                    + " WHERE org_id = ?")) {
                ps.setString(1, column(db, a, "nonce"));
                ps.setString(2, column(db, a, "ciphertext"));
                ps.setString(3, b.value());
                return ps.executeUpdate();
            }
        });
        assertThatThrownBy(() -> store.load(b))
                .isInstanceOf(CredentialCipher.DecryptionException.class)
                .hasMessageNotContaining(PAT);
        assertThat(store.load(a).map(c -> ((Credential.Pat) c).token().reveal())).contains(PAT);
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void rotateMovesTheSecretToTheNewestKey(TestDatabases.Kind kind) {
        Database db = DBS.get(kind);
        OrgId org = org();
        new CredentialStore(db, new CredentialCipher(List.of(key("old", 1)))).save(org,
                new Credential.Entra("t", "c", new Secret(CLIENT_SECRET)), "admin");
        CredentialStore rotated = new CredentialStore(db, new CredentialCipher(List.of(key("new", 2), key("old", 1))));
        assertThat(rotated.info(org).orElseThrow().keyId()).isEqualTo("old");
        assertThat(rotated.rotate(org)).isTrue();
        assertThat(rotated.rotate(org)).isFalse();
        assertThat(column(db, org, "key_id")).isEqualTo("new");
        assertThat(rotated.info(org).orElseThrow().updatedBy()).isEqualTo("admin");

        CredentialStore newOnly = new CredentialStore(db, new CredentialCipher(List.of(key("new", 2))));
        assertThat(((Credential.Entra) newOnly.load(org).orElseThrow()).clientSecret().reveal()).isEqualTo(CLIENT_SECRET);
        assertThat(newOnly.rotate(ORG_A)).isFalse(); // nothing stored
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void deleteRemovesOnlyThatOrganization(TestDatabases.Kind kind) {
        Database db = DBS.get(kind);
        CredentialStore store = new CredentialStore(db, new CredentialCipher(List.of(key("k1", 1))));
        OrgId a = org();
        OrgId b = org();
        store.save(a, new Credential.Pat(new Secret(PAT)), "x");
        store.save(b, new Credential.Pat(new Secret(PAT)), "x");
        assertThat(store.delete(a)).isTrue();
        assertThat(store.delete(a)).isFalse();
        assertThat(store.load(a)).isEmpty();
        assertThat(store.load(b)).isPresent();
        assertThat(store.load(ORG_B)).isEmpty();
    }
}
