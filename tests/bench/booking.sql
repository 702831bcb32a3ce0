-- SPDX-License-Identifier: GPL-2.0-or-later
-- booking.sql - pgbench: the statements the server runs for one IncluirAgendamento
-- (as logged with log_statement=all): same shapes, same capacity check and counter,
-- no SOAP, no C. The baseline of tests/bench/booking.sh.
\set w random(0, 59)
\set wd random(0, 4)
\set k random(0, 19)
\set n random(1, 1000000000)
SELECT extract(epoch FROM ((date_trunc('week', now() AT TIME ZONE 'America/Sao_Paulo')::date + (7 + 7 * :w::int + :wd::int))
	+ time '08:00' + :k::int * interval '30 min') AT TIME ZONE 'America/Sao_Paulo')::bigint AS start_epoch \gset
SELECT branch_id, code, time_zone FROM branch WHERE tenant_id = :tenant AND code = '01';
BEGIN;
INSERT INTO request_key (tenant_id, id_mensagem, operation, request_hash, user_id)
	VALUES (:tenant, 'pgb-ag-' || :client_id || '-' || :n || '-' || clock_timestamp(), 'IncluirAgendamento', repeat('a', 64), :user_id)
	ON CONFLICT DO NOTHING RETURNING 1;
SAVEPOINT op;
SELECT code, description, standard_minutes, price::text FROM workshop_service WHERE tenant_id = :tenant AND active AND code = ANY (string_to_array('OLEO', '|'));
SELECT vehicle_id, plate, vin, owner_id, odometer FROM vehicle WHERE tenant_id = :tenant AND vehicle_id = :vehicle;
SELECT 1 FROM person WHERE tenant_id = :tenant AND person_id = :owner;
SELECT 1 FROM booking_type WHERE tenant_id = :tenant AND code = 'RECEPTIVO' AND active;
WITH cfg AS (
  SELECT w.slot_minutes, ceil(30::numeric / w.slot_minutes)::int AS n_slots,
         make_interval(mins => w.slot_minutes * ceil(30::numeric / w.slot_minutes)::int) AS span,
         to_timestamp(:start_epoch::bigint) AS start_at, to_timestamp(:start_epoch::bigint) AT TIME ZONE 'America/Sao_Paulo' AS local_start
  FROM workshop_branch w WHERE w.tenant_id = :tenant AND w.branch_id = :branch)
SELECT cfg.start_at <= now() AS past,
       h.opens IS NOT NULL AND cfg.local_start::time >= h.opens AND cfg.local_start + cfg.span <= cfg.local_start::date + h.closes AS open,
       h.opens IS NOT NULL AND extract(epoch FROM cfg.local_start::time - h.opens)::bigint % (cfg.slot_minutes * 60) = 0 AS aligned,
       cfg.n_slots, cfg.slot_minutes,
       array_to_string(ARRAY(SELECT p.code FROM productive p
         WHERE p.tenant_id = :tenant AND p.branch_id = :branch AND p.active AND p.kind = 'CONSULTOR'
           AND (NOT EXISTS (SELECT 1 FROM productive_shift ps WHERE ps.tenant_id = :tenant AND ps.code = p.code
                            AND ps.weekday = extract(dow FROM cfg.local_start)))
           AND NOT EXISTS (SELECT 1 FROM booking_slot b WHERE b.tenant_id = :tenant AND b.branch_id = :branch
                           AND b.productive_code = p.code AND b.slot_start >= cfg.start_at
                           AND b.slot_start < cfg.start_at + cfg.span)
         ORDER BY p.code), '|') AS free
FROM cfg LEFT JOIN workshop_hours h ON h.tenant_id = :tenant AND h.branch_id = :branch
  AND h.weekday = extract(dow FROM cfg.local_start) \gset
INSERT INTO booking (tenant_id, branch_id, vehicle_id, person_id, productive_code, type_code, starts_at, ends_at)
	VALUES (:tenant, :branch, :vehicle, :owner,
	        coalesce(nullif(split_part(:free::text, '|', 1), ''), 'CS01'), 'RECEPTIVO',
	        to_timestamp(:start_epoch::bigint), to_timestamp(:start_epoch::bigint) + interval '30 min')
	RETURNING booking_id \gset
INSERT INTO booking_slot (tenant_id, branch_id, productive_code, slot_start, booking_id)
	SELECT :tenant, :branch, coalesce(nullif(split_part(:free::text, '|', 1), ''), 'CS01'),
	       to_timestamp(:start_epoch::bigint) + make_interval(mins => 30 * i), :booking_id
	FROM generate_series(0, 0) i ORDER BY i ON CONFLICT DO NOTHING RETURNING 1;
INSERT INTO booking_service (tenant_id, booking_id, service_code, minutes)
	SELECT :tenant, :booking_id, s.code, s.standard_minutes FROM workshop_service s
	WHERE s.tenant_id = :tenant AND s.code = ANY ('{OLEO}'::text[]);
INSERT INTO booking_event (tenant_id, booking_id, kind, from_status, to_status, new_start, user_id)
	VALUES (:tenant, :booking_id, 'AGENDADO', NULL, 'AGENDADO', to_timestamp(:start_epoch::bigint), :user_id);
SELECT k.booking_id, local_datetime(k.starts_at, b.time_zone), local_datetime(k.ends_at, b.time_zone), k.status, k.version
	FROM booking k JOIN branch b ON b.tenant_id = k.tenant_id AND b.branch_id = k.branch_id
	JOIN vehicle v ON v.tenant_id = k.tenant_id AND v.vehicle_id = k.vehicle_id
	WHERE k.tenant_id = :tenant AND k.booking_id = :booking_id;
SELECT s.service_code, w.description, s.minutes FROM booking_service s JOIN workshop_service w ON w.tenant_id = s.tenant_id AND w.code = s.service_code WHERE s.tenant_id = :tenant AND s.booking_id = :booking_id;
SELECT part_code FROM booking_part WHERE tenant_id = :tenant AND booking_id = :booking_id;
INSERT INTO audit_log (tenant_id, entity, entity_id, action, user_id, changes) VALUES (:tenant, 'agendamento', :booking_id, 'incluir', :user_id, '{"Situacao": [null, "AGENDADO"]}');
SELECT c.code FROM campaign_vehicle v JOIN campaign c ON c.tenant_id = v.tenant_id AND c.code = v.campaign_code WHERE v.tenant_id = :tenant AND v.vin = 'BENCH000000000000' AND v.done_at IS NULL;
UPDATE booking SET number = doc_next_number(tenant_id, branch_id, 'AGENDAMENTO') WHERE tenant_id = :tenant AND booking_id = :booking_id RETURNING number;
UPDATE request_key SET status = 'Sucesso', response_xml = repeat('x', 1500) WHERE tenant_id = :tenant AND id_mensagem = 'none';
COMMIT;
