package io.flowtrack.jira.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.atlassian.activeobjects.external.ActiveObjects;
import io.flowtrack.jira.config.EntityManagerActiveObjects;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;

/**
 * The ActiveObjects the build compiles against (FlowTrack's declarations here, the real interface under
 * -Patlassian) has only members of the documented real interface, and the stand-ins refuse what they do not serve.
 */
class ActiveObjectsShapeTest {
    /**
     * The real interface's members, erased: ../shared/notes/jira-api-reference.txt (ActiveObjects, AOS: old public
     * source and a CFR-decompiled modern copy), plus migrateDestructively and getFastCountEstimate from the modern copy.
     */
    static final Set<String> DOCUMENTED = Set.of(
            "migrate([Ljava/lang/Class;)V",
            "migrateDestructively([Ljava/lang/Class;)V",
            "flushAll()V",
            "flush([Lnet/java/ao/RawEntity;)V",
            "get(Ljava/lang/Class;[Ljava/lang/Object;)[Lnet/java/ao/RawEntity;",
            "get(Ljava/lang/Class;Ljava/lang/Object;)Lnet/java/ao/RawEntity;",
            "create(Ljava/lang/Class;[Lnet/java/ao/DBParam;)Lnet/java/ao/RawEntity;",
            "create(Ljava/lang/Class;Ljava/util/Map;)Lnet/java/ao/RawEntity;",
            "create(Ljava/lang/Class;Ljava/util/List;)V",
            "delete([Lnet/java/ao/RawEntity;)V",
            "deleteWithSQL(Ljava/lang/Class;Ljava/lang/String;[Ljava/lang/Object;)I",
            "find(Ljava/lang/Class;)[Lnet/java/ao/RawEntity;",
            "find(Ljava/lang/Class;Ljava/lang/String;[Ljava/lang/Object;)[Lnet/java/ao/RawEntity;",
            "find(Ljava/lang/Class;Lnet/java/ao/Query;)[Lnet/java/ao/RawEntity;",
            "find(Ljava/lang/Class;Ljava/lang/String;Lnet/java/ao/Query;)[Lnet/java/ao/RawEntity;",
            "findWithSQL(Ljava/lang/Class;Ljava/lang/String;Ljava/lang/String;[Ljava/lang/Object;)[Lnet/java/ao/RawEntity;",
            "stream(Ljava/lang/Class;Lnet/java/ao/EntityStreamCallback;)V",
            "stream(Ljava/lang/Class;Lnet/java/ao/Query;Lnet/java/ao/EntityStreamCallback;)V",
            "count(Ljava/lang/Class;)I",
            "count(Ljava/lang/Class;Ljava/lang/String;[Ljava/lang/Object;)I",
            "count(Ljava/lang/Class;Lnet/java/ao/Query;)I",
            "getFastCountEstimate(Ljava/lang/Class;)I",
            "executeInTransaction(Lcom/atlassian/sal/api/transaction/TransactionCallback;)Ljava/lang/Object;",
            "moduleMetaData()Lcom/atlassian/activeobjects/external/ActiveObjectsModuleMetaData;");

    @Test
    void everyMemberCompiledAgainstIsOneOfTheRealInterface() {
        assertThat(ActiveObjects.class.isInterface()).isTrue();
        for (Method m : ActiveObjects.class.getDeclaredMethods()) {
            String erased = m.getName() + MethodType.methodType(m.getReturnType(), m.getParameterTypes())
                    .toMethodDescriptorString();
            assertThat(DOCUMENTED).as("ActiveObjects." + erased).contains(erased);
        }
    }

    /** An abstract member: in the real interface, one the stand-in does not serve. */
    abstract static class Partial {
        abstract int unserved();

        int served() {
            return 7;
        }
    }

    @Test
    void theStandInRunsWhatItServesAndRefusesTheRestByName() {
        Partial partial = Mockito.mock(Partial.class, Mockito.withSettings().defaultAnswer(
                EntityManagerActiveObjects.SERVED_OR_REFUSED));
        assertThat(partial.served()).isEqualTo(7);
        assertThatThrownBy(partial::unserved).isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("unserved");
    }
}
