package io.flowtrack.jira.audit;

import com.atlassian.activeobjects.external.ActiveObjects;
import java.lang.reflect.InvocationTargetException;
import java.util.function.Supplier;
import org.mockito.Mockito;

/**
 * An {@link ActiveObjects} that hands every call to another except the one a test makes fail. A Mockito proxy of the
 * interface, so it covers every member of whichever interface it is compiled against (FlowTrack's declarations or
 * the real one in the {@code -Patlassian} build), not only the ones a hand-written class would list.
 */
final class ActiveObjectsDelegate {
    private ActiveObjectsDelegate() {
    }

    /** {@code target}, except that every call of the method named {@code method} throws {@code failure}'s exception. */
    static ActiveObjects failing(ActiveObjects target, String method, Supplier<RuntimeException> failure) {
        return Mockito.mock(ActiveObjects.class, Mockito.withSettings().stubOnly().defaultAnswer(invocation -> {
            if (invocation.getMethod().getName().equals(method)) {
                throw failure.get();
            }
            try {
                return invocation.getMethod().invoke(target, invocation.getRawArguments());
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }));
    }
}
