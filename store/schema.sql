-- newsfacts database schema, version 1 (documented in docs/schema.md).
--
-- This file is the migration from an empty database (user_version 0) to version 1. It is
-- compiled into the program and run inside one transaction; the program sets
-- PRAGMA user_version itself after the step succeeds. Later versions are new migration
-- steps in store/store.cc, never edits of this file.
--
-- Conventions: spans are [span_start, span_end) offsets in Unicode code points into
-- articles.text; booleans are 0/1; times are ISO 8601 UTC text ("2024-05-23T09:41:00Z");
-- every fact row is keyed by (article_id, position), position being its index in the
-- article's list, so the order of the lists is kept.

-- One row per program run that wrote to the database.
CREATE TABLE runs (
  id               INTEGER PRIMARY KEY,
  program_version  TEXT NOT NULL,
  ruleset_versions TEXT NOT NULL DEFAULT '{}',  -- JSON object {rule set id: version}
  command          TEXT NOT NULL,
  started_at       TEXT NOT NULL,
  finished_at      TEXT,                        -- NULL while running or if killed
  articles_stored  INTEGER,
  articles_failed  INTEGER
);

-- Every HTTP exchange or archive record an article came from.
CREATE TABLE fetches (
  id             INTEGER PRIMARY KEY,
  url            TEXT NOT NULL,     -- the URL requested
  final_url      TEXT,              -- after redirects, when different
  status         INTEGER,           -- HTTP status; NULL for a record without one
  fetched_at     TEXT NOT NULL,
  content_type   TEXT,
  etag           TEXT,
  last_modified  TEXT,
  warc_file      TEXT,              -- path of the WARC file holding the record
  warc_offset    INTEGER,           -- byte offset of the record (its gzip member) in warc_file
  warc_length    INTEGER,           -- byte length of the record as stored
  warc_record_id TEXT,              -- WARC-Record-ID
  payload_digest TEXT,              -- WARC-Payload-Digest, e.g. "sha1:..."
  run_id         INTEGER REFERENCES runs(id) ON DELETE SET NULL
);
CREATE INDEX fetches_url ON fetches(url, fetched_at);

CREATE TABLE articles (
  -- Declared so that rowids survive VACUUM: the full-text index refers to them.
  seq           INTEGER PRIMARY KEY,
  id            TEXT NOT NULL UNIQUE,
  url           TEXT,
  canonical_url TEXT,
  site          TEXT,
  title         TEXT,
  byline        TEXT,
  published     TEXT,
  language      TEXT,
  text          TEXT NOT NULL,
  captions      TEXT NOT NULL DEFAULT '[]',  -- JSON array of strings
  run_id        INTEGER REFERENCES runs(id) ON DELETE SET NULL,
  fetch_id      INTEGER REFERENCES fetches(id) ON DELETE SET NULL,
  stored_at     TEXT NOT NULL
);
CREATE INDEX articles_url ON articles(url);
CREATE INDEX articles_canonical_url ON articles(canonical_url);
CREATE INDEX articles_site_published ON articles(site, published);
CREATE INDEX articles_run ON articles(run_id);
CREATE INDEX articles_fetch ON articles(fetch_id);

CREATE TABLE quantities (
  article_id      TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  position        INTEGER NOT NULL CHECK (position >= 0),
  text            TEXT NOT NULL,
  span_start      INTEGER NOT NULL CHECK (span_start >= 0),
  span_end        INTEGER NOT NULL CHECK (span_end >= span_start),
  rule            TEXT NOT NULL,
  ruleset_version INTEGER NOT NULL,
  value           REAL,               -- NULL only for a value that was not a number
  unit            TEXT NOT NULL,
  dimension       TEXT NOT NULL,
  si_value        REAL,
  si_unit         TEXT NOT NULL,
  approx          INTEGER NOT NULL CHECK (approx IN (0, 1)),
  low             REAL,
  high            REAL,
  subject         TEXT,
  equivalent_of   INTEGER,            -- position of the quantity this one restates
  PRIMARY KEY (article_id, position)
);
CREATE INDEX quantities_si ON quantities(si_unit, si_value);
CREATE INDEX quantities_subject ON quantities(subject);

