-- Learning programs: cohorts of a competency framework, their participants (staff, for an
-- organization), sessions with the competencies they build and who attended, participants'
-- reflections (private unless shared), and mentoring or shadowing pairs across sectors.
CREATE TABLE learning_cohorts (
    community_id TEXT NOT NULL,
    id TEXT NOT NULL,
    name TEXT NOT NULL,
    framework TEXT NOT NULL,
    start_on TEXT NOT NULL,
    end_on TEXT NOT NULL,
    PRIMARY KEY (community_id, id)
);

CREATE TABLE learning_participants (
    community_id TEXT NOT NULL,
    cohort_id TEXT NOT NULL,
    user_id TEXT NOT NULL,
    organization_id TEXT NOT NULL,
    PRIMARY KEY (community_id, cohort_id, user_id)
);

CREATE TABLE learning_sessions (
    community_id TEXT NOT NULL,
    id TEXT NOT NULL,
    cohort_id TEXT NOT NULL,
    title TEXT NOT NULL,
    kind TEXT NOT NULL,
    held_on TEXT NOT NULL,
    competencies TEXT NOT NULL,
    PRIMARY KEY (community_id, id)
);
CREATE INDEX ix_learning_sessions_cohort ON learning_sessions (community_id, cohort_id);

CREATE TABLE learning_attendance (
    community_id TEXT NOT NULL,
    session_id TEXT NOT NULL,
    user_id TEXT NOT NULL,
    PRIMARY KEY (community_id, session_id, user_id)
);

CREATE TABLE learning_reflections (
    community_id TEXT NOT NULL,
    id TEXT NOT NULL,
    cohort_id TEXT NOT NULL,
    session_id TEXT,
    author TEXT NOT NULL,
    text TEXT NOT NULL,
    shared INTEGER NOT NULL,
    written_at TEXT NOT NULL,
    PRIMARY KEY (community_id, id)
);
CREATE INDEX ix_learning_reflections_cohort ON learning_reflections (community_id, cohort_id);

CREATE TABLE learning_pairings (
    community_id TEXT NOT NULL,
    id TEXT NOT NULL,
    cohort_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    mentor TEXT NOT NULL,
    mentee TEXT NOT NULL,
    PRIMARY KEY (community_id, id)
);
