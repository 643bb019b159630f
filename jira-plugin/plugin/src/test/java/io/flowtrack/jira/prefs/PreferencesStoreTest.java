package io.flowtrack.jira.prefs;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowtrack.jira.TestClock;
import io.flowtrack.jira.config.EntityManagerActiveObjects;
import net.java.ao.DBParam;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Preferences on Active Objects (H2) when one user's two first saves for a project raced. */
class PreferencesStoreTest {
    private final TestClock now = new TestClock("2024-06-01T10:00:00Z");
    private EntityManagerActiveObjects ao;
    private PreferencesStore store;

    @BeforeEach
    void database() {
        ao = EntityManagerActiveObjects.onH2();
        store = new PreferencesStore(ao, now);
    }

    @AfterEach
    void close() {
        ao.close();
    }

    /**
     * Two first saves at the same time (two tabs, two Data Center nodes) both find no row and both create one: the
     * table has no unique key on (user, project).
     */
    private void twoFirstSavesCommitted(String first, String second) {
        store.save("alice-key", 7, first);
        now.set("2024-06-01T10:00:01Z");
        ao.executeInTransaction(() -> ao.create(FlowPrefsEntity.class, new DBParam("USER_KEY", "alice-key"),
                new DBParam("PROJECT_ID", 7L), new DBParam("CONTROLS", second),
                new DBParam("UPDATED_AT", now.millis())));
    }

    @Test
    void twoRowsOfOneUserAndProjectReadTheNewestAndTheNextSaveKeepsOne() throws Exception {
        twoFirstSavesCommitted("{\"forecastDays\":30}", "{\"forecastDays\":60}");
        assertThat(store.find("alice-key", 7)).contains("{\"forecastDays\":60}");
        assertThat(store.save("alice-key", 7, "{\"forecastDays\":90}")).isTrue();
        assertThat(store.find("alice-key", 7)).contains("{\"forecastDays\":90}");
        assertThat(ao.entityManager().count(FlowPrefsEntity.class)).isEqualTo(1);
        assertThat(store.find("bob-key", 7)).isEmpty();
    }
}
