"""The schema, as append-only numbered migrations. Each runs once, in its own transaction,
when a store opens; `schema_migrations` records which ran. Never edit a released migration:
add the next number, and regenerate the schema snapshot in the same commit
(tests/test_schema.py checks both; see tqrs/store/schema.py)."""

MIGRATIONS: list[tuple[int, str, str]] = [
    (
        1,
        "sessions and tickets",
        """
CREATE SEQUENCE session_ids START 1;
CREATE TABLE sessions (
    id INTEGER PRIMARY KEY DEFAULT nextval('session_ids'),
    name VARCHAR NOT NULL,
    created_at TIMESTAMP NOT NULL,
    ticket_count INTEGER NOT NULL DEFAULT 0,
    -- 'ingesting' while its tickets are written batch by batch; only 'ready' sessions are shown
    status VARCHAR NOT NULL DEFAULT 'ready'
);
CREATE TABLE source_files (
    session_id INTEGER NOT NULL,
    position INTEGER NOT NULL,
    name VARCHAR NOT NULL,
    sha256 VARCHAR NOT NULL,
    size_bytes BIGINT NOT NULL,
    format VARCHAR NOT NULL,
    encoding VARCHAR,
    records INTEGER NOT NULL,
    imported INTEGER NOT NULL,
    merged INTEGER NOT NULL,
    superseded INTEGER NOT NULL,
    rejected INTEGER NOT NULL,
    warnings INTEGER NOT NULL,
    notices JSON,
    issues JSON,
    PRIMARY KEY (session_id, position)
);
CREATE SEQUENCE ticket_ids START 1;
CREATE TABLE tickets (
    id BIGINT NOT NULL DEFAULT nextval('ticket_ids'),
    session_id INTEGER NOT NULL,
    seq INTEGER NOT NULL,
    file_position INTEGER,
    record_position INTEGER,
    number VARCHAR,
    sys_id VARCHAR,
    short_description VARCHAR,
    description VARCHAR,
    caller VARCHAR,
    opened_by VARCHAR,
    company VARCHAR,
    location VARCHAR,
    contact_type VARCHAR,
    state VARCHAR,
    priority INTEGER,
    impact INTEGER,
    urgency INTEGER,
    category VARCHAR,
    subcategory VARCHAR,
    service VARCHAR,
    service_offering VARCHAR,
    cmdb_ci VARCHAR,
    assignment_group VARCHAR,
    assigned_to VARCHAR,
    opened_at TIMESTAMP,
    resolved_at TIMESTAMP,
    closed_at TIMESTAMP,
    updated_at TIMESTAMP,
    close_code VARCHAR,
    close_notes VARCHAR,
    work_notes VARCHAR,
    comments VARCHAR,
    reassignment_count INTEGER,
    reopen_count INTEGER,
    work_note_count INTEGER,
    comment_count INTEGER,
    truncated VARCHAR[],
    notes VARCHAR[],
    -- the record as exported: written once, read rarely; zstd is fast to write and small
    raw JSON NOT NULL USING COMPRESSION zstd
);
""",
    ),
    (
        2,
        "evaluation runs and results",
        """
CREATE SEQUENCE run_ids START 1;
CREATE TABLE runs (
    id INTEGER PRIMARY KEY DEFAULT nextval('run_ids'),
    session_id INTEGER NOT NULL,
    rubric_id VARCHAR NOT NULL,
    rubric_version VARCHAR NOT NULL,
    rubric_json JSON NOT NULL,
    judge VARCHAR NOT NULL,
    model VARCHAR NOT NULL DEFAULT '',
    provider VARCHAR NOT NULL DEFAULT '',
    prompt_version VARCHAR NOT NULL DEFAULT '',
    status VARCHAR NOT NULL,
    started_at TIMESTAMP NOT NULL,
    finished_at TIMESTAMP,
    tickets_total INTEGER NOT NULL DEFAULT 0,
    tokens_in BIGINT NOT NULL DEFAULT 0,
    tokens_out BIGINT NOT NULL DEFAULT 0,
    cost DOUBLE NOT NULL DEFAULT 0,
    budget DOUBLE,
    error VARCHAR
);
CREATE TABLE ticket_results (
    run_id INTEGER NOT NULL,
    ticket_id BIGINT NOT NULL,
    number VARCHAR NOT NULL,
    score DOUBLE NOT NULL,
    max_points INTEGER NOT NULL,
    percent DOUBLE,
    band VARCHAR NOT NULL,
    passed BOOLEAN NOT NULL,
    auto_fail BOOLEAN NOT NULL,
    status VARCHAR NOT NULL,
    error VARCHAR,
    tokens_in INTEGER NOT NULL DEFAULT 0,
    tokens_out INTEGER NOT NULL DEFAULT 0,
    cost DOUBLE NOT NULL DEFAULT 0,
    cached BOOLEAN NOT NULL DEFAULT false,
    finished_at TIMESTAMP NOT NULL,
    PRIMARY KEY (run_id, ticket_id)
);
CREATE TABLE criterion_results (
    run_id INTEGER NOT NULL,
    ticket_id BIGINT NOT NULL,
    criterion_id VARCHAR NOT NULL,
    position INTEGER NOT NULL,
    title VARCHAR NOT NULL,
    method VARCHAR NOT NULL,
    status VARCHAR NOT NULL,
    option VARCHAR,
    points INTEGER NOT NULL,
    max_points INTEGER NOT NULL,
    deduction INTEGER NOT NULL,
    applicable BOOLEAN NOT NULL,
    auto_fail BOOLEAN NOT NULL,
    evidence VARCHAR NOT NULL,
    reasoning VARCHAR NOT NULL,
    coaching VARCHAR NOT NULL,
    error VARCHAR,
    prompt VARCHAR,
    raw_reply VARCHAR,
    citations VARCHAR[] NOT NULL,
    PRIMARY KEY (run_id, ticket_id, criterion_id)
);
""",
    ),
    (
        3,
        "llm cache",
        """
CREATE TABLE llm_cache (
    key VARCHAR PRIMARY KEY,
    content_hash VARCHAR NOT NULL,
    rubric_id VARCHAR NOT NULL,
    rubric_version VARCHAR NOT NULL,
    model VARCHAR NOT NULL,
    prompt_version VARCHAR NOT NULL,
    response JSON NOT NULL,
    tokens_in INTEGER NOT NULL,
    tokens_out INTEGER NOT NULL,
    cost DOUBLE NOT NULL,
    created_at TIMESTAMP NOT NULL
);
""",
    ),
    (
        4,
        "knowledge base and embeddings",
        """
CREATE TABLE embeddings (
    model_id VARCHAR NOT NULL,
    text_hash VARCHAR NOT NULL,
    vector FLOAT[384] NOT NULL,
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (model_id, text_hash)
);
CREATE SEQUENCE kb_document_ids START 1;
CREATE TABLE kb_documents (
    id INTEGER PRIMARY KEY DEFAULT nextval('kb_document_ids'),
    name VARCHAR NOT NULL,
    title VARCHAR NOT NULL,
    format VARCHAR NOT NULL,
    sha256 VARCHAR NOT NULL UNIQUE,
    size_bytes BIGINT NOT NULL,
    chunk_count INTEGER NOT NULL,
    added_at TIMESTAMP NOT NULL
);
CREATE TABLE kb_chunks (
    document_id INTEGER NOT NULL,
    position INTEGER NOT NULL,
    heading VARCHAR NOT NULL,
    text VARCHAR NOT NULL,
    text_hash VARCHAR NOT NULL,
    model_id VARCHAR NOT NULL,
    vector FLOAT[384] NOT NULL,
    PRIMARY KEY (document_id, position)
);
CREATE TABLE ticket_vectors (
    ticket_id BIGINT NOT NULL,
    session_id INTEGER NOT NULL,
    model_id VARCHAR NOT NULL,
    text_hash VARCHAR NOT NULL,
    vector FLOAT[384] NOT NULL,
    PRIMARY KEY (ticket_id, model_id)
);
""",
    ),
    (
        5,
        "review: criterion overrides, effective scores, reviewed marks",
        """
CREATE SEQUENCE override_ids START 1;
-- Append-only: the latest row per (run, ticket, criterion) is in effect; results stay as scored.
CREATE TABLE criterion_overrides (
    id INTEGER PRIMARY KEY DEFAULT nextval('override_ids'),
    run_id INTEGER NOT NULL,
    ticket_id BIGINT NOT NULL,
    criterion_id VARCHAR NOT NULL,
    original_option VARCHAR,
    original_points INTEGER NOT NULL,
    new_option VARCHAR NOT NULL,
    new_points INTEGER NOT NULL,
    failed BOOLEAN NOT NULL,
    note VARCHAR NOT NULL,
    reviewer VARCHAR NOT NULL,
    created_at TIMESTAMP NOT NULL
);
-- A ticket's totals recomputed with its overrides (only tickets that have any).
CREATE TABLE effective_scores (
    run_id INTEGER NOT NULL,
    ticket_id BIGINT NOT NULL,
    score DOUBLE NOT NULL,
    max_points INTEGER NOT NULL,
    percent DOUBLE,
    band VARCHAR NOT NULL,
    passed BOOLEAN NOT NULL,
    auto_fail BOOLEAN NOT NULL,
    status VARCHAR NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    PRIMARY KEY (run_id, ticket_id)
);
CREATE TABLE ticket_reviews (
    run_id INTEGER NOT NULL,
    ticket_id BIGINT NOT NULL,
    reviewer VARCHAR NOT NULL,
    reviewed_at TIMESTAMP NOT NULL,
    PRIMARY KEY (run_id, ticket_id)
);
""",
    ),
    # 6 to 8: migrations 1 and 4 were edited after release (sessions.status added,
    # tickets.raw_hash dropped; vectors moved from the embeddings cache into kb_chunks and
    # ticket_vectors), so a database made before that has them in their first form. These
    # bring it to the final form; in a database that has it (every new one) each statement
    # changes nothing. Three steps, because DuckDB refuses to alter a table and change its
    # rows in one transaction. (SET NOT NULL fails on a table with an index made by CREATE
    # INDEX: keep these before any migration that adds one to these tables.)
    (
        6,
        "databases from before migrations 1 and 4 were edited: their columns",
        """
ALTER TABLE sessions ADD COLUMN IF NOT EXISTS status VARCHAR DEFAULT 'ready';
ALTER TABLE tickets DROP COLUMN IF EXISTS raw_hash;
ALTER TABLE kb_chunks ADD COLUMN IF NOT EXISTS model_id VARCHAR;
ALTER TABLE kb_chunks ADD COLUMN IF NOT EXISTS vector FLOAT[384];
ALTER TABLE ticket_vectors ADD COLUMN IF NOT EXISTS vector FLOAT[384];
""",
    ),
    (
        7,
        "databases from before migrations 1 and 4 were edited: their vectors",
        """
-- A chunk takes its vector from the embeddings cache by text hash (from the first model
-- that embedded the text). A chunk no model embedded gets no model id and a zero vector:
-- the next search re-embeds it with the configured model, as it does another model's.
UPDATE kb_chunks c SET model_id = e.model_id, vector = e.vector
FROM (
    SELECT text_hash, arg_min(model_id, created_at) AS model_id,
           arg_min(vector, created_at) AS vector
    FROM embeddings GROUP BY text_hash
) e
WHERE c.vector IS NULL AND e.text_hash = c.text_hash;
UPDATE kb_chunks SET model_id = '', vector = list_resize([0.0::FLOAT], 384, 0.0::FLOAT)
WHERE vector IS NULL;
-- A ticket vector is derived: one whose text is not in the cache is dropped, and the ticket
-- counts as not embedded (embedded again on demand).
UPDATE ticket_vectors v SET vector = e.vector FROM embeddings e
WHERE v.vector IS NULL AND e.model_id = v.model_id AND e.text_hash = v.text_hash;
DELETE FROM ticket_vectors WHERE vector IS NULL;
""",
    ),
    (
        8,
        "databases from before migrations 1 and 4 were edited: NOT NULL as declared",
        """
ALTER TABLE sessions ALTER COLUMN status SET NOT NULL;
ALTER TABLE kb_chunks ALTER COLUMN model_id SET NOT NULL;
ALTER TABLE kb_chunks ALTER COLUMN vector SET NOT NULL;
ALTER TABLE ticket_vectors ALTER COLUMN vector SET NOT NULL;
""",
    ),
    (
        9,
        "what each source file carries; remembered column mappings",
        """
-- field -> the column it was read from (the fields the file carries), and the columns not read
ALTER TABLE source_files ADD COLUMN columns JSON;
ALTER TABLE source_files ADD COLUMN unmapped JSON;
-- the Upload page's mapping of unknown columns, remembered per header
CREATE TABLE column_maps (
    header_key VARCHAR PRIMARY KEY,
    header JSON NOT NULL,
    mapping JSON NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
""",
    ),
    (
        10,
        "pulls from ServiceNow: their state and ticket versions",
        """
-- One pull per instance and encoded query, into one session; pulled again, it brings the
-- tickets changed since into the same session.
CREATE TABLE pulls (
    session_id INTEGER PRIMARY KEY,
    instance VARCHAR NOT NULL,
    query VARCHAR NOT NULL,
    created_at TIMESTAMP NOT NULL,
    -- the instance's time (UTC) when the last completed pass began: the next pass asks for
    -- what was updated since (less a margin)
    synced_from VARCHAR,
    UNIQUE (instance, query)
);
-- A pass: the first, full pull (since NULL) or one for the changes since a time. Its pages
-- are committed one by one, with the last sys_id stored (the keyset cursor), so a pass that
-- stopped resumes after it. Its position is that of its source_files row.
CREATE TABLE pull_passes (
    session_id INTEGER NOT NULL,
    position INTEGER NOT NULL,
    since VARCHAR,
    status VARCHAR NOT NULL,
    started_at TIMESTAMP NOT NULL,
    instance_started VARCHAR NOT NULL,
    finished_at TIMESTAMP,
    cursor VARCHAR,
    total INTEGER,
    pages INTEGER NOT NULL DEFAULT 0,
    received INTEGER NOT NULL DEFAULT 0,
    new_tickets INTEGER NOT NULL DEFAULT 0,
    changed INTEGER NOT NULL DEFAULT 0,
    unchanged INTEGER NOT NULL DEFAULT 0,
    journal_entries INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (session_id, position)
);
-- A pulled ticket changed on the instance is updated in place, its version counted up.
ALTER TABLE tickets ADD COLUMN version INTEGER DEFAULT 1;
-- The results of a run on a ticket (with their overrides and review) made on an earlier
-- version of it: marked when the pull brought the newer version.
CREATE TABLE earlier_version_results (
    run_id INTEGER NOT NULL,
    ticket_id BIGINT NOT NULL,
    version INTEGER NOT NULL,
    marked_at TIMESTAMP NOT NULL,
    PRIMARY KEY (run_id, ticket_id)
);
""",
    ),
]
