package io.flowtrack.azdo.store;

import io.flowtrack.azdo.config.BackendConfig.Secret;
import java.util.Objects;

/**
 * How the service signs in to an organization: an organization-scoped personal access token, or a
 * Microsoft Entra service principal (client credentials). {@code toString()} never shows a secret.
 */
public sealed interface Credential permits Credential.Pat, Credential.Entra, Credential.EntraCertificate {
    /** The stored kind: {@code pat}, {@code entra} (client secret) or {@code entra_cert} (certificate). */
    String kind();

    /** A personal access token with read scope on work items. */
    record Pat(Secret token) implements Credential {
        public Pat {
            Objects.requireNonNull(token, "token");
            if (token.reveal().isBlank()) {
                throw new IllegalArgumentException("personal access token is empty");
            }
        }

        @Override
        public String kind() {
            return "pat";
        }

        @Override
        public String toString() {
            return "Pat[token=[redacted]]";
        }
    }

    /** A Microsoft Entra service principal: tenant and client ids are not secret, the client secret is. */
    record Entra(String tenantId, String clientId, Secret clientSecret) implements Credential {
        public Entra {
            Jdbc.require(tenantId, "Entra tenant id", 128);
            Jdbc.require(clientId, "Entra client id", 128);
            Objects.requireNonNull(clientSecret, "clientSecret");
            if (clientSecret.reveal().isBlank()) {
                throw new IllegalArgumentException("Entra client secret is empty");
            }
        }

        @Override
        public String kind() {
            return "entra";
        }

        @Override
        public String toString() {
            return "Entra[tenantId=" + tenantId + ", clientId=" + clientId + ", clientSecret=[redacted]]";
        }
    }

    /**
     * A Microsoft Entra service principal that signs in with a certificate: the certificate and its unencrypted
     * PKCS#8 private key as PEM text (secret as a whole, since it holds the key).
     */
    record EntraCertificate(String tenantId, String clientId, Secret certificateAndKeyPem) implements Credential {
        public EntraCertificate {
            Jdbc.require(tenantId, "Entra tenant id", 128);
            Jdbc.require(clientId, "Entra client id", 128);
            Objects.requireNonNull(certificateAndKeyPem, "certificateAndKeyPem");
            if (certificateAndKeyPem.reveal().isBlank()) {
                throw new IllegalArgumentException("the certificate is empty");
            }
        }

        @Override
        public String kind() {
            return "entra_cert";
        }

        @Override
        public String toString() {
            return "EntraCertificate[tenantId=" + tenantId + ", clientId=" + clientId + ", key=[redacted]]";
        }
    }
}
