package io.flowtrack.azdo.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flowtrack.azdo.config.BackendConfig.DataKey;
import io.flowtrack.azdo.config.BackendConfig.Secret;
import io.flowtrack.azdo.model.OrgId;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class CredentialCipherTest {
    static final OrgId ORG_A = new OrgId("11111111-1111-1111-1111-111111111111");
    static final OrgId ORG_B = new OrgId("22222222-2222-2222-2222-222222222222");
    static final String PLAIN = "pat-0123456789-very-secret-token";

    static DataKey key(String id, int fill) {
        byte[] bytes = new byte[32];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (fill + i);
        }
        return new DataKey(id, new Secret(Base64.getEncoder().encodeToString(bytes)));
    }

    private final CredentialCipher cipher = new CredentialCipher(List.of(key("k1", 1)));

    @Test
    void roundTripWithFreshNoncesAndTag() {
        CredentialCipher.Sealed a = cipher.encrypt(ORG_A, "credential/pat", PLAIN);
        CredentialCipher.Sealed b = cipher.encrypt(ORG_A, "credential/pat", PLAIN);
        assertThat(a.keyId()).isEqualTo("k1");
        assertThat(a.nonce()).hasSize(12);
        assertThat(a.ciphertext()).hasSize(PLAIN.length() + 16); // 128-bit tag
        assertThat(a.nonce()).isNotEqualTo(b.nonce());
        assertThat(a.ciphertext()).isNotEqualTo(b.ciphertext());
        assertThat(new String(a.ciphertext(), StandardCharsets.ISO_8859_1)).doesNotContain("secret");
        assertThat(cipher.decryptString(ORG_A, "credential/pat", a)).isEqualTo(PLAIN);
        assertThat(cipher.decryptString(ORG_A, "credential/pat", b)).isEqualTo(PLAIN);
        assertThat(a.toString()).doesNotContain(PLAIN);
    }

    @Test
    void tamperedCiphertextIsRejected() {
        CredentialCipher.Sealed s = cipher.encrypt(ORG_A, "credential/pat", PLAIN);
        byte[] ct = s.ciphertext();
        ct[3] ^= 0x01;
        CredentialCipher.Sealed tampered = new CredentialCipher.Sealed(s.keyId(), s.nonce(), ct);
        assertThatThrownBy(() -> cipher.decrypt(ORG_A, "credential/pat", tampered))
                .isInstanceOf(CredentialCipher.DecryptionException.class)
                .hasMessageContaining(ORG_A.value())
                .hasMessageNotContaining(PLAIN);
        byte[] tag = s.ciphertext();
        tag[tag.length - 1] ^= 0x40;
        assertThatThrownBy(() -> cipher.decrypt(ORG_A, "credential/pat", new CredentialCipher.Sealed("k1", s.nonce(), tag)))
                .isInstanceOf(CredentialCipher.DecryptionException.class);
    }

    @Test
    void tamperedNonceIsRejected() {
        CredentialCipher.Sealed s = cipher.encrypt(ORG_A, "credential/pat", PLAIN);
        byte[] nonce = s.nonce();
        nonce[0] ^= 0x01;
        assertThatThrownBy(() -> cipher.decrypt(ORG_A, "credential/pat", new CredentialCipher.Sealed("k1", nonce, s.ciphertext())))
                .isInstanceOf(CredentialCipher.DecryptionException.class).hasMessageNotContaining(PLAIN);
        assertThatThrownBy(() -> cipher.decrypt(ORG_A, "credential/pat", new CredentialCipher.Sealed("k1", new byte[8], s.ciphertext())))
                .isInstanceOf(CredentialCipher.DecryptionException.class).hasMessageContaining("nonce");
    }

    @Test
    void anotherOrganizationOrPurposeCannotDecrypt() {
        CredentialCipher.Sealed s = cipher.encrypt(ORG_A, "credential/pat", PLAIN);
        assertThatThrownBy(() -> cipher.decrypt(ORG_B, "credential/pat", s))
                .isInstanceOf(CredentialCipher.DecryptionException.class)
                .hasMessageContaining(ORG_B.value())
                .hasMessageNotContaining(PLAIN);
        assertThatThrownBy(() -> cipher.decrypt(ORG_A, "credential/entra", s))
                .isInstanceOf(CredentialCipher.DecryptionException.class);
    }

    @Test
    void unknownKeyIdIsRejected() {
        CredentialCipher.Sealed s = cipher.encrypt(ORG_A, "credential/pat", PLAIN);
        CredentialCipher other = new CredentialCipher(List.of(key("k9", 9)));
        assertThatThrownBy(() -> other.decrypt(ORG_A, "credential/pat", s))
                .isInstanceOf(CredentialCipher.DecryptionException.class).hasMessageContaining("'k1'");
        // a key id relabelled to another configured key fails authentication too
        CredentialCipher both = new CredentialCipher(List.of(key("k2", 2), key("k1", 1)));
        assertThatThrownBy(() -> both.decrypt(ORG_A, "credential/pat",
                new CredentialCipher.Sealed("k2", s.nonce(), s.ciphertext())))
                .isInstanceOf(CredentialCipher.DecryptionException.class);
    }

    @Test
    void rotationReadsOldKeysAndReencryptsWithTheNewest() {
        CredentialCipher.Sealed old = cipher.encrypt(ORG_A, "credential/pat", PLAIN);
        CredentialCipher rotated = new CredentialCipher(List.of(key("k2", 2), key("k1", 1)));
        assertThat(rotated.currentKeyId()).isEqualTo("k2");
        assertThat(rotated.needsReencryption(old)).isTrue();
        assertThat(rotated.decryptString(ORG_A, "credential/pat", old)).isEqualTo(PLAIN);

        CredentialCipher.Sealed fresh = rotated.reencrypt(ORG_A, "credential/pat", old);
        assertThat(fresh.keyId()).isEqualTo("k2");
        assertThat(rotated.needsReencryption(fresh)).isFalse();
        assertThat(fresh.nonce()).isNotEqualTo(old.nonce());
        assertThat(rotated.decryptString(ORG_A, "credential/pat", fresh)).isEqualTo(PLAIN);
        // once the old key is retired, only the re-encrypted secret is readable
        CredentialCipher retired = new CredentialCipher(List.of(key("k2", 2)));
        assertThat(retired.decryptString(ORG_A, "credential/pat", fresh)).isEqualTo(PLAIN);
        assertThatThrownBy(() -> retired.decrypt(ORG_A, "credential/pat", old))
                .isInstanceOf(CredentialCipher.DecryptionException.class);
    }

    @Test
    void keysMustBeAes256AndDistinct() {
        DataKey short16 = new DataKey("short", new Secret(Base64.getEncoder().encodeToString(new byte[16])));
        assertThatThrownBy(() -> new CredentialCipher(List.of(short16)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> new CredentialCipher(List.of(key("k1", 1), key("k1", 5))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("twice");
        assertThatThrownBy(() -> new CredentialCipher(List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
