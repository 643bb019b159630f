package io.flowtrack.azdo.ops;

import io.flowtrack.azdo.config.BackendConfig;
import io.flowtrack.azdo.model.OrgId;
import io.flowtrack.azdo.store.CredentialCipher;
import io.flowtrack.azdo.store.CredentialStore;
import io.flowtrack.azdo.store.Database;
import java.io.PrintStream;

/**
 * {@code azdo-backend rotate-keys}: re-encrypts every stored credential under the newest data key (the first of
 * {@code FLOWTRACK_DATA_KEYS}), one organization at a time, atomically per organization, while the service keeps
 * running. Prints counts and the ids of organizations it could not re-encrypt — never a secret. The procedure
 * around it (add the key everywhere first, remove the old one after) is in docs/security.md.
 */
public final class KeyRotation {
    /** Exit code: every credential is under the newest key. */
    public static final int DONE = 0;
    /** Exit code: some credentials could not be decrypted with the configured keys and were left as they were. */
    public static final int INCOMPLETE = 1;

    private KeyRotation() {
    }

    /** Runs the rotation against the configured database; returns the exit code. */
    public static int run(BackendConfig config, PrintStream out) {
        try (Database db = Database.open(config)) {
            CredentialCipher cipher = new CredentialCipher(config.dataKeys());
            CredentialStore.Rotation r = new CredentialStore(db, cipher).rotateAll();
            out.println("rotate-keys: newest data key '" + cipher.currentKeyId() + "': " + r.rotated()
                    + " credential(s) re-encrypted, " + r.current() + " now under it, " + r.failed().size()
                    + " could not be decrypted");
            for (OrgId org : r.failed()) {
                out.println("  not re-encrypted (its key is not configured, or it does not authenticate): organization "
                        + org.value());
            }
            return r.failed().isEmpty() ? DONE : INCOMPLETE;
        }
    }
}
