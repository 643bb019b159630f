package io.flowtrack.jira.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.atlassian.jira.security.request.RequestMethod;
import com.atlassian.jira.security.request.SupportedMethods;
import com.atlassian.jira.security.xsrf.RequiresXsrfCheck;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every webwork command of FlowTrack's actions says which HTTP methods it accepts (@SupportedMethods, as every
 * reference 10.3/11 app does): GET for the pages, POST (with the XSRF check) for the commands that change something.
 */
class ActionMethodsTest {
    private static final List<Class<?>> ACTIONS = List.of(FlowConfigAction.class, FlowProjectAction.class,
            FlowStartAction.class);
    private static final Map<String, RequestMethod> EXPECTED = Map.of(
            "FlowConfigAction.doExecute", RequestMethod.GET,
            "FlowConfigAction.doSave", RequestMethod.POST,
            "FlowConfigAction.doReset", RequestMethod.POST,
            "FlowProjectAction.doExecute", RequestMethod.GET,
            "FlowStartAction.doExecute", RequestMethod.GET);

    @Test
    void everyCommandDeclaresItsMethods() {
        int commands = 0;
        for (Class<?> action : ACTIONS) {
            for (Method m : action.getDeclaredMethods()) {
                if (!m.getName().startsWith("do") || m.getParameterCount() != 0 || m.isSynthetic()) {
                    continue;
                }
                commands++;
                String name = action.getSimpleName() + "." + m.getName();
                SupportedMethods supported = m.getAnnotation(SupportedMethods.class);
                assertThat(supported).as(name + " has @SupportedMethods").isNotNull();
                assertThat(EXPECTED).as("a command this test knows").containsKey(name);
                assertThat(supported.value()).as(name).containsExactly(EXPECTED.get(name));
                boolean writes = EXPECTED.get(name) == RequestMethod.POST;
                assertThat(m.isAnnotationPresent(RequiresXsrfCheck.class)).as(name + " XSRF-checked").isEqualTo(writes);
            }
        }
        assertThat(commands).isEqualTo(EXPECTED.size());
    }

    @Test
    void theDeclarationMatchesHowJiraReadsIt() throws Exception {
        // read reflectively by Jira: retained at run time, allowed on classes and methods, value() an array
        assertThat(SupportedMethods.class.getAnnotation(java.lang.annotation.Retention.class).value())
                .isEqualTo(java.lang.annotation.RetentionPolicy.RUNTIME);
        assertThat(SupportedMethods.class.getAnnotation(java.lang.annotation.Target.class).value())
                .containsExactlyInAnyOrder(java.lang.annotation.ElementType.TYPE, java.lang.annotation.ElementType.METHOD);
        assertThat(SupportedMethods.class.getMethod("value").getReturnType()).isEqualTo(RequestMethod[].class);
        assertThat(Arrays.stream(RequestMethod.values()).map(Enum::name)).containsExactly(
                "GET", "HEAD", "OPTIONS", "CONNECT", "DELETE", "POST", "PUT", "PATCH", "TRACE");
    }
}
