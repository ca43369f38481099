-- Funding through the partnership's intermediary: streams, the providers each authorizes, the
-- invoices providers submit (one line per service delivered), and a double-entry ledger in whole
-- cents. The ledger is append-only (triggers refuse UPDATE and DELETE; a correction is a reversing
-- entry). A stream's balance and an authorization's use are kept beside the ledger so that
-- concurrent allocations are checked by one guarded UPDATE each, and CHECK constraints refuse an
-- overdraft even from a writer that forgets the guard.
CREATE TABLE funding_streams (
    community_id TEXT NOT NULL,
    id TEXT NOT NULL,
    funder TEXT NOT NULL,
    name TEXT NOT NULL,
    amount_cents BIGINT NOT NULL CHECK (amount_cents > 0),
    start_on TEXT NOT NULL,
    end_on TEXT NOT NULL,
    method TEXT NOT NULL,
    rules TEXT NOT NULL,
    balance_cents BIGINT NOT NULL DEFAULT 0 CHECK (balance_cents >= 0),
    created_at timestamptz NOT NULL,
    PRIMARY KEY (community_id, id)
);
CREATE INDEX ix_funding_streams_funder ON funding_streams (community_id, funder);

CREATE TABLE funding_authorizations (
    community_id TEXT NOT NULL,
    stream_id TEXT NOT NULL,
    provider TEXT NOT NULL,
    limit_cents BIGINT NOT NULL CHECK (limit_cents > 0),
    used_cents BIGINT NOT NULL DEFAULT 0 CHECK (used_cents >= 0 AND used_cents <= limit_cents),
    PRIMARY KEY (community_id, stream_id, provider),
    FOREIGN KEY (community_id, stream_id) REFERENCES funding_streams (community_id, id)
);

CREATE TABLE invoices (
    community_id TEXT NOT NULL,
    id TEXT NOT NULL,
    provider TEXT NOT NULL,
    month TEXT NOT NULL,
    unit_price_cents BIGINT NOT NULL CHECK (unit_price_cents > 0),
    submitted_by TEXT NOT NULL,
    submitted_at timestamptz NOT NULL,
    PRIMARY KEY (community_id, id),
    UNIQUE (community_id, provider, month)
);

-- A line keeps what the allocation rules look at, as it was on the day of the service, so a later
-- change or erasure of the person's record does not move money already allocated.
CREATE TABLE invoice_lines (
    community_id TEXT NOT NULL,
    id TEXT NOT NULL,
    invoice_id TEXT NOT NULL,
    referral_id TEXT NOT NULL,
    person_id TEXT NOT NULL,
    need TEXT NOT NULL,
    service TEXT NOT NULL,
    delivered_on TEXT NOT NULL,
    units INTEGER NOT NULL CHECK (units > 0),
    amount_cents BIGINT NOT NULL CHECK (amount_cents > 0),
    age INTEGER,
    income_band TEXT,
    county TEXT,
    zip TEXT,
    tract TEXT,
    allocation_entry TEXT,
    payment_entry TEXT,
    PRIMARY KEY (community_id, id),
    UNIQUE (community_id, referral_id),
    FOREIGN KEY (community_id, invoice_id) REFERENCES invoices (community_id, id)
);
CREATE INDEX ix_invoice_lines_invoice ON invoice_lines (community_id, invoice_id);

CREATE TABLE ledger_entries (
    community_id TEXT NOT NULL,
    id TEXT NOT NULL,
    kind TEXT NOT NULL,
    memo TEXT NOT NULL,
    at timestamptz NOT NULL,
    actor TEXT NOT NULL,
    reverses TEXT,
    invoice_line_id TEXT,
    method TEXT,
    matched TEXT,
    PRIMARY KEY (community_id, id),
    UNIQUE (community_id, reverses)
);

CREATE TABLE ledger_lines (
    community_id TEXT NOT NULL,
    entry_id TEXT NOT NULL,
    line_no INTEGER NOT NULL,
    account TEXT NOT NULL,
    amount_cents BIGINT NOT NULL CHECK (amount_cents <> 0),
    PRIMARY KEY (community_id, entry_id, line_no),
    FOREIGN KEY (community_id, entry_id) REFERENCES ledger_entries (community_id, id)
);
CREATE INDEX ix_ledger_lines_account ON ledger_lines (community_id, account);

CREATE FUNCTION ledger_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the ledger is append-only: % on % refused; post a reversing entry instead', TG_OP, TG_TABLE_NAME;
END $$;
CREATE TRIGGER ledger_entries_append_only BEFORE UPDATE OR DELETE ON ledger_entries FOR EACH ROW EXECUTE FUNCTION ledger_is_append_only();
CREATE TRIGGER ledger_lines_append_only BEFORE UPDATE OR DELETE ON ledger_lines FOR EACH ROW EXECUTE FUNCTION ledger_is_append_only();
