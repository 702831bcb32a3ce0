-- SPDX-License-Identifier: GPL-2.0-or-later
-- stock_load.sql - 100 000 more stock vehicles in branch 01 of the demo tenant for
-- tests/bench/stock_search.sh: 40 real models of 20 families, both depots, 6 % sold,
-- prices spread over R$ 60-300 thousand. psql variable: n (how many, default 100000).
SELECT set_config('bench.n', coalesce(nullif(:'n', ''), '100000'), false);
WITH t AS (SELECT tenant_id, branch_id FROM branch WHERE code = '01'
           AND tenant_id = (SELECT tenant_id FROM tenant WHERE code = 'demo')),
     m(models) AS (SELECT ARRAY['Onix', 'Onix Plus', 'Tracker', 'Cruze', 'Cobalt', 'Spin', 'Polo', 'Virtus',
                                'T-Cross', 'Nivus', 'Taos', 'Amarok', 'Gol', 'Argo', 'Cronos', 'Mobi', 'Pulse',
                                'Fastback', 'Strada', 'Toro', 'Corolla', 'Corolla Cross', 'Yaris', 'Hilux', 'SW4',
                                'HB20', 'HB20S', 'Creta', 'Tucson', 'Renegade', 'Compass', 'Commander', 'Kwid',
                                'Duster', 'Oroch', 'HR-V', 'City', 'Civic', 'Kicks', 'Frontier'])
INSERT INTO stock_vehicle (tenant_id, branch_id, external_id, depot, make, family, model, trim_level, color,
                           year_made, model_year, odometer, price, cost, status, sold_at)
SELECT t.tenant_id, t.branch_id, 'BENCH-' || i, CASE WHEN i % 3 = 0 THEN 'SEMINOVOS' ELSE 'NOVOS' END,
       'Marca ' || (i % 12), split_part(m.models[1 + i % 40], ' ', 1), m.models[1 + i % 40],
       (ARRAY['1.0', '1.0 Turbo', '1.3', '1.6', '2.0', '2.8 Diesel'])[1 + i % 6] || ' ' ||
       (ARRAY['Comfort', 'Highline', 'Premier', 'Limited', 'Sport'])[1 + (i / 7) % 5],
       (ARRAY['Branco', 'Preto', 'Prata', 'Cinza', 'Vermelho', 'Azul'])[1 + (i / 3) % 6],
       2020 + i % 7, 2020 + i % 7, CASE WHEN i % 3 = 0 THEN (i * 37) % 120000 ELSE 0 END,
       60000 + (i * 7919) % 240000, (60000 + (i * 7919) % 240000) * 0.9,
       CASE WHEN i % 17 = 0 THEN 'VENDIDO' ELSE 'DISPONIVEL' END,
       CASE WHEN i % 17 = 0 THEN now() END
FROM t, m, generate_series(1, current_setting('bench.n')::int) AS i;
ANALYZE stock_vehicle;