CREATE TABLE dates (
  article_id      TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  position        INTEGER NOT NULL CHECK (position >= 0),
  text            TEXT NOT NULL,
  span_start      INTEGER NOT NULL CHECK (span_start >= 0),
  span_end        INTEGER NOT NULL CHECK (span_end >= span_start),
  rule            TEXT NOT NULL,
  ruleset_version INTEGER NOT NULL,
  kind            TEXT NOT NULL,
  date_from       TEXT,               -- the contract's "from", YYYY-MM-DD inclusive
  date_to         TEXT,               -- the contract's "to", YYYY-MM-DD inclusive
  granularity     TEXT,
  duration        TEXT,
  PRIMARY KEY (article_id, position)
);
CREATE INDEX dates_range ON dates(date_from, date_to);

-- One row per person, not per mention.
CREATE TABLE officials (
  article_id      TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  position        INTEGER NOT NULL CHECK (position >= 0),
  name            TEXT NOT NULL,
  title           TEXT NOT NULL,
  former          INTEGER NOT NULL CHECK (former IN (0, 1)),
  affiliation     TEXT,
  span_start      INTEGER NOT NULL CHECK (span_start >= 0),
  span_end        INTEGER NOT NULL CHECK (span_end >= span_start),
  rule            TEXT NOT NULL,
  ruleset_version INTEGER NOT NULL,
  PRIMARY KEY (article_id, position)
);
CREATE INDEX officials_name ON officials(name);

-- Every span that refers to an official, in text order.
CREATE TABLE mentions (
  article_id        TEXT NOT NULL,
  official_position INTEGER NOT NULL,
  position          INTEGER NOT NULL CHECK (position >= 0),
  span_start        INTEGER NOT NULL CHECK (span_start >= 0),
  span_end          INTEGER NOT NULL CHECK (span_end >= span_start),
  PRIMARY KEY (article_id, official_position, position),
  FOREIGN KEY (article_id, official_position)
    REFERENCES officials(article_id, position) ON DELETE CASCADE
);

CREATE TABLE quotes (
  article_id         TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  position           INTEGER NOT NULL CHECK (position >= 0),
  text               TEXT NOT NULL,
  span_start         INTEGER NOT NULL CHECK (span_start >= 0),
  span_end           INTEGER NOT NULL CHECK (span_end >= span_start),
  speaker            TEXT,
  speaker_span_start INTEGER,
  speaker_span_end   INTEGER,
  cue                TEXT,
  via                TEXT,
  partial            INTEGER NOT NULL CHECK (partial IN (0, 1)),
  rule               TEXT NOT NULL,
  ruleset_version    INTEGER NOT NULL,
  PRIMARY KEY (article_id, position),
  CHECK ((speaker_span_start IS NULL) = (speaker_span_end IS NULL)),
  CHECK (speaker_span_start IS NULL OR
         (speaker_span_start >= 0 AND speaker_span_end >= speaker_span_start))
);
CREATE INDEX quotes_speaker ON quotes(speaker);

-- The quoted stretches of a quote interrupted by its attribution, in text order.
CREATE TABLE quote_parts (
  article_id     TEXT NOT NULL,
  quote_position INTEGER NOT NULL,
  position       INTEGER NOT NULL CHECK (position >= 0),
  span_start     INTEGER NOT NULL CHECK (span_start >= 0),
  span_end       INTEGER NOT NULL CHECK (span_end >= span_start),
  PRIMARY KEY (article_id, quote_position, position),
  FOREIGN KEY (article_id, quote_position)
    REFERENCES quotes(article_id, position) ON DELETE CASCADE
);

-- Full-text index over article title and text. An external content table kept in sync by
-- triggers rather than by the writer: the text is stored once, and the index stays right
-- whatever writes the articles table (the writer, a merge, or plain SQL).
CREATE VIRTUAL TABLE articles_fts USING fts5(
  title, text,
  content = 'articles', content_rowid = 'seq',
  tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
  INSERT INTO articles_fts(rowid, title, text) VALUES (new.seq, new.title, new.text);
END;
CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
  INSERT INTO articles_fts(articles_fts, rowid, title, text)
    VALUES ('delete', old.seq, old.title, old.text);
END;
CREATE TRIGGER articles_fts_update AFTER UPDATE OF seq, title, text ON articles BEGIN
  INSERT INTO articles_fts(articles_fts, rowid, title, text)
    VALUES ('delete', old.seq, old.title, old.text);
  INSERT INTO articles_fts(rowid, title, text) VALUES (new.seq, new.title, new.text);
END;
