-- Version 2: Alexa account links (account-linking access token -> customer).
CREATE TABLE alexa_links (
    token_hash TEXT PRIMARY KEY,
    customer_id TEXT NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    created_at TEXT NOT NULL
);
