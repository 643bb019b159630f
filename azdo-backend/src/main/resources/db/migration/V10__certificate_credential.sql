-- A Microsoft Entra service principal may sign in with a certificate (client assertion) instead of a client
-- secret: a third credential kind. Its secret is the certificate and private key, sealed like the others.
ALTER TABLE credential DROP CONSTRAINT ck_credential_kind;
ALTER TABLE credential ADD CONSTRAINT ck_credential_kind CHECK (kind IN ('pat', 'entra', 'entra_cert'));
