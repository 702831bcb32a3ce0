-- SPDX-License-Identifier: GPL-2.0-or-later
-- prospect.sql - pgbench: the statements the server runs for one IncluirProspect
-- (as logged with log_statement=all), same shapes and row counts, no SOAP, no C.
-- The baseline of tests/bench/prospect.sh: the ratio is SOAP rate / this rate.
\set n random(1, 1000000000)
SELECT branch_id, code, time_zone FROM branch WHERE tenant_id = :tenant AND code = '01';
BEGIN;
INSERT INTO request_key (tenant_id, id_mensagem, operation, request_hash, user_id)
	VALUES (:tenant, 'pgb-' || :client_id || '-' || :n || '-' || clock_timestamp(), 'IncluirProspect', repeat('a', 64), :user_id)
	ON CONFLICT DO NOTHING RETURNING 1;
SAVEPOINT op;
INSERT INTO person (tenant_id, kind, status, name) VALUES (:tenant, 'FISICA', 'PROSPECT', 'Cliente Bench ' || :n) RETURNING person_id \gset
INSERT INTO person_phone (tenant_id, person_id, position, number, whatsapp, is_main) SELECT :tenant, :person_id, t.p, t.n, false, true FROM unnest(ARRAY['+5511987654321']) WITH ORDINALITY AS t(n, p);
INSERT INTO person_email (tenant_id, person_id, position, address, is_main) VALUES (:tenant, :person_id, 1, 'bench' || :n || '@example.com', true);
INSERT INTO audit_log (tenant_id, entity, entity_id, action, user_id, changes) VALUES (:tenant, 'pessoa', :person_id, 'incluir', :user_id, '{"Nome": [null, "x"]}');
SELECT * FROM person WHERE tenant_id = :tenant AND person_id = :person_id;
SELECT * FROM person_phone WHERE tenant_id = :tenant AND person_id = :person_id;
SELECT * FROM person_email WHERE tenant_id = :tenant AND person_id = :person_id;
SELECT * FROM consent WHERE tenant_id = :tenant AND person_id = :person_id;
UPDATE request_key SET status = 'Sucesso', response_xml = repeat('x', 1500) WHERE tenant_id = :tenant AND id_mensagem = 'none';
COMMIT;
