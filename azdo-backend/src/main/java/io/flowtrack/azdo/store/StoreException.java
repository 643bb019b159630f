package io.flowtrack.azdo.store;

/**
 * A storage operation failed. Messages name the operation, never a stored secret: credentials reach
 * the database only as ciphertext.
 */
public class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    public StoreException(String message) {
        super(message);
    }
}
