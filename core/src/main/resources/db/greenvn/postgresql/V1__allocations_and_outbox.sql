-- greenvn's schema, PostgreSQL flavour. The SQLite script (../sqlite) has the same tables,
-- columns and constraints; only types differ, and SQLite adds a change log where PostgreSQL
-- sends NOTIFY. Times are nanoseconds since the epoch (exact Instants); a number is its E.164
-- text, or in route keys its digits as an integer.

-- One row per allocation, active or in the vault. body is the whole allocation (binary, see
-- AllocationCodec); the other columns are what queries and constraints need.
CREATE TABLE greenvn_allocation (
  greenvn_id    TEXT     NOT NULL PRIMARY KEY,
  tenant_sid    TEXT     NOT NULL,
  connection_id TEXT     NOT NULL,
  greenvn       TEXT     NOT NULL,
  active        SMALLINT NOT NULL CHECK (active IN (0, 1)),
  expires_at    BIGINT   NOT NULL,
  vaulted_at    BIGINT,
  version       BIGINT   NOT NULL,
  body          BYTEA    NOT NULL
);

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
  greenvn    BIGINT NOT NULL,
  route_key  BIGINT NOT NULL,
  greenvn_id TEXT   NOT NULL,
  PRIMARY KEY (greenvn, route_key)
);

-- When an allocation last left each virtual number (to the vault or another number).
CREATE TABLE greenvn_release (
  tenant_sid  TEXT   NOT NULL,
  greenvn     TEXT   NOT NULL,
  released_at BIGINT NOT NULL,
  PRIMARY KEY (tenant_sid, greenvn)
);

-- Webhook deliveries waiting for their receiver.
CREATE TABLE greenvn_webhook (
  id              TEXT    NOT NULL PRIMARY KEY,
  tenant_sid      TEXT    NOT NULL,
  event_type      TEXT    NOT NULL,
  url             TEXT    NOT NULL,
  body            TEXT    NOT NULL,
  created_at      BIGINT  NOT NULL,
  attempts        INTEGER NOT NULL,
  next_attempt_at BIGINT  NOT NULL
);
CREATE INDEX greenvn_webhook_due ON greenvn_webhook (next_attempt_at);
