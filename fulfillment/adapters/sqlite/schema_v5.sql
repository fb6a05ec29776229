-- Version 5: data protection. `turns.text` holds redacted text (what agents see); `text_raw` keeps other
-- personal data for supervisors but never card numbers or security codes. NULL = stored before version 5,
-- still to be redacted by the next purge.
ALTER TABLE turns ADD COLUMN text_raw TEXT;
CREATE INDEX turns_customer ON turns (customer_id);
CREATE INDEX tickets_customer ON tickets (customer_id);
CREATE INDEX tickets_created ON tickets (created_at);

-- Retention windows an admin set; a missing row means the environment's default.
CREATE TABLE retention_settings (
    name TEXT PRIMARY KEY CHECK (name IN ('transcript_days', 'audio_days')),
    days INTEGER NOT NULL CHECK (days >= 0),
    updated_at TEXT NOT NULL,
    updated_by TEXT
);

-- Who read or changed personal data in support, and when.
CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    user TEXT NOT NULL,
    action TEXT NOT NULL,
    subject TEXT NOT NULL
);
CREATE INDEX audit_log_at ON audit_log (at);
