-- SPDX-License-Identifier: GPL-2.0-or-later
-- 007_change_feed.sql - the change feed behind ObterAlteracoes: one change_log row per
-- created or changed person, vehicle and atendimento (contact), written by triggers in
-- the same transaction as the change.
--
-- The one rule to know: the feed is read in the order of the WRITING TRANSACTION's id
-- (xid, then change_id), and only below the horizon of transactions still in progress:
--
--     WHERE xid < pg_snapshot_xmin(pg_current_snapshot())
--       AND (xid, change_id) > (cursor xid, cursor change_id)
--     ORDER BY xid, change_id
--
-- Why: change_id (an identity) is assigned when the row is inserted, not when its
-- transaction commits. A long transaction T1 may insert change 10 and commit after a
-- short T2 inserted and committed change 11; a reader ordering by change_id alone would
-- see 11, move its cursor past 10, and never return 10 once T1 commits. The xid of a
-- transaction is also assigned before it commits, but every transaction with an xid
-- below the snapshot's xmin has finished (committed or rolled back), so no row can
-- still appear below that horizon: a cursor that never passes xmin skips nothing.
-- Rows of transactions at or above xmin wait (even if already committed) until every
-- older transaction has ended; the price is that one long transaction delays the feed.
-- pg_current_snapshot works on a standby too, so the read may run on a replica.
--
-- Actions: CRIADO on insert; ALTERADO on update (an atendimento closed as ENCERRADO_* is
-- ALTERADO too); CANCELADO when a person becomes INATIVO. MESCLADO is reserved for the
-- merge of people. An update that changes no column records nothing.

CREATE TABLE change_log (
	tenant_id   bigint NOT NULL REFERENCES tenant,
	change_id   bigint GENERATED ALWAYS AS IDENTITY,
	xid         xid8 NOT NULL DEFAULT pg_current_xact_id(),
	entity      text NOT NULL CHECK (entity IN ('pessoa', 'veiculo', 'atendimento')),
	entity_id   bigint NOT NULL,
	action      text NOT NULL CHECK (action IN ('CRIADO', 'ALTERADO', 'CANCELADO', 'MESCLADO')),
	version     integer,
	at          timestamptz NOT NULL DEFAULT now(),
	PRIMARY KEY (tenant_id, change_id)
);
-- The feed's order, per tenant; an entity filter reads the same index.
CREATE INDEX change_log_feed ON change_log (tenant_id, xid, change_id);

CREATE FUNCTION change_log_record() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
	v_entity text;
	v_id     bigint;
	v_action text := CASE TG_OP WHEN 'INSERT' THEN 'CRIADO' ELSE 'ALTERADO' END;
BEGIN
	IF TG_OP = 'UPDATE' AND OLD IS NOT DISTINCT FROM NEW THEN
		RETURN NULL;
	END IF;
	IF TG_TABLE_NAME = 'person' THEN
		v_entity := 'pessoa';
		v_id := NEW.person_id;
		IF TG_OP = 'UPDATE' AND NEW.status = 'INATIVO' AND OLD.status <> 'INATIVO' THEN
			v_action := 'CANCELADO';
		END IF;
	ELSIF TG_TABLE_NAME = 'vehicle' THEN
		v_entity := 'veiculo';
		v_id := NEW.vehicle_id;
	ELSE
		v_entity := 'atendimento';
		v_id := NEW.contact_id;
	END IF;
	INSERT INTO change_log (tenant_id, entity, entity_id, action, version)
	VALUES (NEW.tenant_id, v_entity, v_id, v_action, NEW.version);
	RETURN NULL;
END
$$;

CREATE TRIGGER person_change_log AFTER INSERT OR UPDATE ON person
	FOR EACH ROW EXECUTE FUNCTION change_log_record();
CREATE TRIGGER vehicle_change_log AFTER INSERT OR UPDATE ON vehicle
	FOR EACH ROW EXECUTE FUNCTION change_log_record();
CREATE TRIGGER contact_change_log AFTER INSERT OR UPDATE ON contact
	FOR EACH ROW EXECUTE FUNCTION change_log_record();
