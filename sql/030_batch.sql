-- SPDX-License-Identifier: GPL-2.0-or-later
-- 030_batch.sql - batch synchronisation (issue 5): the server's bookkeeping of bulk
-- calls (IncluirPessoasLote, IncluirVeiculosLote; ConsultarLote reads it).
--
-- batch_item is both the per-record idempotency key and the batch's record of
-- outcomes: one row per (tenant, record key), written in the same transaction as the
-- record's person/vehicle, so a key that exists was processed, and its stored
-- outcome is the answer to any resend. A client that lost its journal rebuilds it
-- from these rows (ConsultarLote).
--
-- Cheap per row, as 1000 of these are written per call (tests/bench/bulk.sh): the
-- patterns check length apart (a counted repetition like {1,100} costs PostgreSQL's
-- regex engine ~10 us a row, the + form under 1 us), and messages is json, stored as
-- sent and only ever read back whole (jsonb would parse every message text again);
-- the keys (ASCII by their pattern) compare bytewise, COLLATE "C", in their indexes.

CREATE TABLE batch (
	tenant_id       bigint NOT NULL REFERENCES tenant,
	batch_id        text COLLATE "C" NOT NULL CHECK (batch_id ~ '^[A-Za-z0-9._:-]+$' AND length(batch_id) <= 100),
	operation       text NOT NULL,
	declared_total  integer CHECK (declared_total >= 0),
	user_id         bigint NOT NULL,
	created_at      timestamptz NOT NULL DEFAULT now(),
	PRIMARY KEY (tenant_id, batch_id),
	FOREIGN KEY (tenant_id, user_id) REFERENCES app_user
);

CREATE TABLE batch_item (
	tenant_id     bigint NOT NULL REFERENCES tenant,
	item_id       bigint GENERATED ALWAYS AS IDENTITY,   -- arrival order, ConsultarLote's cursor
	record_key    text COLLATE "C" NOT NULL CHECK (record_key ~ '^[A-Za-z0-9._:-]+$' AND length(record_key) <= 100),
	operation     text NOT NULL,
	batch_id      text COLLATE "C",
	sequence      integer,
	record_hash   text NOT NULL CHECK (length(record_hash) = 64 AND record_hash ~ '^[0-9a-f]+$'),
	outcome       text NOT NULL CHECK (outcome IN ('CRIADO', 'ATUALIZADO', 'REJEITADO')),
	entity_id     bigint,
	-- [{"codigo": ..., "severidade": "Erro"|"Aviso", "campo": ..., "texto": ...}]
	messages      json NOT NULL DEFAULT '[]',
	id_mensagem   text,
	processed_at  timestamptz NOT NULL DEFAULT now(),
	PRIMARY KEY (tenant_id, record_key),
	FOREIGN KEY (tenant_id, batch_id) REFERENCES batch,
	CHECK ((outcome = 'REJEITADO') = (entity_id IS NULL))
);
CREATE INDEX batch_item_batch ON batch_item (tenant_id, batch_id, item_id)
	WHERE batch_id IS NOT NULL;
