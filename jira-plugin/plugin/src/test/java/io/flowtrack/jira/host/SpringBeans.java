package io.flowtrack.jira.host;

import org.glassfish.hk2.utilities.binding.AbstractBinder;
import org.springframework.beans.factory.ListableBeanFactory;

/**
 * The bridge a REST module needs between HK2 (which constructs resource classes) and the plugin's Spring context:
 * each bean of the context is offered to HK2 under its type, so an {@code @Inject} constructor's parameters are the
 * plugin's beans. HK2 itself still decides whether a resource class can be constructed at all.
 */
public final class SpringBeans extends AbstractBinder {
    private final ListableBeanFactory beans;

    public SpringBeans(ListableBeanFactory beans) {
        this.beans = beans;
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    protected void configure() {
        for (String name : beans.getBeanDefinitionNames()) {
            Class type = beans.getType(name);
            if (type != null) {
                bind(beans.getBean(name)).to(type);
            }
        }
    }
}
