"""The schema, as append-only numbered migrations. Each runs once, in its own transaction,
when a store opens; `schema_migrations` records which ran. Never edit a released migration:
add the next number, and regenerate the schema snapshot in the same commit
(tests/test_schema.py checks both; see tqrs/store/schema.py)."""

# Migration 18, for the judged scores and the effective ones
_TOO_LITTLE = """
UPDATE {scores} SET verdict = 'too_little', passed = false, band = 'N/A'
FROM runs
WHERE runs.id = {scores}.run_id AND {scores}.status = 'scored'
  AND ({scores}.verdict = 'not_assessable' OR (NOT {scores}.auto_fail
  AND {scores}.max_points * 100 < coalesce(TRY_CAST(json_extract_string(
      runs.rubric_json, '$.parameters.min_judged_percent') AS DOUBLE), 50)
    * CAST(json_extract_string(runs.rubric_json, '$.max_points') AS DOUBLE)
  AND NOT EXISTS (SELECT 1 FROM {criteria} c
    WHERE c.run_id = {scores}.run_id AND c.ticket_id = {scores}.ticket_id
      AND c.deduction < 0)));
"""

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
        "effective results defined once: stored criterion verdicts, effective criteria, views",
        """
-- "Criterion failed" is CriterionResult.failed (tqrs.results), stored with every result from
-- now on; rows written before this migration get that definition as it stands here.
ALTER TABLE criterion_results ADD COLUMN failed BOOLEAN;
UPDATE criterion_results
SET failed = status = 'scored' AND (auto_fail OR deduction < 0 OR points < max_points);

-- The criteria of overridden tickets whose value differs from the judged one: the analyst's
-- option ('override') or re-derived from an overridden criterion ('derived'). Written only
-- from tqrs.scoring.effective_score, replaced whole for a ticket at each override, like
-- effective_scores for its totals.
CREATE TABLE effective_criteria (
    run_id INTEGER NOT NULL,
    ticket_id BIGINT NOT NULL,
    criterion_id VARCHAR NOT NULL,
    source VARCHAR NOT NULL,
    status VARCHAR NOT NULL,
    option VARCHAR,
    points INTEGER NOT NULL,
    max_points INTEGER NOT NULL,
    deduction INTEGER NOT NULL,
    applicable BOOLEAN NOT NULL,
    auto_fail BOOLEAN NOT NULL,
    failed BOOLEAN NOT NULL,
    evidence VARCHAR NOT NULL,
    reasoning VARCHAR NOT NULL,
    coaching VARCHAR NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    PRIMARY KEY (run_id, ticket_id, criterion_id)
);
-- The override in effect for each criterion: the latest row of the append-only table.
CREATE VIEW latest_overrides AS
SELECT * FROM criterion_overrides
QUALIFY row_number() OVER (PARTITION BY run_id, ticket_id, criterion_id ORDER BY id DESC) = 1;

-- Overrides saved before this migration: the option's kind and points from the run's own
-- rubric (what CriterionResult.from_option reads).
INSERT INTO effective_criteria
WITH options AS (
    SELECT r.id AS run_id, c.value ->> 'id' AS criterion_id, o.value ->> 'label' AS label,
           o.value ->> 'kind' AS kind, (o.value ->> 'points')::INTEGER AS points
    FROM runs r, json_each(r.rubric_json -> 'criteria') c, json_each(c.value -> 'options') o
), maxima AS (
    SELECT run_id, criterion_id,
           coalesce(max(points) FILTER (kind = 'points'), 0) AS max_points
    FROM options GROUP BY ALL
)
SELECT l.run_id, l.ticket_id, l.criterion_id, 'override', 'scored', l.new_option,
       CASE WHEN o.kind = 'points' THEN o.points ELSE 0 END,
       CASE WHEN o.kind = 'na' THEN 0 ELSE m.max_points END,
       CASE WHEN o.kind = 'deduction' THEN o.points ELSE 0 END,
       o.kind <> 'na', o.kind = 'fail', l.failed,
       c.evidence, c.reasoning, c.coaching, l.created_at
FROM latest_overrides l
JOIN options o ON o.run_id = l.run_id AND o.criterion_id = l.criterion_id
    AND o.label = l.new_option
JOIN maxima m ON m.run_id = l.run_id AND m.criterion_id = l.criterion_id
JOIN criterion_results c ON c.run_id = l.run_id AND c.ticket_id = l.ticket_id
    AND c.criterion_id = l.criterion_id;

-- An auto-failed ticket takes its rubric's lowest band (tqrs.scoring); results stored before
-- kept the band of their points.
CREATE TEMP TABLE fail_bands AS
SELECT r.id AS run_id, arg_min(b.value ->> 'name', (b.value ->> 'min_percent')::DOUBLE) AS band
FROM runs r, json_each(r.rubric_json -> 'bands') b GROUP BY r.id;
UPDATE ticket_results SET band = f.band FROM fail_bands f
WHERE ticket_results.run_id = f.run_id AND ticket_results.auto_fail;
UPDATE effective_scores SET band = f.band FROM fail_bands f
WHERE effective_scores.run_id = f.run_id AND effective_scores.auto_fail;
DROP TABLE fail_bands;

-- Ticket totals in effect: effective_scores when the ticket has an override, else as judged.
CREATE VIEW effective_ticket_results AS
SELECT r.run_id, r.ticket_id, r.number,
       coalesce(e.status, r.status) AS status,
       coalesce(e.score, r.score) AS score,
       coalesce(e.max_points, r.max_points) AS max_points,
       CASE WHEN e.ticket_id IS NULL THEN r.percent ELSE e.percent END AS percent,
       coalesce(e.band, r.band) AS band,
       coalesce(e.passed, r.passed) AS passed,
       coalesce(e.auto_fail, r.auto_fail) AS auto_fail,
       e.ticket_id IS NOT NULL AS overridden,
       r.score AS judged_score, r.percent AS judged_percent, r.band AS judged_band,
       r.passed AS judged_passed, r.auto_fail AS judged_auto_fail,
       r.error, r.tokens_in, r.tokens_out, r.cost, r.cached, r.finished_at
FROM ticket_results r
LEFT JOIN effective_scores e ON e.run_id = r.run_id AND e.ticket_id = r.ticket_id;

-- Criteria in effect: effective_criteria where a row exists, else as judged; `source` says
-- which (NULL, 'override', 'derived'), the judged_ columns what the judge or rule gave.
CREATE VIEW effective_criterion_results AS
SELECT c.run_id, c.ticket_id, c.criterion_id, c.position, c.title, c.method,
       coalesce(e.status, c.status) AS status,
       CASE WHEN e.ticket_id IS NULL THEN c.option ELSE e.option END AS option,
       coalesce(e.points, c.points) AS points,
       coalesce(e.max_points, c.max_points) AS max_points,
       coalesce(e.deduction, c.deduction) AS deduction,
       coalesce(e.applicable, c.applicable) AS applicable,
       coalesce(e.auto_fail, c.auto_fail) AS auto_fail,
       coalesce(e.failed, c.failed) AS failed,
       coalesce(e.evidence, c.evidence) AS evidence,
       coalesce(e.reasoning, c.reasoning) AS reasoning,
       coalesce(e.coaching, c.coaching) AS coaching,
       c.error, c.prompt, c.raw_reply, c.citations,
       e.source,
       c.status AS judged_status, c.option AS judged_option,
       c.points + c.deduction AS judged_points, c.failed AS judged_failed
FROM criterion_results c
LEFT JOIN effective_criteria e ON e.run_id = c.run_id AND e.ticket_id = c.ticket_id
    AND e.criterion_id = c.criterion_id;
""",
    ),
    (
        11,
        "runs pinned to the judge's endpoint",
        """
-- With provider, model and prompt version, where the judge's requests went: a run resumes
-- only with the same (tqrs.engine.plan).
ALTER TABLE runs ADD COLUMN endpoint VARCHAR DEFAULT '';
""",
    ),
    (
        12,
        "every exchange with the LLM provider",
        """
-- Texts sent with many requests (system messages), kept once by sha256.
CREATE TABLE llm_texts (
    hash VARCHAR PRIMARY KEY,
    text VARCHAR NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE SEQUENCE llm_exchange_ids START 1;
-- One row per HTTP request (tqrs.llm.call.Exchange): the request as sent (redacted; the
-- system message by hash; never headers or keys) and what came back.
CREATE TABLE llm_exchanges (
    id BIGINT NOT NULL DEFAULT nextval('llm_exchange_ids'),
    run_id INTEGER,
    ticket_id BIGINT,
    purpose VARCHAR NOT NULL,
    provider VARCHAR NOT NULL,
    endpoint VARCHAR NOT NULL,
    model VARCHAR NOT NULL,
    system_hash VARCHAR NOT NULL,
    request JSON NOT NULL USING COMPRESSION zstd,
    status VARCHAR NOT NULL,
    http_status INTEGER,
    reply VARCHAR USING COMPRESSION zstd,
    error VARCHAR,
    tokens_in BIGINT NOT NULL,
    tokens_out BIGINT NOT NULL,
    latency_ms DOUBLE NOT NULL,
    request_id VARCHAR,
    started_at TIMESTAMP NOT NULL
);
""",
    ),
    (
        13,
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
    (
        14,
        "who reviews which ticket: assignments and claims",
        """
-- The analyst (the signed-in identity) who reviews a ticket of a run: set by a manager
-- (assigned_by is the manager) or claimed by the analyst (assigned_by is the analyst).
-- One analyst per ticket; a manager's new assignment replaces the row.
CREATE TABLE ticket_assignments (
    run_id INTEGER NOT NULL,
    ticket_id BIGINT NOT NULL,
    analyst VARCHAR NOT NULL,
    assigned_by VARCHAR NOT NULL,
    assigned_at TIMESTAMP NOT NULL,
    PRIMARY KEY (run_id, ticket_id)
);
""",
    ),
    (
        15,
        "runs through the provider's Batch API",
        """
-- How a run sends its requests: 'online' (one request per ticket) or 'batch' (the provider's
-- Batch API, tqrs.engine.batch).
ALTER TABLE runs ADD COLUMN mode VARCHAR DEFAULT 'online';
-- One request file of a batch run and its batch at the provider. Recorded as 'submitting'
-- (with its tickets in batch_requests) before the upload, so a batch created just before a
-- crash is found again by its metadata instead of being sent twice.
CREATE TABLE batch_jobs (
    run_id INTEGER NOT NULL,
    position INTEGER NOT NULL,
    batch_id VARCHAR,
    input_file_id VARCHAR,
    -- submitting, then the provider's status (validating, in_progress, finalizing,
    -- completed, expired, cancelling, cancelled, failed), then collected
    status VARCHAR NOT NULL,
    requests INTEGER NOT NULL,
    bytes BIGINT NOT NULL,
    answered INTEGER NOT NULL DEFAULT 0,
    failed INTEGER NOT NULL DEFAULT 0,
    created_at TIMESTAMP NOT NULL,
    submitted_at TIMESTAMP,
    finished_at TIMESTAMP,
    collected_at TIMESTAMP,
    error VARCHAR,
    PRIMARY KEY (run_id, position)
);
-- The state of each ticket of a batch run sent at least once: the job it waits in (NULL when
-- it waits for the next one), requests sent, a follow-up (the messages after the user
-- message of its next request: a re-ask) and what its earlier requests cost.
CREATE TABLE batch_requests (
    run_id INTEGER NOT NULL,
    ticket_id BIGINT NOT NULL,
    position INTEGER,
    asked INTEGER NOT NULL DEFAULT 0,
    follow_up JSON,
    tokens_in BIGINT NOT NULL DEFAULT 0,
    tokens_out BIGINT NOT NULL DEFAULT 0,
    cost DOUBLE NOT NULL DEFAULT 0,
    last_error VARCHAR,
    PRIMARY KEY (run_id, ticket_id)
);
""",
    ),
    (
        16,
        "rubric versions saved in the workbench",
        """
-- A rubric edited on the Rubrics page and saved: a new version of its id, never changed
-- afterwards (a run keeps a copy of the version it used in runs.rubric_json). `seq` counts
-- the versions saved for the id, 1, 2, ...; `based_on` is the version it was edited from.
CREATE TABLE rubric_versions (
    rubric_id VARCHAR NOT NULL,
    version VARCHAR NOT NULL,
    seq INTEGER NOT NULL,
    based_on VARCHAR NOT NULL,
    rubric_json JSON NOT NULL,
    saved_by VARCHAR NOT NULL,
    saved_at TIMESTAMP NOT NULL,
    PRIMARY KEY (rubric_id, version),
    UNIQUE (rubric_id, seq)
);
""",
    ),
    (
        17,
        "a ticket's verdict: pass, fail or not assessable",
        """
-- tqrs.scoring: a scored ticket on which nothing could be judged (no applicable criterion,
-- no FAIL, no deduction) is "not_assessable", neither passed nor failed; it passed before.
ALTER TABLE ticket_results ADD COLUMN verdict VARCHAR;
ALTER TABLE effective_scores ADD COLUMN verdict VARCHAR;
UPDATE ticket_results SET verdict = CASE WHEN passed THEN 'pass' ELSE 'fail' END;
UPDATE effective_scores SET verdict = CASE WHEN passed THEN 'pass' ELSE 'fail' END;
UPDATE ticket_results SET verdict = 'not_assessable', passed = false
WHERE status = 'scored' AND NOT auto_fail AND NOT EXISTS (
    SELECT 1 FROM criterion_results c
    WHERE c.run_id = ticket_results.run_id AND c.ticket_id = ticket_results.ticket_id
      AND ((c.applicable AND c.status = 'scored') OR c.deduction < 0));
UPDATE effective_scores SET verdict = 'not_assessable', passed = false
WHERE status = 'scored' AND NOT auto_fail AND NOT EXISTS (
    SELECT 1 FROM effective_criterion_results c
    WHERE c.run_id = effective_scores.run_id AND c.ticket_id = effective_scores.ticket_id
      AND ((c.applicable AND c.status = 'scored') OR c.deduction < 0));

CREATE OR REPLACE VIEW effective_ticket_results AS
SELECT r.run_id, r.ticket_id, r.number,
       coalesce(e.status, r.status) AS status,
       coalesce(e.score, r.score) AS score,
       coalesce(e.max_points, r.max_points) AS max_points,
       CASE WHEN e.ticket_id IS NULL THEN r.percent ELSE e.percent END AS percent,
       coalesce(e.band, r.band) AS band,
       coalesce(e.passed, r.passed) AS passed,
       coalesce(e.verdict, r.verdict) AS verdict,
       coalesce(e.auto_fail, r.auto_fail) AS auto_fail,
       e.ticket_id IS NOT NULL AS overridden,
       r.score AS judged_score, r.percent AS judged_percent, r.band AS judged_band,
       r.passed AS judged_passed, r.verdict AS judged_verdict,
       r.auto_fail AS judged_auto_fail,
       r.error, r.tokens_in, r.tokens_out, r.cost, r.cached, r.finished_at
FROM ticket_results r
LEFT JOIN effective_scores e ON e.run_id = r.run_id AND e.ticket_id = r.ticket_id;
""",
    ),
    (
        18,
        "a ticket judged on too little has no verdict: too_little",
        """
-- tqrs.scoring.verdict_of: a scored ticket judged on less than its rubric's
-- parameters.min_judged_percent (default 50) of the rubric's maximum points, that is not
-- auto-failed and has no deduction, is "too_little" (too little to judge), in no band; the
-- "not_assessable" verdict (nothing judged) is such a ticket.
"""
        + "".join(
            _TOO_LITTLE.format(scores=scores, criteria=criteria)
            for scores, criteria in (
                ("ticket_results", "criterion_results"),
                ("effective_scores", "effective_criterion_results"),
            )
        ),
    ),
]
