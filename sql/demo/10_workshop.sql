-- SPDX-License-Identifier: GPL-2.0-or-later
-- demo/10_workshop.sql - the demo tenant's workshop: catalogues, opening hours of both
-- branches (each in its own time zone), service consultants and technicians, and two
-- campaigns. Not a migration. Safe to run again. psql variable: tenant.

SELECT set_config('demo.tenant', :'tenant', false);

DO $$
DECLARE t bigint;
BEGIN
	SELECT tenant_id INTO t FROM tenant WHERE code = current_setting('demo.tenant');
	PERFORM seed_workshop(t);
	INSERT INTO workshop_branch (tenant_id, branch_id, slot_minutes, afternoon_from, discount_limit_pct)
	SELECT t, branch_id, 30, '12:00', 10 FROM branch WHERE tenant_id = t
	ON CONFLICT DO NOTHING;
	-- Monday to Friday 08:00-18:00, Saturday 08:00-12:00, closed on Sunday.
	INSERT INTO workshop_hours (tenant_id, branch_id, weekday, opens, closes)
	SELECT t, b.branch_id, d, '08:00', CASE WHEN d = 6 THEN time '12:00' ELSE time '18:00' END
	FROM branch b, generate_series(1, 6) d WHERE b.tenant_id = t
	ON CONFLICT DO NOTHING;
	INSERT INTO productive (tenant_id, code, name, kind, branch_id)
	SELECT t, p.code, p.name, p.kind, b.branch_id
	FROM (VALUES ('CS01', 'Diego Rocha', 'CONSULTOR', '01'), ('CS02', 'Helena Prado', 'CONSULTOR', '01'),
	             ('TC01', 'Igor Campos', 'TECNICO', '01'), ('TC02', 'Júlia Reis', 'TECNICO', '01'),
	             ('CS11', 'Kátia Mendes', 'CONSULTOR', '02'), ('TC11', 'Luís Barros', 'TECNICO', '02'))
	     AS p(code, name, kind, branch)
	JOIN branch b ON b.tenant_id = t AND b.code = p.branch
	ON CONFLICT DO NOTHING;
	INSERT INTO campaign (tenant_id, code, description, kind, starts_on, ends_on) VALUES
		(t, 'RC-2026-001', 'Recall: substituição do airbag do motorista', 'RECALL', '2026-01-01', NULL),
		(t, 'SV-2026-OLEO', 'Campanha de troca de óleo com desconto', 'SERVICO', '2026-01-01', '2027-12-31')
	ON CONFLICT DO NOTHING;
END $$;
