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

V3 = """
-- A record belongs to every import that brought it (many-to-many): deleting one import keeps
-- what another import also holds. record.source_id is one of its holders.
CREATE TABLE record_link (
    record_id INTEGER NOT NULL REFERENCES record(id) ON DELETE CASCADE,
    source_id INTEGER NOT NULL REFERENCES source(id) ON DELETE CASCADE,
    PRIMARY KEY (record_id, source_id)
) WITHOUT ROWID;
CREATE INDEX record_link_source ON record_link(source_id, record_id);
INSERT INTO record_link SELECT id, source_id FROM record;
-- A new record is held by the import that stored it; a duplicate is linked by the vault.
CREATE TRIGGER record_linked AFTER INSERT ON record
BEGIN INSERT INTO record_link (record_id, source_id) VALUES (new.id, new.source_id); END;

-- Samples are many (millions): the owner is sample.source_id; a sample that a later import
-- also holds gets one row here per extra holder (only overlapping imports write here).
CREATE TABLE sample_link (
    person_id INTEGER NOT NULL,
    metric_id INTEGER NOT NULL,
    start INTEGER NOT NULL,
    device_id INTEGER NOT NULL,
    duration INTEGER NOT NULL,
    value REAL NOT NULL,
    source_id INTEGER NOT NULL,
    PRIMARY KEY (person_id, metric_id, start, device_id, duration, value, source_id)
) WITHOUT ROWID;
CREATE INDEX sample_link_source ON sample_link(source_id);

-- What the user changed: every edit keeps the values it replaced, so it can be shown and
-- undone. A record keeps the dedupe key it was imported with, so re-importing its source
-- neither duplicates it nor overwrites the correction.
ALTER TABLE record ADD COLUMN hidden INTEGER NOT NULL DEFAULT 0;
CREATE TABLE record_edit (
    id INTEGER PRIMARY KEY,
    record_id INTEGER NOT NULL REFERENCES record(id) ON DELETE CASCADE,
    at TEXT NOT NULL,
    by TEXT NOT NULL,
    before TEXT NOT NULL,
    after TEXT NOT NULL,
    rule_id INTEGER,  -- the name_rule this edit applied, if any
    undone_at TEXT
);
CREATE INDEX record_edit_record ON record_edit(record_id);

-- "This lab's 'Pot.' is potassium": a test name the user mapped to an analyte, applied to
-- the person's existing records and to later imports.
CREATE TABLE name_rule (
    id INTEGER PRIMARY KEY,
    person_id INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
    match_system TEXT NOT NULL,
    match_code TEXT NOT NULL,
    match_display TEXT NOT NULL,
    code_system TEXT,
    code TEXT,
    display TEXT NOT NULL,
    created_at TEXT NOT NULL,
    UNIQUE (person_id, match_system, match_code, match_display)
);
"""

MIGRATIONS: tuple[str, ...] = (V1, V2, V3)
SCHEMA_VERSION = len(MIGRATIONS)
