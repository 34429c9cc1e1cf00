-- hadath store, migration 1: the tables of an ingested corpus.
-- Offsets (start_char, end_char) are Python string indices into documents.text.
-- Every row of a document's layers carries its doc_key; a document and all its
-- rows are written in one transaction, so no document is ever half there.

CREATE TABLE ingests (
    ingest_id      INTEGER PRIMARY KEY,
    started        TIMESTAMP NOT NULL,
    finished       TIMESTAMP,
    status         VARCHAR NOT NULL,          -- running | done | interrupted
    engine         VARCHAR NOT NULL,          -- local | dask
    inputs         VARCHAR[],
    pipeline       JSON,                      -- Pipeline.config()
    hadath_version VARCHAR,
    added          INTEGER DEFAULT 0,
    skipped        INTEGER DEFAULT 0,
    failed         INTEGER DEFAULT 0
);

CREATE TABLE documents (
    doc_key     VARCHAR PRIMARY KEY,          -- content hash of text (hadath.store.doc_key)
    id          VARCHAR NOT NULL,             -- the record's own id
    title       VARCHAR,
    source      VARCHAR,                      -- outlet
    url         VARCHAR,
    published   VARCHAR,                      -- YYYY-MM-DD or NULL
    anchor      VARCHAR,                      -- date relative times were resolved against
    text        VARCHAR NOT NULL,
    n_chars     INTEGER NOT NULL,
    n_tokens    INTEGER NOT NULL,
    meta_extra  JSON,                         -- meta keys beyond published/source/url/title
    components  VARCHAR[],                    -- name@version of what made the layers
    input       VARCHAR,                      -- file it was read from
    line        INTEGER,                      -- line (or record number) in that file
    ingest_id   INTEGER,
    minhash     UINTEGER[],                   -- MinHash signature of normalised shingles
    dup_group   VARCHAR                       -- doc_key of the group's first report
);

CREATE TABLE sentences (
    doc_key    VARCHAR NOT NULL,
    sentence   INTEGER NOT NULL,              -- 0-based position in the document
    start_char INTEGER NOT NULL,
    end_char   INTEGER NOT NULL
);

CREATE TABLE entities (
    doc_key    VARCHAR NOT NULL,
    entity_id  VARCHAR NOT NULL,              -- e1, e2 … (unique within the document)
    position   INTEGER NOT NULL,
    type       VARCHAR NOT NULL,              -- PER | ORG | LOC
    subtype    VARCHAR,
    name       VARCHAR NOT NULL,
    name_en    VARCHAR,
    country    VARCHAR,                       -- ISO 3166-1 alpha-3, IGO, or NULL
    sector     VARCHAR,
    title      VARCHAR,
    kb_id      VARCHAR,
    n_mentions INTEGER NOT NULL
);

CREATE TABLE mentions (
    doc_key    VARCHAR NOT NULL,
    entity_id  VARCHAR NOT NULL,
    position   INTEGER NOT NULL,              -- order within the entity
    start_char INTEGER NOT NULL,
    end_char   INTEGER NOT NULL,
    text       VARCHAR NOT NULL
);

CREATE TABLE times (
    doc_key    VARCHAR NOT NULL,
    position   INTEGER NOT NULL,
    start_char INTEGER NOT NULL,
    end_char   INTEGER NOT NULL,
    text       VARCHAR NOT NULL,
    type       VARCHAR NOT NULL,              -- DATE | TIME | DURATION | …
    value      VARCHAR                        -- ISO 8601
);

CREATE TABLE quotes (
    doc_key    VARCHAR NOT NULL,
    quote_id   VARCHAR NOT NULL,
    position   INTEGER NOT NULL,
    start_char INTEGER NOT NULL,
    end_char   INTEGER NOT NULL,
    text       VARCHAR NOT NULL,
    kind       VARCHAR NOT NULL,              -- direct | indirect
    speaker    VARCHAR,                       -- entity_id of who said it
    cue_start  INTEGER,
    cue_end    INTEGER,
    cue_text   VARCHAR,
    via        VARCHAR                        -- entity_id of the outlet/document relayed through
);

CREATE TABLE events (
    doc_key        VARCHAR NOT NULL,
    event_id       VARCHAR NOT NULL,          -- v1, v2 … (unique within the document)
    position       INTEGER NOT NULL,
    type           VARCHAR NOT NULL,          -- PLOVER event type
    mode           VARCHAR[],
    context        VARCHAR[],
    status         VARCHAR NOT NULL,          -- asserted | future | hypothetical | negated | historical
    date           VARCHAR,                   -- ISO 8601 at the precision the text allows
    sentence       INTEGER NOT NULL,
    has_loc        BOOLEAN NOT NULL,
    place          VARCHAR,                   -- event_loc.extracted_place
    place_resolved VARCHAR,
    place_country  VARCHAR,
    lat            DOUBLE,
    lon            DOUBLE,
    place_entity   VARCHAR,
    cameo          VARCHAR,
    confidence     DOUBLE,
    trigger_start  INTEGER NOT NULL,
    trigger_end    INTEGER NOT NULL,
    trigger_text   VARCHAR NOT NULL,
    same_as        VARCHAR[],                 -- ids of events in this document that are the same happening
    happening      VARCHAR                    -- cross-document happening key (set by de-duplication)
);

CREATE TABLE event_actors (
    doc_key    VARCHAR NOT NULL,
    event_id   VARCHAR NOT NULL,
    role       VARCHAR NOT NULL,              -- actor | recipient
    position   INTEGER NOT NULL,
    entity_id  VARCHAR,
    name       VARCHAR,                       -- the entity's name, when linked
    text       VARCHAR NOT NULL,
    country    VARCHAR,
    sector     VARCHAR,
    start_char INTEGER,
    end_char   INTEGER
);

CREATE TABLE errors (
    err_key    VARCHAR PRIMARY KEY,           -- doc_key of the text, or a hash of input:line:id
    code       VARCHAR NOT NULL,
    type       VARCHAR NOT NULL,
    message    VARCHAR NOT NULL,
    input      VARCHAR,
    line       INTEGER,
    id         VARCHAR,
    ingest_id  INTEGER,
    recorded   TIMESTAMP NOT NULL
);
