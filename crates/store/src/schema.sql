-- Evident store, schema version 1.
-- Designed to be read by people in sqlite3 or Datasette: one table per
-- record type of shared/spec/interchange.md, readable column names, entity
-- lists as JSON arrays of entity ids, spans as char offsets into
-- documents.text, and v_* views that join each fact with its document
-- title and entity names.

CREATE TABLE documents (
    id                  TEXT PRIMARY KEY,      -- SHA-256 of the raw bytes
    path                TEXT,
    format              TEXT NOT NULL,
    title               TEXT,
    published_start     TEXT,
    published_end       TEXT,
    published_precision TEXT,
    url                 TEXT,
    publisher           TEXT,
    author              TEXT,
    language            TEXT,
    chars               INTEGER NOT NULL,
    text                TEXT NOT NULL,         -- verbatim normalised text; all spans index it
    structure           TEXT NOT NULL,         -- JSON: paragraphs, headings, tables, non_article
    supersedes          TEXT REFERENCES documents(id),
    extractor           TEXT,                  -- version of the extractors that made its facts
    ingested_at         TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX documents_path ON documents(path);

CREATE TABLE entities (
    id       TEXT PRIMARY KEY,
    kind     TEXT NOT NULL,
    name     TEXT NOT NULL,
    wikidata TEXT
);

CREATE TABLE entity_aliases (
    entity_id TEXT NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
    alias     TEXT NOT NULL,
    PRIMARY KEY (entity_id, alias)
);

CREATE TABLE mentions (
    id         INTEGER PRIMARY KEY,
    doc_id     TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    entity_id  TEXT NOT NULL REFERENCES entities(id),
    span_start INTEGER NOT NULL,
    span_end   INTEGER NOT NULL,
    text       TEXT NOT NULL,
    extractor  TEXT NOT NULL
);
CREATE INDEX mentions_doc ON mentions(doc_id);
CREATE INDEX mentions_entity ON mentions(entity_id);

CREATE TABLE quantities (
    id          INTEGER PRIMARY KEY,
    doc_id      TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    span_start  INTEGER NOT NULL,
    span_end    INTEGER NOT NULL,
    quote       TEXT NOT NULL,
    min         REAL,
    max         REAL,
    approximate INTEGER NOT NULL,
    what        TEXT,
    unit        TEXT,
    population  TEXT NOT NULL,   -- JSON array of entity ids
    affiliation TEXT NOT NULL,
    location    TEXT NOT NULL,
    time        TEXT,            -- JSON date record
    source      TEXT REFERENCES entities(id),
    negated     INTEGER NOT NULL,
    count_kind  TEXT,
    extractor   TEXT NOT NULL
);
CREATE INDEX quantities_doc ON quantities(doc_id);

CREATE TABLE events (
    id         INTEGER PRIMARY KEY,
    doc_id     TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    span_start INTEGER NOT NULL,
    span_end   INTEGER NOT NULL,
    quote      TEXT NOT NULL,
    event_type TEXT NOT NULL,
    date_start TEXT,
    date_end   TEXT,
    date_precision TEXT,
    place      TEXT NOT NULL,    -- JSON array of entity ids
    actors     TEXT NOT NULL,
    targets    TEXT NOT NULL,
    killed     REAL,
    injured    REAL,
    modality   TEXT NOT NULL,
    extractor  TEXT NOT NULL
);
CREATE INDEX events_doc ON events(doc_id);

CREATE TABLE agreements (
    id             INTEGER PRIMARY KEY,
    doc_id         TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    span_start     INTEGER NOT NULL,
    span_end       INTEGER NOT NULL,
    quote          TEXT NOT NULL,
    agreement_type TEXT NOT NULL,
    parties        TEXT NOT NULL,  -- JSON array of entity ids
    signed         TEXT,           -- JSON date record
    in_force       TEXT,
    extractor      TEXT NOT NULL
);
CREATE INDEX agreements_doc ON agreements(doc_id);

CREATE TABLE relations (
    id         INTEGER PRIMARY KEY,
    doc_id     TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    span_start INTEGER NOT NULL,
    span_end   INTEGER NOT NULL,
    quote      TEXT NOT NULL,
    relation   TEXT NOT NULL,
    subject    TEXT NOT NULL REFERENCES entities(id),
    object     TEXT NOT NULL REFERENCES entities(id),
    extractor  TEXT NOT NULL
);
CREATE INDEX relations_doc ON relations(doc_id);

CREATE TABLE routes (
    id         INTEGER PRIMARY KEY,
    doc_id     TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    span_start INTEGER NOT NULL,
    span_end   INTEGER NOT NULL,
    quote      TEXT NOT NULL,
    steps      TEXT NOT NULL,   -- JSON array of entity ids in travel order
    period     TEXT,            -- JSON date record
    extractor  TEXT NOT NULL
);
CREATE INDEX routes_doc ON routes(doc_id);

CREATE VIEW v_documents AS
SELECT substr(id, 1, 12) AS doc, title, published_start AS published, publisher, path, chars,
       (SELECT count(*) FROM mentions m WHERE m.doc_id = d.id) AS mentions,
       (SELECT count(*) FROM quantities q WHERE q.doc_id = d.id) AS quantities,
       (SELECT count(*) FROM events e WHERE e.doc_id = d.id) AS events
FROM documents d;

CREATE VIEW v_mentions AS
SELECT d.title AS document, e.name AS entity, e.kind, m.text, m.span_start, m.span_end
FROM mentions m JOIN documents d ON d.id = m.doc_id JOIN entities e ON e.id = m.entity_id;

CREATE VIEW v_quantities AS
SELECT d.title AS document, q.min, q.max, q.approximate, q.what, q.unit,
       (SELECT group_concat(e.name, '; ') FROM json_each(q.population) j JOIN entities e ON e.id = j.value) AS population,
       (SELECT group_concat(e.name, '; ') FROM json_each(q.affiliation) j JOIN entities e ON e.id = j.value) AS affiliation,
       (SELECT group_concat(e.name, '; ') FROM json_each(q.location) j JOIN entities e ON e.id = j.value) AS location,
       json_extract(q.time, '$.start') AS time,
       s.name AS source, q.negated, q.count_kind, q.quote
FROM quantities q JOIN documents d ON d.id = q.doc_id LEFT JOIN entities s ON s.id = q.source;

CREATE VIEW v_events AS
SELECT d.title AS document, ev.event_type, ev.date_start AS date, ev.modality,
       (SELECT group_concat(e.name, '; ') FROM json_each(ev.place) j JOIN entities e ON e.id = j.value) AS place,
       (SELECT group_concat(e.name, '; ') FROM json_each(ev.actors) j JOIN entities e ON e.id = j.value) AS actors,
       (SELECT group_concat(e.name, '; ') FROM json_each(ev.targets) j JOIN entities e ON e.id = j.value) AS targets,
       ev.killed, ev.injured, ev.quote
FROM events ev JOIN documents d ON d.id = ev.doc_id;

CREATE VIEW v_agreements AS
SELECT d.title AS document, a.agreement_type,
       (SELECT group_concat(e.name, '; ') FROM json_each(a.parties) j JOIN entities e ON e.id = j.value) AS parties,
       json_extract(a.signed, '$.start') AS signed, json_extract(a.in_force, '$.start') AS in_force, a.quote
FROM agreements a JOIN documents d ON d.id = a.doc_id;

CREATE VIEW v_relations AS
SELECT d.title AS document, s.name AS subject, r.relation, o.name AS object, r.quote
FROM relations r JOIN documents d ON d.id = r.doc_id
JOIN entities s ON s.id = r.subject JOIN entities o ON o.id = r.object;

CREATE VIEW v_routes AS
SELECT d.title AS document,
       (SELECT group_concat(e.name, ' → ') FROM json_each(r.steps) j JOIN entities e ON e.id = j.value) AS route,
       json_extract(r.period, '$.start') AS period, r.quote
FROM routes r JOIN documents d ON d.id = r.doc_id;
