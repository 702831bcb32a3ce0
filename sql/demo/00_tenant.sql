-- SPDX-License-Identifier: GPL-2.0-or-later
-- demo/00_tenant.sql - the demo dealer group used by `make run` and the tests:
-- two branches in different time zones and a sales, workshop and SAC team.
-- Not a migration: production databases never get it. Safe to run again.
-- psql variable: tenant (the tenant code, default demo).

INSERT INTO tenant (code, name) VALUES (:'tenant', 'Grupo Demonstração Veículos')
ON CONFLICT (code) DO NOTHING;
SELECT set_config('demo.tenant', :'tenant', false);

DO $$
DECLARE t bigint;
BEGIN
	SELECT tenant_id INTO t FROM tenant WHERE code = current_setting('demo.tenant');
	IF EXISTS (SELECT 1 FROM branch WHERE tenant_id = t) THEN
		RETURN;
	END IF;
	PERFORM seed_reference(t);
	INSERT INTO branch (tenant_id, code, cnpj, name, time_zone) VALUES
		(t, '01', '11222333000181', 'Demo Veículos Paulista', 'America/Sao_Paulo'),
		(t, '02', NULL, 'Demo Veículos Manaus', 'America/Manaus');
	INSERT INTO consultant (tenant_id, code, name, area, team_code, email) VALUES
		(t, 'ANA', 'Ana Souza', 'VENDAS_NOVOS', 'VENDAS', 'ana@demo.example'),
		(t, 'BRUNO', 'Bruno Lima', 'VENDAS_NOVOS', 'VENDAS', 'bruno@demo.example'),
		(t, 'CARLA', 'Carla Dias', 'SEMINOVOS', 'SEMINOVOS', 'carla@demo.example'),
		(t, 'DIEGO', 'Diego Rocha', 'OFICINA', 'OFICINA', 'diego@demo.example'),
		(t, 'ELISA', 'Elisa Martins', 'POS_VENDA', 'POSVENDA', 'elisa@demo.example'),
		(t, 'FABIO', 'Fábio Nunes', 'SAC', 'SAC', 'fabio@demo.example'),
		(t, 'GABI', 'Gabriela Alves', 'PECAS', 'PECAS', 'gabi@demo.example');
	UPDATE nature SET team_code = CASE area
		WHEN 'VENDAS_NOVOS' THEN 'VENDAS' WHEN 'SEMINOVOS' THEN 'SEMINOVOS'
		WHEN 'OFICINA' THEN 'OFICINA' WHEN 'POS_VENDA' THEN 'POSVENDA'
		WHEN 'SAC' THEN 'SAC' WHEN 'PECAS' THEN 'PECAS' END
	WHERE tenant_id = t;
	UPDATE nature SET default_consultant = 'FABIO' WHERE tenant_id = t AND code = 'RECLAMACAO';
END $$;
