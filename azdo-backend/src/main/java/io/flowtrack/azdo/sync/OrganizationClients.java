package io.flowtrack.azdo.sync;

import io.flowtrack.azdo.extract.AzdoClient;
import io.flowtrack.azdo.extract.AzdoCredentials;
import io.flowtrack.azdo.extract.RetryPolicy;
import io.flowtrack.azdo.model.FieldSelection;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Makes each organization's {@link AzdoClient} with a {@link RetryPolicy} of that organization's own, kept from one
 * sync to the next: a policy remembers when its next call may go out (Retry-After, rate-limit headers), so one
 * throttled organization waits alone and never delays another's calls, and its throttling still holds for its next
 * sync.
 */
public final class OrganizationClients implements ProjectSync.ClientFactory {
    private final Supplier<RetryPolicy> policies;
    private final HttpClient http;
    private final Duration requestTimeout;
    private final Map<String, RetryPolicy> byOrganization = new ConcurrentHashMap<>();

    /** @param policies makes a fresh policy, once per organization URL */
    public OrganizationClients(Supplier<RetryPolicy> policies, HttpClient http, Duration requestTimeout) {
        this.policies = Objects.requireNonNull(policies, "policies");
        this.http = Objects.requireNonNull(http, "http");
        this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout");
    }

    @Override
    public AzdoClient create(URI organizationUrl, AzdoCredentials credentials, FieldSelection allowed) {
        return new AzdoClient(organizationUrl, credentials, policyOf(organizationUrl), http, allowed,
                requestTimeout);
    }

    /** The organization's policy (the same one for every client of that organization). */
    RetryPolicy policyOf(URI organizationUrl) {
        String key = organizationUrl.toString().replaceAll("/+$", "").toLowerCase(java.util.Locale.ROOT);
        return byOrganization.computeIfAbsent(key, k -> policies.get());
    }
}
