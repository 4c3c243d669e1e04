"""The vault schema as an ordered list of migrations; `PRAGMA user_version` is the index.

A migration is applied once, inside the same transaction as the version bump. Never edit a
migration that has shipped: append a new one.
"""

from __future__ import annotations

V1 = """
CREATE TABLE meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE person (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE COLLATE NOCASE,
    birth_date TEXT,
    sex TEXT,
    created_at TEXT NOT NULL
);

CREATE TABLE source (
    id INTEGER PRIMARY KEY,
    person_id INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
    file_name TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    format TEXT NOT NULL,
    imported_at TEXT NOT NULL,
    report TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX source_person ON source(person_id);

CREATE TABLE record (
    id INTEGER PRIMARY KEY,
    person_id INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
    source_id INTEGER NOT NULL REFERENCES source(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    category TEXT,
    status TEXT,
    code_system TEXT,
    code TEXT,
    display TEXT,
    value_num REAL,
    value_text TEXT,
    unit TEXT,
    ref_low REAL,
    ref_high REAL,
    ref_text TEXT,
    interpretation TEXT,
    effective TEXT,
    effective_end TEXT,
    details TEXT,
    original TEXT,
    original_format TEXT,
    dedupe_key BLOB NOT NULL,
    UNIQUE (person_id, dedupe_key)
);
CREATE INDEX record_person_kind_time ON record(person_id, kind, effective);
CREATE INDEX record_person_code ON record(person_id, code);
CREATE INDEX record_source ON record(source_id);

CREATE TABLE attachment (
    record_id INTEGER PRIMARY KEY REFERENCES record(id) ON DELETE CASCADE,
    content_type TEXT NOT NULL,
    title TEXT,
    data BLOB NOT NULL
);

-- Wearable samples: millions of rows per person. Clustered by (person, metric, time) so a
-- range query reads contiguous pages; the key doubles as the dedupe key. No foreign keys:
-- person and source removal delete samples explicitly.
CREATE TABLE metric (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    unit TEXT NOT NULL
);
CREATE TABLE device (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE
);
CREATE TABLE sample (
    person_id INTEGER NOT NULL,
    metric_id INTEGER NOT NULL,
    start INTEGER NOT NULL,
    duration INTEGER NOT NULL,
    device_id INTEGER NOT NULL,
    value REAL NOT NULL,
    source_id INTEGER NOT NULL,
    PRIMARY KEY (person_id, metric_id, start, device_id, duration, value)
) WITHOUT ROWID;

CREATE TABLE audit (
    seq INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    action TEXT NOT NULL,
    detail TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
);
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
"""

V2 = """
-- Hourly aggregates of wearable samples (UTC hours), so that daily, weekly and monthly views
-- in the user's own time zone read thousands of rows, not millions. Kept in step with
-- `sample` by the vault (Samples.refresh_rollup) after every import and deletion.
CREATE TABLE sample_hourly (
    person_id INTEGER NOT NULL,
    metric_id INTEGER NOT NULL,
    hour INTEGER NOT NULL,
    n INTEGER NOT NULL,
    total REAL NOT NULL,
    lo REAL NOT NULL,
    hi REAL NOT NULL,
    seconds INTEGER NOT NULL,
    PRIMARY KEY (person_id, metric_id, hour)
) WITHOUT ROWID;
INSERT INTO sample_hourly
SELECT person_id, metric_id, start / 3600, count(*), sum(value), min(value), max(value),
       sum(duration)
FROM sample GROUP BY person_id, metric_id, start / 3600;
"""

MIGRATIONS: tuple[str, ...] = (V1, V2)
SCHEMA_VERSION = len(MIGRATIONS)
