package io.flowtrack.azdo.store;

import io.flowtrack.azdo.fake.FakeTime;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flowtrack.azdo.model.OrgId;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class AuditLogTest {
    @RegisterExtension
    static final TestDatabases DBS = new TestDatabases();

    private static final Instant T0 = Instant.parse("2025-05-01T12:00:00Z");

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void newestFirstWithLimitAndBefore(TestDatabases.Kind kind) {
        FakeTime clock = new FakeTime(T0);
        AuditLog log = new AuditLog(DBS.get(kind), clock);
        OrgId org = new OrgId(UUID.randomUUID().toString());
        AuditEntry first = log.append(org, "alice", "report.read", "project-1", "cycle time");
        clock.advance(Duration.ofMinutes(1));
        AuditEntry second = log.append(org, "bob", "config.update", "project-1", null);
        AuditEntry sameInstant = log.append(org, "bob", "credential.update", "credential", "kind=pat");
        clock.advance(Duration.ofMinutes(1));
        AuditEntry third = log.append(org, "carol", "report.read", null, null);

        assertThat(first.at()).isEqualTo(T0);
        assertThat(log.list(org, 10, null)).containsExactly(third, sameInstant, second, first);
        assertThat(log.list(org, 2, null)).containsExactly(third, sameInstant);
        assertThat(log.list(org, 10, T0.plusSeconds(60))).containsExactly(first);
        assertThat(log.list(org, 10, T0)).isEmpty();
        assertThat(first.detail()).isEqualTo("cycle time");
        assertThat(third.target()).isNull();
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void scopedToItsOrganization(TestDatabases.Kind kind) {
        AuditLog log = new AuditLog(DBS.get(kind), new FakeTime(T0));
        OrgId a = new OrgId(UUID.randomUUID().toString());
        OrgId b = new OrgId(UUID.randomUUID().toString());
        AuditEntry ofA = log.append(a, "alice", "report.read", "p", null);
        AuditEntry ofB = log.append(b, "bob", "report.read", "p", null);
        assertThat(log.list(a, 100, null)).containsExactly(ofA);
        assertThat(log.list(b, 100, null)).containsExactly(ofB);
        assertThat(log.list(new OrgId(UUID.randomUUID().toString()), 100, null)).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void validatesItsInput(TestDatabases.Kind kind) {
        AuditLog log = new AuditLog(DBS.get(kind));
        OrgId org = new OrgId(UUID.randomUUID().toString());
        assertThatThrownBy(() -> log.list(org, 0, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> log.list(org, AuditLog.MAX_LIMIT + 1, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> log.append(org, "", "x", null, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> log.append(org, "a", null, null, null)).isInstanceOf(IllegalArgumentException.class);
    }
}
