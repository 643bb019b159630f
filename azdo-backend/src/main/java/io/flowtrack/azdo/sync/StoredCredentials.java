package io.flowtrack.azdo.sync;

import io.flowtrack.azdo.extract.AzdoCredentials;
import io.flowtrack.azdo.extract.RetryPolicy;
import io.flowtrack.azdo.store.Credential;
import java.net.http.HttpClient;
import java.time.Clock;

/**
 * Turns a stored (decrypted) credential into the extractor's: a personal access token as it is, a
 * Microsoft Entra service principal as a client-credentials grant against the configured endpoint.
 */
public final class StoredCredentials implements ProjectSync.CredentialAdapter {
    private final String entraTokenEndpoint;
    private final HttpClient http;
    private final RetryPolicy retries;
    private final Clock clock;

    public StoredCredentials(String entraTokenEndpoint, HttpClient http, RetryPolicy retries, Clock clock) {
        this.entraTokenEndpoint = entraTokenEndpoint;
        this.http = http;
        this.retries = retries;
        this.clock = clock;
    }

    @Override
    public AzdoCredentials adapt(Credential stored) {
        if (stored instanceof Credential.Pat pat) {
            return AzdoCredentials.pat(pat.token().reveal());
        }
        if (stored instanceof Credential.EntraCertificate cert) {
            return AzdoCredentials.certificatePrincipal(entraTokenEndpoint, cert.tenantId(), cert.clientId(),
                    cert.certificateAndKeyPem().reveal(), http, retries, clock);
        }
        Credential.Entra entra = (Credential.Entra) stored;
        return AzdoCredentials.servicePrincipal(entraTokenEndpoint, entra.tenantId(), entra.clientId(),
                entra.clientSecret().reveal(), http, retries, clock);
    }
}
