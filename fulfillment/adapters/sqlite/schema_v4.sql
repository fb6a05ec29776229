-- Version 4: the support app. Its users and their sessions, turn annotations, NLU retraining runs,
-- and full-text search over what shoppers said.
CREATE TABLE support_users (
    name TEXT PRIMARY KEY,
    password_hash TEXT NOT NULL,                -- argon2id, encoded with its parameters
    role TEXT NOT NULL CHECK (role IN ('agent', 'supervisor', 'admin')),
    disabled INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL
);

-- The cookie holds a random token; only its SHA-256 is stored, so a leaked database opens no session.
CREATE TABLE support_sessions (
    token_hash TEXT PRIMARY KEY,
    user_name TEXT NOT NULL REFERENCES support_users (name) ON DELETE CASCADE,
    csrf_token TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
);
CREATE INDEX support_sessions_expiry ON support_sessions (expires_at);

-- A support user's correction of one turn; deleting the turn (retention, erasure) deletes it too.
CREATE TABLE turn_annotations (
    turn_id TEXT PRIMARY KEY REFERENCES turns (id) ON DELETE CASCADE,
    text TEXT NOT NULL,                         -- the utterance as it should be learnt
    intent TEXT,
    entities TEXT NOT NULL DEFAULT '[]',        -- [{entity, value, start}]
    tags TEXT NOT NULL DEFAULT '[]',
    note TEXT NOT NULL DEFAULT '',
    annotated_by TEXT NOT NULL,
    annotated_at TEXT NOT NULL,
    imported_at TEXT                            -- when it went into nlu/data/nlu/annotations.yml
);

CREATE TABLE nlu_training_runs (
    id INTEGER PRIMARY KEY,
    started_by TEXT NOT NULL,
    started_at TEXT NOT NULL,
    finished_at TEXT,
    status TEXT NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'done', 'failed', 'interrupted')),
    stage TEXT NOT NULL DEFAULT '',
    report TEXT NOT NULL DEFAULT '{}',          -- added / skipped examples, before and after figures
    error TEXT
);

-- Full-text search over turns.text (the stored, redacted text). turns has no INTEGER PRIMARY KEY, so its
-- rowids may change on VACUUM: a stable docid per turn keys the index instead.
CREATE TABLE turn_docids (
    docid INTEGER PRIMARY KEY,
    turn_id TEXT NOT NULL UNIQUE
);
CREATE VIRTUAL TABLE turns_fts USING fts5 (text, tokenize = 'unicode61 remove_diacritics 2');

CREATE TRIGGER turns_fts_insert AFTER INSERT ON turns BEGIN
    INSERT INTO turn_docids (turn_id) VALUES (new.id);
    INSERT INTO turns_fts (rowid, text) VALUES (last_insert_rowid(), new.text);
END;
CREATE TRIGGER turns_fts_update AFTER UPDATE OF text ON turns BEGIN
    UPDATE turns_fts SET text = new.text WHERE rowid = (SELECT docid FROM turn_docids WHERE turn_id = old.id);
END;
CREATE TRIGGER turns_fts_delete AFTER DELETE ON turns BEGIN
    DELETE FROM turns_fts WHERE rowid = (SELECT docid FROM turn_docids WHERE turn_id = old.id);
    DELETE FROM turn_docids WHERE turn_id = old.id;
END;

INSERT INTO turn_docids (turn_id) SELECT id FROM turns ORDER BY created_at;
INSERT INTO turns_fts (rowid, text) SELECT d.docid, t.text FROM turn_docids d JOIN turns t ON t.id = d.turn_id;
