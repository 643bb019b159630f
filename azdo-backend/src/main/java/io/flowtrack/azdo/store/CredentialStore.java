package io.flowtrack.azdo.store;

import io.flowtrack.azdo.config.BackendConfig.Secret;
import io.flowtrack.azdo.model.OrgId;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Each organization's credential, its secret encrypted by {@link CredentialCipher} (bound to the
 * organization and the credential kind). Secrets are never returned except by {@link #load}.
 */
public final class CredentialStore {
    /** What may be shown about a stored credential: everything but the secret. */
    public record Info(String kind, String keyId, String entraTenantId, String entraClientId, Instant updatedAt,
                       String updatedBy) {
    }

    private static final List<String> COLUMNS = List.of("org_id", "kind", "key_id", "nonce", "ciphertext",
            "entra_tenant_id", "entra_client_id", "updated_at", "updated_by");

    private final Database db;
    private final CredentialCipher cipher;
    private final Clock clock;

    public CredentialStore(Database db, CredentialCipher cipher) {
        this(db, cipher, Clock.systemUTC());
    }

    public CredentialStore(Database db, CredentialCipher cipher, Clock clock) {
        this.db = Objects.requireNonNull(db);
        this.cipher = Objects.requireNonNull(cipher);
        this.clock = Objects.requireNonNull(clock);
    }

    static String purpose(String kind) {
        return "credential/" + kind;
    }

    /** Stores (or replaces) the organization's credential, encrypted with the newest data key. */
    public void save(OrgId org, Credential credential, String updatedBy) {
        Objects.requireNonNull(org, "org");
        Objects.requireNonNull(credential, "credential");
        Jdbc.require(updatedBy, "updatedBy", 256);
        String secret = credential instanceof Credential.Entra e ? e.clientSecret().reveal()
                : credential instanceof Credential.EntraCertificate c ? c.certificateAndKeyPem().reveal()
                : ((Credential.Pat) credential).token().reveal();
        CredentialCipher.Sealed sealed = cipher.encrypt(org, purpose(credential.kind()), secret);
        String tenant = credential instanceof Credential.Entra e ? e.tenantId()
                : credential instanceof Credential.EntraCertificate c ? c.tenantId() : null;
        String client = credential instanceof Credential.Entra e ? e.clientId()
                : credential instanceof Credential.EntraCertificate c ? c.clientId() : null;
        write(org, credential.kind(), sealed, tenant, client, clock.instant(), updatedBy);
    }

    private void write(OrgId org, String kind, CredentialCipher.Sealed sealed, String tenant, String client,
                       Instant at, String updatedBy) {
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(db.dialect().upsert("credential", COLUMNS, List.of("org_id")))) {
                ps.setString(1, org.value());
                ps.setString(2, kind);
                ps.setString(3, sealed.keyId());
                ps.setString(4, Base64.getEncoder().encodeToString(sealed.nonce()));
                ps.setString(5, Base64.getEncoder().encodeToString(sealed.ciphertext()));
                Jdbc.setString(ps, 6, tenant);
                Jdbc.setString(ps, 7, client);
                Jdbc.setInstant(ps, 8, at);
                ps.setString(9, updatedBy);
                ps.executeUpdate();
            }
            return null;
        });
    }

    private record Row(String kind, CredentialCipher.Sealed sealed, String tenant, String client, Instant updatedAt,
                       String updatedBy) {
    }

    private Optional<Row> row(OrgId org) {
        Objects.requireNonNull(org, "org");
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT kind, key_id, nonce, ciphertext, entra_tenant_id,"
                    + " entra_client_id, updated_at, updated_by FROM credential WHERE org_id = ?")) {
                ps.setString(1, org.value());
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    CredentialCipher.Sealed sealed = new CredentialCipher.Sealed(rs.getString(2),
                            Base64.getDecoder().decode(rs.getString(3)), Base64.getDecoder().decode(rs.getString(4)));
                    return Optional.of(new Row(rs.getString(1), sealed, rs.getString(5), rs.getString(6),
                            Jdbc.getInstant(rs, 7), rs.getString(8)));
                }
            }
        });
    }

    /**
     * The organization's credential, decrypted.
     *
     * @throws CredentialCipher.DecryptionException when the stored secret does not authenticate
     */
    public Optional<Credential> load(OrgId org) {
        return row(org).map(r -> {
            Secret secret = new Secret(cipher.decryptString(org, purpose(r.kind()), r.sealed()));
            return switch (r.kind()) {
                case "pat" -> new Credential.Pat(secret);
                case "entra" -> new Credential.Entra(r.tenant(), r.client(), secret);
                case "entra_cert" -> new Credential.EntraCertificate(r.tenant(), r.client(), secret);
                default -> throw new StoreException("unknown credential kind for organization " + org);
            };
        });
    }

    /** What may be shown about the credential (never the secret). */
    public Optional<Info> info(OrgId org) {
        return row(org).map(r -> new Info(r.kind(), r.sealed().keyId(), r.tenant(), r.client(), r.updatedAt(),
                r.updatedBy()));
    }

    /**
     * Re-encrypts the organization's secret with the newest data key if an older one sealed it.
     *
     * @return whether it was re-encrypted
     */
    public boolean rotate(OrgId org) {
        Optional<Row> row = row(org);
        if (row.isEmpty() || !cipher.needsReencryption(row.get().sealed())) {
            return false;
        }
        Row r = row.get();
        CredentialCipher.Sealed fresh = cipher.reencrypt(org, purpose(r.kind()), r.sealed());
        write(org, r.kind(), fresh, r.tenant(), r.client(), r.updatedAt(), r.updatedBy());
        return true;
    }

    /** Removes the organization's credential; returns whether there was one. */
    public boolean delete(OrgId org) {
        Objects.requireNonNull(org, "org");
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM credential WHERE org_id = ?")) {
                ps.setString(1, org.value());
                return ps.executeUpdate() > 0;
            }
        });
    }
}
