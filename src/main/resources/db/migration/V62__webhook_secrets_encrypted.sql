-- Webhook signing secrets are stored encrypted (AES-256-GCM under the server's webhook-secret key):
-- "v1:<keyId>:<base64 nonce|ciphertext|tag>", longer than the plain "whsec_…" they replace. Rows written before this
-- version still hold plain text; the service encrypts them at its next start (it alone holds the key) and reads
-- either form meanwhile, so no delivery is lost.
alter table webhook_endpoint alter column secret type varchar(300);
alter table webhook_endpoint alter column previous_secret type varchar(300);
comment on column webhook_endpoint.secret is 'encrypted signing secret: v1:<keyId>:<base64>, see WebhookSecrets';
