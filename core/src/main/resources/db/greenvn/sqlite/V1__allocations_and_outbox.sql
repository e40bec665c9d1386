-- greenvn's schema, SQLite flavour. The PostgreSQL script (../postgresql) has the same tables,
-- columns and constraints; only types and the change log differ (PostgreSQL uses LISTEN/NOTIFY).
-- Times are nanoseconds since the epoch (exact Instants); a number is its E.164 text, or in
-- route keys its digits as an integer.

-- One row per allocation, active or in the vault. body is the whole allocation (binary, see
-- AllocationCodec); the other columns are what queries and constraints need.
CREATE TABLE greenvn_allocation (
  greenvn_id    TEXT    NOT NULL PRIMARY KEY,
  tenant_sid    TEXT    NOT NULL,
  connection_id TEXT    NOT NULL,
  greenvn       TEXT    NOT NULL,
  active        INTEGER NOT NULL CHECK (active IN (0, 1)),
  expires_at    INTEGER NOT NULL,
  vaulted_at    INTEGER,
  version       INTEGER NOT NULL,
  body          BLOB    NOT NULL
) WITHOUT ROWID;

-- No two active allocations of a tenant share a connection id.
CREATE UNIQUE INDEX greenvn_allocation_active_connection
  ON greenvn_allocation (tenant_sid, connection_id) WHERE active = 1;
CREATE INDEX greenvn_allocation_expiry ON greenvn_allocation (expires_at) WHERE active = 1;
CREATE INDEX greenvn_allocation_vault ON greenvn_allocation (vaulted_at) WHERE active = 0;

-- The no-double-booking rule: one row per number and per PIN of each ACTIVE allocation, keyed by
-- its virtual number. route_key is a number's digits, or a PIN negated, so they never meet.
-- A write removes an allocation's rows by their keys (it knows them), so neither a foreign key
-- nor an index by allocation is kept: each would cost every commit another page.
CREATE TABLE greenvn_route (
  greenvn    INTEGER NOT NULL,
  route_key  INTEGER NOT NULL,
  greenvn_id TEXT    NOT NULL,
  PRIMARY KEY (greenvn, route_key)
) WITHOUT ROWID;

-- When an allocation last left each virtual number (to the vault or another number).
CREATE TABLE greenvn_release (
  tenant_sid  TEXT    NOT NULL,
  greenvn     TEXT    NOT NULL,
  released_at INTEGER NOT NULL,
  PRIMARY KEY (tenant_sid, greenvn)
) WITHOUT ROWID;

-- Webhook deliveries waiting for their receiver.
CREATE TABLE greenvn_webhook (
  id              TEXT    NOT NULL PRIMARY KEY,
  tenant_sid      TEXT    NOT NULL,
  event_type      TEXT    NOT NULL,
  url             TEXT    NOT NULL,
  body            TEXT    NOT NULL,
  created_at      INTEGER NOT NULL,
  attempts        INTEGER NOT NULL,
  next_attempt_at INTEGER NOT NULL
);
CREATE INDEX greenvn_webhook_due ON greenvn_webhook (next_attempt_at);

-- SQLite only: the log other processes on the same file read to keep their routing index
-- coherent (PostgreSQL notifies instead). Old rows are pruned, never the newest (so seq keeps
-- growing without AUTOINCREMENT's extra table); pruned_seq says up to where.
CREATE TABLE greenvn_change (
  seq        INTEGER PRIMARY KEY,
  node       TEXT    NOT NULL,
  greenvn_id TEXT    NOT NULL,
  changed_at INTEGER NOT NULL
);
CREATE TABLE greenvn_change_pruned (
  id         INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),
  pruned_seq INTEGER NOT NULL
);
INSERT INTO greenvn_change_pruned (id, pruned_seq) VALUES (1, 0);
