package io.flowtrack.azdo.store;

import static io.flowtrack.azdo.store.CredentialCipherTest.key;
import static org.assertj.core.api.Assertions.assertThat;

import io.flowtrack.azdo.config.BackendConfig;
import io.flowtrack.azdo.config.BackendConfig.DataKey;
import io.flowtrack.azdo.config.BackendConfig.Secret;
import io.flowtrack.azdo.config.ConfigLoader;
import io.flowtrack.azdo.model.OrgId;
import io.flowtrack.azdo.ops.KeyRotation;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Data key rotation: every credential re-encrypted under the newest key, atomically per organization. */
class KeyRotationTest {
    @RegisterExtension
    static final TestDatabases DBS = new TestDatabases();
    private static final DataKey OLD = key("old", 1);
    private static final DataKey NEW = key("new", 2);
    private static final DataKey LOST = key("lost", 3);

    private static CredentialStore store(Database db, DataKey... keys) {
        return new CredentialStore(db, new CredentialCipher(List.of(keys)));
    }

    private static Credential pat(String token) {
        return new Credential.Pat(new Secret(token));
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void everyCredentialMovesToTheNewestKeyAndOneThatCannotBeReadIsNamed(TestDatabases.Kind kind) {
        Database db = DBS.get(kind);
        OrgId a = TestDatabases.connectedOrg(db);
        OrgId b = TestDatabases.connectedOrg(db);
        OrgId already = TestDatabases.connectedOrg(db);
        OrgId lost = TestDatabases.connectedOrg(db);
        store(db, OLD).save(a, pat("pat-of-a-0123456789"), "admin-a");
        store(db, OLD).save(b, new Credential.Entra("tenant", "client", new Secret("entra-secret-of-b")), "admin-b");
        store(db, NEW).save(already, pat("pat-already-new"), "admin-c");
        store(db, LOST).save(lost, pat("pat-under-a-lost-key"), "admin-d");

        CredentialStore.Rotation r = store(db, NEW, OLD).rotateAll();

        assertThat(r.failed()).containsExactly(lost);
        assertThat(r.rotated()).isEqualTo(2);
        assertThat(r.current()).isGreaterThanOrEqualTo(3); // other tests' organizations may share the database
        // Readable with the new key alone: the old key can be removed.
        CredentialStore newOnly = store(db, NEW);
        assertThat(((Credential.Pat) newOnly.load(a).orElseThrow()).token().reveal()).isEqualTo("pat-of-a-0123456789");
        Credential.Entra entra = (Credential.Entra) newOnly.load(b).orElseThrow();
        assertThat(entra.clientSecret().reveal()).isEqualTo("entra-secret-of-b");
        assertThat(entra.tenantId()).isEqualTo("tenant");
        assertThat(newOnly.info(a).orElseThrow().updatedBy()).isEqualTo("admin-a"); // who set it, unchanged
        assertThat(newOnly.info(already).orElseThrow().keyId()).isEqualTo("new");
        assertThat(store(db, LOST).info(lost).orElseThrow().keyId()).isEqualTo("lost"); // left as it was
        assertThat(store(db, NEW, OLD).rotateAll().rotated()).isZero();
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void aCredentialSavedWhileRotatingIsNotOverwrittenWithTheOldSecret(TestDatabases.Kind kind) {
        Database db = DBS.get(kind);
        OrgId org = TestDatabases.connectedOrg(db);
        store(db, OLD).save(org, pat("the-old-pat-0000000"), "admin");
        CredentialStore rotating = store(db, NEW, OLD);
        CredentialStore.Row read = rotating.row(org).orElseThrow();

        // Meanwhile an admin connects the organization again, with a new PAT (an instance still on the old key).
        store(db, OLD).save(org, pat("the-new-pat-1111111"), "admin-2");

        assertThat(rotating.rotate(org, read)).isFalse();
        assertThat(((Credential.Pat) rotating.load(org).orElseThrow()).token().reveal())
                .isEqualTo("the-new-pat-1111111");
        assertThat(rotating.rotate(org)).isTrue(); // the next run rotates the new one
        assertThat(((Credential.Pat) store(db, NEW).load(org).orElseThrow()).token().reveal())
                .isEqualTo("the-new-pat-1111111");
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void aCredentialDeletedWhileRotatingStaysDeleted(TestDatabases.Kind kind) {
        Database db = DBS.get(kind);
        OrgId org = TestDatabases.connectedOrg(db);
        store(db, OLD).save(org, pat("pat-of-a-disconnected-org"), "admin");
        CredentialStore rotating = store(db, NEW, OLD);
        CredentialStore.Row read = rotating.row(org).orElseThrow();
        rotating.delete(org); // disconnected meanwhile

        assertThat(rotating.rotate(org, read)).isFalse();
        assertThat(rotating.load(org)).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void theCommandRotatesTheConfiguredDatabaseAndPrintsNoSecret(TestDatabases.Kind kind) {
        String url = TestDatabases.createUrl(kind, "ft_rotate_" + kind.name().toLowerCase() + "_"
                + ProcessHandle.current().pid() + "_" + System.nanoTime());
        String user = kind == TestDatabases.Kind.POSTGRES ? "postgres" : "sa";
        String keys = "new:" + NEW.key().reveal() + ",old:" + OLD.key().reveal();
        BackendConfig config = ConfigLoader.load(Map.of("FLOWTRACK_DATABASE_URL", url,
                "FLOWTRACK_DATABASE_USER", user, "FLOWTRACK_DATABASE_PASSWORD",
                kind == TestDatabases.Kind.POSTGRES ? "unused-trust-auth" : "",
                "FLOWTRACK_DATA_KEYS", keys,
                "FLOWTRACK_EXTENSION_SECRETS", "s3cret-from-the-marketplace-certificate-0001",
                "FLOWTRACK_ALLOWED_ORIGINS", "https://flowtrack.gallerycdn.vsassets.io"), null, false);
        OrgId org;
        try (Database db = Database.open(url, user, new Secret(""), 2)) {
            org = TestDatabases.connectedOrg(db);
            store(db, OLD).save(org, pat("pat-rotated-by-the-command"), "admin");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = KeyRotation.run(config, new PrintStream(out, true, StandardCharsets.UTF_8));

        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(exit).isEqualTo(KeyRotation.DONE);
        assertThat(printed).contains("newest data key 'new': 1 credential(s) re-encrypted, 1 now under it, 0 could"
                + " not be decrypted").doesNotContain("pat-rotated-by-the-command", NEW.key().reveal());
        try (Database db = Database.open(url, user, new Secret(""), 2)) {
            assertThat(store(db, NEW).info(org).orElseThrow().keyId()).isEqualTo("new");
        }
    }
}
