-- SPDX-License-Identifier: GPL-2.0-or-later
-- demo/20_sales.sql - a realistic stock for the demo dealer group: 300 vehicles per
-- branch (new cars of the brands a Brazilian multi-brand group sells, used cars a few
-- years old with odometer readings) and the group's sales limits. Not a migration.
-- Safe to run again: it does nothing once the tenant has stock.
-- psql variable: tenant (the tenant code).
SELECT set_config('demo.tenant', :'tenant', false);

DO $$
DECLARE t bigint;
BEGIN
	SELECT tenant_id INTO t FROM tenant WHERE code = current_setting('demo.tenant');
	IF EXISTS (SELECT 1 FROM stock_vehicle WHERE tenant_id = t) THEN
		RETURN;
	END IF;
	INSERT INTO sales_config (tenant_id) VALUES (t) ON CONFLICT DO NOTHING;
	-- catalogue: make, family, model, trims, base price (new, R$)
	WITH catalogue(n, make, family, model, trims, base) AS (VALUES
		(0, 'Volkswagen', 'Polo', 'Polo', '{"1.0 MPI","1.0 TSI Comfortline","1.0 TSI Highline","GTS 1.4 TSI"}'::text[], 89990),
		(1, 'Volkswagen', 'T-Cross', 'T-Cross', '{"200 TSI","Comfortline 200 TSI","Highline 250 TSI"}', 139990),
		(2, 'Volkswagen', 'Nivus', 'Nivus', '{"Comfortline 200 TSI","Highline 200 TSI"}', 129990),
		(3, 'Chevrolet', 'Onix', 'Onix', '{"1.0 LT","1.0 Turbo LTZ","1.0 Turbo Premier"}', 84990),
		(4, 'Chevrolet', 'Onix', 'Onix Plus', '{"1.0 Turbo LT","1.0 Turbo Premier"}', 99990),
		(5, 'Chevrolet', 'Tracker', 'Tracker', '{"1.0 Turbo LT","1.2 Turbo Premier","RS 1.2 Turbo"}', 132990),
		(6, 'Fiat', 'Argo', 'Argo', '{"1.0 Drive","1.3 Trekking","1.3 Drive CVT"}', 79990),
		(7, 'Fiat', 'Strada', 'Strada', '{"Endurance 1.3","Freedom 1.3","Volcano 1.3 CVT","Ranch 1.0 Turbo"}', 104990),
		(8, 'Fiat', 'Pulse', 'Pulse', '{"Drive 1.3","Audace 1.0 Turbo","Impetus 1.0 Turbo"}', 109990),
		(9, 'Fiat', 'Toro', 'Toro', '{"Freedom 1.3 Turbo","Volcano 2.2 Diesel","Ranch 2.2 Diesel"}', 159990),
		(10, 'Toyota', 'Corolla', 'Corolla', '{"GLi 2.0","XEi 2.0","Altis Hybrid"}', 159990),
		(11, 'Toyota', 'Corolla', 'Corolla Cross', '{"XR 2.0","XRE 2.0","XRX Hybrid"}', 179990),
		(12, 'Toyota', 'Hilux', 'Hilux', '{"SR 2.8 Diesel","SRV 2.8 Diesel","SRX 2.8 Diesel"}', 259990),
		(13, 'Hyundai', 'HB20', 'HB20', '{"Sense 1.0","Comfort 1.0","Platinum 1.0 Turbo"}', 82990),
		(14, 'Hyundai', 'Creta', 'Creta', '{"Action 1.6","Comfort 1.0 Turbo","Ultimate 2.0"}', 134990),
		(15, 'Jeep', 'Renegade', 'Renegade', '{"Sport 1.3 Turbo","Longitude 1.3 Turbo","Trailhawk 1.3 Turbo"}', 129990),
		(16, 'Jeep', 'Compass', 'Compass', '{"Sport 1.3 Turbo","Longitude 1.3 Turbo","Limited 1.3 Turbo","Série S 2.0 Diesel"}', 179990),
		(17, 'Renault', 'Kwid', 'Kwid', '{"Zen 1.0","Intense 1.0","Outsider 1.0"}', 69990),
		(18, 'Honda', 'HR-V', 'HR-V', '{"EX 1.5","EXL 1.5","Touring 1.5 Turbo"}', 149990),
		(19, 'Nissan', 'Kicks', 'Kicks', '{"Sense 1.6","Advance 1.6","Exclusive 1.6"}', 119990)
	), colours(c) AS (SELECT ARRAY['Branco Polar', 'Preto Ninja', 'Prata Sirius', 'Cinza Grafite',
	                               'Vermelho Tornado', 'Azul Biscay', 'Branco Perolizado'])
	INSERT INTO stock_vehicle (tenant_id, branch_id, external_id, depot, make, family, model, trim_level, color,
	                           year_made, model_year, vin, odometer, price, cost, status, sold_at)
	SELECT t, b.branch_id, 'EST-' || b.code || '-' || lpad(i::text, 4, '0'),
	       CASE WHEN used THEN 'SEMINOVOS' ELSE 'NOVOS' END,
	       k.make, k.family, k.model, k.trims[1 + i % array_length(k.trims, 1)],
	       (SELECT c[1 + i % 7] FROM colours),
	       CASE WHEN used THEN y ELSE 2026 END, y,
	       -- a syntactically valid 17-character VIN, unique per vehicle
	       '9BW' || upper(substr(md5(t::text || b.code || i::text), 1, 6)) || 'P' || lpad((b.branch_id * 10000 + i)::text, 7, '0'),
	       CASE WHEN used THEN 8000 + (i * 3779) % 90000 ELSE 0 END,
	       round(price, -1), round(price * CASE WHEN used THEN 0.84 ELSE 0.91 END, 2),
	       CASE WHEN i % 17 = 0 THEN 'VENDIDO' ELSE 'DISPONIVEL' END,
	       CASE WHEN i % 17 = 0 THEN now() - interval '3 days' END
	FROM branch b
	CROSS JOIN generate_series(1, 300) AS i
	JOIN catalogue k ON k.n = i % 20
	CROSS JOIN LATERAL (SELECT i % 3 = 0 AS used) u
	CROSS JOIN LATERAL (SELECT CASE WHEN used THEN 2026 - 1 - i % 5 ELSE 2026 + i % 2 END AS y) yy
	CROSS JOIN LATERAL (SELECT k.base * (1 + 0.06 * (i % 4)) * CASE WHEN used THEN power(0.88, 2026 - y) ELSE 1 END AS price) p
	WHERE b.tenant_id = t;
END $$;
