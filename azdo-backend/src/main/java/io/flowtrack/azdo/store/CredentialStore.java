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

    record Row(String kind, CredentialCipher.Sealed sealed, String tenant, String client, Instant updatedAt,
                       String updatedBy) {
    }

    Optional<Row> row(OrgId org) {
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
     * Re-encrypts the organization's secret with the newest data key if an older one sealed it. Atomic per
     * organization: the new ciphertext replaces exactly the one that was read (same key id and nonce), so a
     * credential saved meanwhile (an admin reconnecting) or an organization disconnected meanwhile is never
     * overwritten with the old secret; then nothing is written and the answer is false.
     *
     * @return whether it was re-encrypted
     * @throws CredentialCipher.DecryptionException when the stored secret's key is not configured or it does not
     *                                              authenticate (nothing is written)
     */
    public boolean rotate(OrgId org) {
        return row(org).map(r -> rotate(org, r)).orElse(false);
    }

    /** Re-encrypts {@code read} (the row as it was read) if it is still what is stored. */
    boolean rotate(OrgId org, Row read) {
        if (!cipher.needsReencryption(read.sealed())) {
            return false;
        }
        CredentialCipher.Sealed fresh = cipher.reencrypt(org, purpose(read.kind()), read.sealed());
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE credential SET key_id = ?, nonce = ?, ciphertext = ?"
                    + " WHERE org_id = ? AND key_id = ? AND nonce = ? AND kind = ?")) {
                ps.setString(1, fresh.keyId());
                ps.setString(2, Base64.getEncoder().encodeToString(fresh.nonce()));
                ps.setString(3, Base64.getEncoder().encodeToString(fresh.ciphertext()));
                ps.setString(4, org.value());
                ps.setString(5, read.sealed().keyId());
                ps.setString(6, Base64.getEncoder().encodeToString(read.sealed().nonce()));
                ps.setString(7, read.kind());
                return ps.executeUpdate() == 1;
            }
        });
    }

    /** What {@link #rotateAll} did. */
    public record Rotation(int rotated, int current, List<OrgId> failed) {
        public Rotation {
            failed = List.copyOf(failed);
        }
    }

    /**
     * Re-encrypts every organization's credential that an older data key sealed, one organization at a time
     * (each atomically, see {@link #rotate(OrgId)}). A credential that cannot be decrypted (its key is no longer
     * configured, or it was tampered with) is left as it is and named in the result; the others still rotate.
     */
    public Rotation rotateAll() {
        List<OrgId> stale = db.withConnection(c -> {
            List<OrgId> ids = new java.util.ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT org_id FROM credential WHERE key_id <> ?"
                    + " ORDER BY org_id")) {
                ps.setString(1, cipher.currentKeyId());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ids.add(new OrgId(rs.getString(1)));
                    }
                }
            }
            return ids;
        });
        int rotated = 0;
        List<OrgId> failed = new java.util.ArrayList<>();
        for (OrgId org : stale) {
            try {
                if (rotate(org)) {
                    rotated++;
                }
            } catch (CredentialCipher.DecryptionException e) {
                failed.add(org);
            }
        }
        int current = db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM credential WHERE key_id = ?")) {
                ps.setString(1, cipher.currentKeyId());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getInt(1);
                }
            }
        });
        return new Rotation(rotated, current, failed);
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
