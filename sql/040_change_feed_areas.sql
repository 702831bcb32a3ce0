-- SPDX-License-Identifier: GPL-2.0-or-later
-- 040_change_feed_areas.sql - the change feed (sql/007) also carries the workshop
-- (sql/010) and sales (sql/020) documents, so an ERP pulling ObterAlteracoes sees a
-- booking confirmed, a work order closed or a proposal approved without polling them.
--
-- Same rule as 007: one change_log row per created or changed row, written by an AFTER
-- trigger in the changing transaction, read by the writer's xid below the snapshot's
-- xmin. The new tables name their entity and id column as trigger arguments, so
-- change_log_record() stays one function; people, vehicles and atendimentos keep their
-- own branches (and their speed: the bulk path inserts thousands of them per call).
--
-- CANCELADO: a booking or work order whose status becomes CANCELADO/CANCELADA, a
-- reservation when cancelled_at is set (a person becoming INATIVO, as before).

ALTER TABLE change_log DROP CONSTRAINT change_log_entity_check;
ALTER TABLE change_log ADD CONSTRAINT change_log_entity_check CHECK (entity IN (
	'pessoa', 'veiculo', 'atendimento',
	'agendamento', 'orcamento', 'os',
	'estoque', 'reserva', 'avaliacao', 'proposta'));

CREATE OR REPLACE FUNCTION change_log_record() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
	v_entity text;
	v_id     bigint;
	v_action text := CASE TG_OP WHEN 'INSERT' THEN 'CRIADO' ELSE 'ALTERADO' END;
	v_new    jsonb;
	v_old    jsonb;
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
	ELSIF TG_TABLE_NAME = 'contact' THEN
		v_entity := 'atendimento';
		v_id := NEW.contact_id;
	ELSE
		-- TG_ARGV: the entity's name in the feed, its id column.
		v_entity := TG_ARGV[0];
		v_new := to_jsonb(NEW);
		v_id := (v_new ->> TG_ARGV[1])::bigint;
		IF TG_OP = 'UPDATE' THEN
			v_old := to_jsonb(OLD);
			IF v_new ->> 'status' IN ('CANCELADO', 'CANCELADA')
			   AND v_old ->> 'status' IS DISTINCT FROM v_new ->> 'status' THEN
				v_action := 'CANCELADO';
			ELSIF v_new ? 'cancelled_at' AND v_old ->> 'cancelled_at' IS NULL
			      AND v_new ->> 'cancelled_at' IS NOT NULL THEN
				v_action := 'CANCELADO';
			END IF;
		END IF;
		INSERT INTO change_log (tenant_id, entity, entity_id, action, version)
		VALUES (NEW.tenant_id, v_entity, v_id, v_action, (v_new ->> 'version')::integer);
		RETURN NULL;
	END IF;
	INSERT INTO change_log (tenant_id, entity, entity_id, action, version)
	VALUES (NEW.tenant_id, v_entity, v_id, v_action, NEW.version);
	RETURN NULL;
END
$$;

CREATE TRIGGER booking_change_log AFTER INSERT OR UPDATE ON booking
	FOR EACH ROW EXECUTE FUNCTION change_log_record('agendamento', 'booking_id');
CREATE TRIGGER quote_change_log AFTER INSERT OR UPDATE ON quote
	FOR EACH ROW EXECUTE FUNCTION change_log_record('orcamento', 'quote_id');
CREATE TRIGGER work_order_change_log AFTER INSERT OR UPDATE ON work_order
	FOR EACH ROW EXECUTE FUNCTION change_log_record('os', 'work_order_id');
CREATE TRIGGER stock_vehicle_change_log AFTER INSERT OR UPDATE ON stock_vehicle
	FOR EACH ROW EXECUTE FUNCTION change_log_record('estoque', 'stock_id');
CREATE TRIGGER reservation_change_log AFTER INSERT OR UPDATE ON reservation
	FOR EACH ROW EXECUTE FUNCTION change_log_record('reserva', 'reservation_id');
CREATE TRIGGER appraisal_change_log AFTER INSERT OR UPDATE ON appraisal
	FOR EACH ROW EXECUTE FUNCTION change_log_record('avaliacao', 'appraisal_id');
CREATE TRIGGER proposal_change_log AFTER INSERT OR UPDATE ON proposal
	FOR EACH ROW EXECUTE FUNCTION change_log_record('proposta', 'proposal_id');
