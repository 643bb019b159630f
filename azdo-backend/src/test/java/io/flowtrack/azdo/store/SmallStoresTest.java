package io.flowtrack.azdo.store;

import io.flowtrack.azdo.fake.FakeTime;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flowtrack.azdo.model.OrgId;
import io.flowtrack.azdo.model.StateCategory;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Organizations, projects, state categories and project configuration on both databases. */
class SmallStoresTest {
    @RegisterExtension
    static final TestDatabases DBS = new TestDatabases();

    private static final Instant T0 = Instant.parse("2025-04-01T07:30:00Z");

    private static OrgId org() {
        return new OrgId(UUID.randomUUID().toString());
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void organizationUpsertKeepsStatusAndCreationTime(TestDatabases.Kind kind) {
        FakeTime clock = new FakeTime(T0);
        OrganizationStore store = new OrganizationStore(DBS.get(kind), clock);
        OrgId org = org();
        Organization created = store.upsert(org, "fabrikam", "https://dev.azure.com/fabrikam");
        assertThat(created).isEqualTo(new Organization(org, "fabrikam", "https://dev.azure.com/fabrikam",
                Organization.Status.CONNECTED, null, T0));

        assertThat(store.updateStatus(org, Organization.Status.CREDENTIAL_REJECTED, "401 from the revisions API"))
                .isTrue();
        clock.advance(Duration.ofDays(1));
        Organization renamed = store.upsert(org, "fabrikam-fiber", "https://dev.azure.com/fabrikam-fiber");
        assertThat(renamed).isEqualTo(new Organization(org, "fabrikam-fiber", "https://dev.azure.com/fabrikam-fiber",
                Organization.Status.CREDENTIAL_REJECTED, "401 from the revisions API", T0));
        assertThat(store.get(org)).contains(renamed);
        assertThat(store.list()).contains(renamed);
        assertThat(store.updateStatus(org(), Organization.Status.FAILING, "x")).isFalse();
        assertThat(store.get(org())).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void projectsListByNameAndFilterEnabled(TestDatabases.Kind kind) {
        ProjectStore store = new ProjectStore(DBS.get(kind));
        OrgId org = org();
        store.upsert(org, new Project("id-z", "Zeta", true));
        store.upsert(org, new Project("id-a", "Alpha", false));
        store.upsert(org, new Project("id-m", "Mu", true));
        assertThat(store.list(org)).extracting(Project::name).containsExactly("Alpha", "Mu", "Zeta");
        assertThat(store.listEnabled(org)).extracting(Project::projectId).containsExactly("id-m", "id-z");

        assertThat(store.setEnabled(org, "id-a", true)).isTrue();
        assertThat(store.setEnabled(org, "nope", true)).isFalse();
        store.upsert(org, new Project("id-z", "Zeta renamed", false));
        assertThat(store.get(org, "id-z")).contains(new Project("id-z", "Zeta renamed", false));
        assertThat(store.listEnabled(org)).extracting(Project::projectId).containsExactly("id-a", "id-m");
        assertThat(store.get(org, "nope")).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void stateCategoriesAreReplacedWholesale(TestDatabases.Kind kind) {
        StateCategoryStore store = new StateCategoryStore(DBS.get(kind));
        OrgId org = TestDatabases.connectedOrg(DBS.get(kind));
        store.replaceAll(org, "p1", List.of(new StateCategory("Bug", "Active", "InProgress"),
                new StateCategory("Bug", "New", "Proposed"), new StateCategory("Bug", "Closed", "Completed")));
        store.replaceAll(org, "p2", List.of(new StateCategory("Task", "To Do", "Proposed")));
        assertThat(store.list(org, "p1")).containsExactly(new StateCategory("Bug", "Active", "InProgress"),
                new StateCategory("Bug", "Closed", "Completed"), new StateCategory("Bug", "New", "Proposed"));

        store.replaceAll(org, "p1", List.of(new StateCategory("User Story", "Resolved", "Resolved")));
        assertThat(store.list(org, "p1")).containsExactly(new StateCategory("User Story", "Resolved", "Resolved"));
        assertThat(store.list(org, "p2")).containsExactly(new StateCategory("Task", "To Do", "Proposed"));

        // a replacement that fails (duplicate state) leaves the old set in place
        assertThatThrownBy(() -> store.replaceAll(org, "p1", List.of(new StateCategory("Bug", "New", "Proposed"),
                new StateCategory("Bug", "New", "InProgress")))).isInstanceOf(StoreException.class);
        assertThat(store.list(org, "p1")).containsExactly(new StateCategory("User Story", "Resolved", "Resolved"));
        store.replaceAll(org, "p1", List.of());
        assertThat(store.list(org, "p1")).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void projectConfigKeepsJsonWithWhoAndWhen(TestDatabases.Kind kind) {
        FakeTime clock = new FakeTime(T0);
        ProjectConfigStore store = new ProjectConfigStore(DBS.get(kind), clock);
        OrgId org = TestDatabases.connectedOrg(DBS.get(kind));
        assertThat(store.get(org, "p1")).isEmpty();
        String json = "{\"commitment\":\"In Progress\",\"sle\":{\"days\":14,\"percentile\":85},\"note\":\""
                + "x".repeat(20_000) + "\"}";
        assertThat(store.put(org, "p1", json, "alice")).isEqualTo(new ProjectConfig(json, T0, "alice"));
        assertThat(store.get(org, "p1")).contains(new ProjectConfig(json, T0, "alice"));

        clock.advance(Duration.ofHours(2));
        store.put(org, "p1", "{\"commitment\":\"Active\"}", "bob");
        assertThat(store.get(org, "p1"))
                .contains(new ProjectConfig("{\"commitment\":\"Active\"}", T0.plus(Duration.ofHours(2)), "bob"));
        assertThat(store.get(org, "p2")).isEmpty();
    }
}
