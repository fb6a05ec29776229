-- Version 7: API keys for trusted front ends. The key itself is never stored: only its SHA-256 (keys are
-- 32 random bytes, so a fast hash is enough) and its first characters (`prefix`, not secret), which tell
-- keys apart in `emma api-key list` and find the row to compare. Revoked keys stay for the record; a name
-- can be used again once its key is revoked. A key bound to a customer goes when the customer is erased.
CREATE TABLE api_keys (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    prefix TEXT NOT NULL,
    key_hash TEXT NOT NULL UNIQUE,
    customer_id TEXT REFERENCES customers (id),
    scopes TEXT NOT NULL,
    created_at TEXT NOT NULL,
    revoked_at TEXT
);
CREATE UNIQUE INDEX api_keys_active_name ON api_keys (name) WHERE revoked_at IS NULL;
CREATE INDEX api_keys_prefix ON api_keys (prefix);
