package io.flowtrack.azdo.store;

import java.util.Map;
import io.flowtrack.azdo.fake.FakeTime;
import static io.flowtrack.azdo.store.CredentialCipherTest.key;
import static org.assertj.core.api.Assertions.assertThat;

import io.flowtrack.azdo.config.BackendConfig.Secret;
import io.flowtrack.azdo.model.OrgId;
import io.flowtrack.azdo.model.StateCategory;
import io.flowtrack.azdo.model.WorkItemRevision;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The organization is the partition key: everything organization A stores is invisible to every read
 * for organization B, even where both use the same project ids, and B's writes leave A's rows alone.
 */
class PartitionTest {
    @RegisterExtension
    static final TestDatabases DBS = new TestDatabases();

    private static final Instant T0 = Instant.parse("2025-06-01T00:00:00Z");

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void organizationBSeesNothingOfOrganizationA(TestDatabases.Kind kind) {
        Database db = DBS.get(kind);
        FakeTime clock = new FakeTime(T0);
        OrgId a = new OrgId(UUID.randomUUID().toString());
        OrgId b = new OrgId(UUID.randomUUID().toString());
        CredentialCipher cipher = new CredentialCipher(List.of(key("k1", 1)));

        OrganizationStore orgs = new OrganizationStore(db, clock);
        CredentialStore credentials = new CredentialStore(db, cipher, clock);
        ProjectStore projects = new ProjectStore(db);
        RevisionStore revisions = new RevisionStore(db);
        StateCategoryStore categories = new StateCategoryStore(db);
        ProjectConfigStore configs = new ProjectConfigStore(db, clock);
        AuditLog audit = new AuditLog(db, clock);
        SyncLease leases = new SyncLease(db, clock);

        // organization A: one of everything, under project id "p1"
        orgs.upsert(a, "org-a", "https://dev.azure.com/org-a");
        orgs.setPersonalFields(a, true); // A keeps titles
        credentials.save(a, new Credential.Pat(new Secret("pat-of-a-000000000000000000000")), "admin-a");
        projects.upsert(a, new Project("p1", "Project of A", true));
        WorkItemRevision r = new WorkItemRevision(1, 1, "Bug", "New", "A", T0, T0, "secret plans of A", Map.of(), false);
        revisions.saveBatch(a, "p1", List.of(r), "token-a", T0);
        categories.replaceAll(a, "p1", List.of(new StateCategory("Bug", "New", "Proposed")));
        configs.put(a, "p1", "{\"of\":\"A\"}", "admin-a");
        audit.append(a, "alice", "report.read", "p1", null);
        assertThat(leases.tryAcquire(a, "p1", "instance-a", Duration.ofMinutes(5))).isTrue();

        // every read for B comes back empty
        assertThat(orgs.get(b)).isEmpty();
        assertThat(credentials.load(b)).isEmpty();
        assertThat(credentials.info(b)).isEmpty();
        assertThat(projects.list(b)).isEmpty();
        assertThat(projects.listEnabled(b)).isEmpty();
        assertThat(projects.get(b, "p1")).isEmpty();
        assertThat(revisions.count(b, "p1")).isZero();
        List<WorkItemRevision> seen = new ArrayList<>();
        revisions.forEachRevision(b, "p1", seen::add);
        assertThat(seen).isEmpty();
        assertThat(revisions.watermark(b, "p1")).isEqualTo(Watermark.NONE);
        assertThat(categories.list(b, "p1")).isEmpty();
        assertThat(configs.get(b, "p1")).isEmpty();
        assertThat(audit.list(b, 100, null)).isEmpty();
        assertThat(leases.holder(b, "p1")).isEmpty();

        // B's writes and deletes touch nothing of A's
        assertThat(orgs.updateStatus(b, Organization.Status.DISCONNECTED, "x")).isFalse();
        assertThat(credentials.delete(b)).isFalse();
        assertThat(credentials.rotate(b)).isFalse();
        assertThat(projects.setEnabled(b, "p1", false)).isFalse();
        assertThat(leases.release(b, "p1", "instance-a")).isFalse();
        assertThat(leases.tryAcquire(b, "p1", "instance-b", Duration.ofMinutes(5))).isTrue();
        orgs.upsert(b, "org-b", "https://dev.azure.com/org-b"); // B writes its own data only once connected
        categories.replaceAll(b, "p1", List.of());
        revisions.saveBatch(b, "p1", List.of(new WorkItemRevision(1, 1, "Task", "Done", "B", T0, T0, null, Map.of(), false)), "token-b", T0);
        revisions.recordFailure(b, "p1", "failing", "b only", T0);
        configs.put(b, "p1", "{\"of\":\"B\"}", "admin-b");

        // ... and A still has exactly what it had
        assertThat(orgs.get(a).orElseThrow().status()).isEqualTo(Organization.Status.CONNECTED);
        assertThat(credentials.load(a)).contains(new Credential.Pat(new Secret("pat-of-a-000000000000000000000")));
        assertThat(projects.get(a, "p1")).contains(new Project("p1", "Project of A", true));
        List<WorkItemRevision> ofA = new ArrayList<>();
        revisions.forEachRevision(a, "p1", ofA::add);
        assertThat(ofA).containsExactly(r);
        assertThat(revisions.watermark(a, "p1")).isEqualTo(new Watermark("token-a", T0, "ok", null, 1));
        assertThat(categories.list(a, "p1")).containsExactly(new StateCategory("Bug", "New", "Proposed"));
        assertThat(configs.get(a, "p1").orElseThrow().json()).isEqualTo("{\"of\":\"A\"}");
        assertThat(audit.list(a, 100, null)).extracting(AuditEntry::actor).containsExactly("alice");
        assertThat(leases.holder(a, "p1").map(SyncLease.Lease::owner)).contains("instance-a");
        // and B sees only its own
        List<WorkItemRevision> ofB = new ArrayList<>();
        revisions.forEachRevision(b, "p1", ofB::add);
        assertThat(ofB).extracting(WorkItemRevision::areaPath).containsExactly("B");
    }

    /**
     * Every public store method takes the organization first; the exceptions are listing organizations and key
     * rotation (which re-encrypts each organization's credential in its own compare-and-set).
     */
    @Test
    void everyPublicStoreMethodTakesTheOrganizationFirst() {
        List<Class<?>> stores = List.of(OrganizationStore.class, CredentialStore.class, ProjectStore.class,
                RevisionStore.class, StateCategoryStore.class, ProjectConfigStore.class, AuditLog.class,
                SyncLease.class);
        List<String> offenders = new ArrayList<>();
        int checked = 0;
        for (Class<?> store : stores) {
            for (Method m : store.getDeclaredMethods()) {
                if (!Modifier.isPublic(m.getModifiers()) || Modifier.isStatic(m.getModifiers())) {
                    continue;
                }
                if (store == OrganizationStore.class && m.getName().equals("list") && m.getParameterCount() == 0
                        || store == CredentialStore.class && m.getName().equals("rotateAll")
                        && m.getParameterCount() == 0) { // key rotation visits every organization, one at a time
                    continue;
                }
                checked++;
                Class<?>[] params = m.getParameterTypes();
                if (params.length == 0 || params[0] != OrgId.class) {
                    offenders.add(store.getSimpleName() + "." + m.getName() + Arrays.toString(params));
                }
            }
        }
        assertThat(checked).isGreaterThanOrEqualTo(25);
        assertThat(offenders).isEmpty();
    }
}
