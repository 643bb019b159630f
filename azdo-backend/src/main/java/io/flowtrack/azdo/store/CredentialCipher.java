package io.flowtrack.azdo.store;

import io.flowtrack.azdo.config.BackendConfig.DataKey;
import io.flowtrack.azdo.model.OrgId;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts stored secrets with AES-256-GCM: a fresh random 12-byte nonce for every encryption, a
 * 128-bit tag, and associated data naming the organization and the purpose, so a ciphertext copied to
 * another organization's row (or used for another purpose) does not decrypt. The first data key
 * encrypts; every key decrypts what carries its id, so keys can rotate.
 *
 * <p>Nothing here logs, and no exception message contains plaintext or key material.
 */
public final class CredentialCipher {
    static final int NONCE_BYTES = 12;
    static final int TAG_BITS = 128;
    private static final String AAD_PREFIX = "flowtrack/v1|";

    /** A sealed secret: the key id that encrypted it, the nonce, and the ciphertext with its tag. */
    public record Sealed(String keyId, byte[] nonce, byte[] ciphertext) {
        public Sealed {
            Objects.requireNonNull(keyId, "keyId");
            nonce = nonce.clone();
            ciphertext = ciphertext.clone();
        }

        @Override
        public byte[] nonce() {
            return nonce.clone();
        }

        @Override
        public byte[] ciphertext() {
            return ciphertext.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Sealed s && s.keyId.equals(keyId) && Arrays.equals(s.nonce, nonce)
                    && Arrays.equals(s.ciphertext, ciphertext);
        }

        @Override
        public int hashCode() {
            return Objects.hash(keyId, Arrays.hashCode(nonce), Arrays.hashCode(ciphertext));
        }

        @Override
        public String toString() {
            return "Sealed[keyId=" + keyId + ", " + ciphertext.length + " bytes]";
        }
    }

    /** A secret could not be decrypted: unknown key, wrong organization or purpose, or tampering. */
    public static final class DecryptionException extends StoreException {
        DecryptionException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final String currentKeyId;
    private final Map<String, SecretKeySpec> keys;
    private final SecureRandom random = new SecureRandom();

    /** @param dataKeys newest first; the first encrypts, all decrypt */
    public CredentialCipher(List<DataKey> dataKeys) {
        if (dataKeys == null || dataKeys.isEmpty()) {
            throw new IllegalArgumentException("at least one data key is required");
        }
        Map<String, SecretKeySpec> map = new LinkedHashMap<>();
        for (DataKey k : dataKeys) {
            byte[] bytes;
            try {
                bytes = k.bytes();
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("data key '" + k.id() + "' is not valid base64");
            }
            if (bytes.length != 32) {
                throw new IllegalArgumentException("data key '" + k.id() + "' must be 32 bytes (AES-256), was "
                        + bytes.length);
            }
            if (map.put(k.id(), new SecretKeySpec(bytes, "AES")) != null) {
                throw new IllegalArgumentException("data key id '" + k.id() + "' appears twice");
            }
            Arrays.fill(bytes, (byte) 0);
        }
        this.keys = Map.copyOf(map);
        this.currentKeyId = dataKeys.get(0).id();
    }

    /** The id of the key new encryptions use. */
    public String currentKeyId() {
        return currentKeyId;
    }

    /** Encrypts {@code plaintext} for {@code org} and {@code purpose} with the newest key. */
    public Sealed encrypt(OrgId org, String purpose, byte[] plaintext) {
        Objects.requireNonNull(org, "org");
        Objects.requireNonNull(plaintext, "plaintext");
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, keys.get(currentKeyId), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(aad(org, purpose, currentKeyId));
            return new Sealed(currentKeyId, nonce, cipher.doFinal(plaintext));
        } catch (GeneralSecurityException e) {
            throw new StoreException("encryption failed for organization " + org, e);
        }
    }

    /** Encrypts a string as UTF-8. */
    public Sealed encrypt(OrgId org, String purpose, String plaintext) {
        return encrypt(org, purpose, plaintext.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Decrypts with the key named by {@code sealed.keyId()}.
     *
     * @throws DecryptionException when the key is unknown, or the ciphertext, nonce, organization or
     *                             purpose does not match what was encrypted
     */
    public byte[] decrypt(OrgId org, String purpose, Sealed sealed) {
        Objects.requireNonNull(org, "org");
        SecretKeySpec key = keys.get(sealed.keyId());
        if (key == null) {
            throw new DecryptionException("no data key with id '" + sealed.keyId()
                    + "' is configured; a secret of organization " + org + " cannot be read", null);
        }
        byte[] nonce = sealed.nonce();
        if (nonce.length != NONCE_BYTES) {
            throw new DecryptionException("a stored secret of organization " + org + " has a malformed nonce", null);
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(aad(org, purpose, sealed.keyId()));
            return cipher.doFinal(sealed.ciphertext());
        } catch (GeneralSecurityException e) {
            throw new DecryptionException("a stored secret of organization " + org
                    + " failed authentication (tampered, or not encrypted for this organization)", e);
        }
    }

    /** Decrypts a UTF-8 string. */
    public String decryptString(OrgId org, String purpose, Sealed sealed) {
        byte[] bytes = decrypt(org, purpose, sealed);
        try {
            return new String(bytes, StandardCharsets.UTF_8);
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    /** Whether {@code sealed} was encrypted with an older key than the current one. */
    public boolean needsReencryption(Sealed sealed) {
        return !sealed.keyId().equals(currentKeyId);
    }

    /** Decrypts with the old key and encrypts again with the newest (with a fresh nonce). */
    public Sealed reencrypt(OrgId org, String purpose, Sealed sealed) {
        byte[] plaintext = decrypt(org, purpose, sealed);
        try {
            return encrypt(org, purpose, plaintext);
        } finally {
            Arrays.fill(plaintext, (byte) 0);
        }
    }

    private static byte[] aad(OrgId org, String purpose, String keyId) {
        Objects.requireNonNull(purpose, "purpose");
        return (AAD_PREFIX + org.value() + "|" + purpose + "|" + keyId).getBytes(StandardCharsets.UTF_8);
    }
}
