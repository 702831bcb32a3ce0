-- SPDX-License-Identifier: GPL-2.0-or-later
-- stock_search.sql - pgbench: the statements the server runs for one PesquisarEstoque
-- with a model pattern: the branch lookup, then stock_search_model of
-- service/store/stock_store.c with the same text, the absent filters being parameters
-- that are NULL as the server sends them ((CASE WHEN :z = 1 ...) with z = 0). No SOAP,
-- no C (the time format's colons are chr(58): pgbench would read ":MI" as a variable).
-- The baseline of tests/bench/stock_search.sh: the ratio is SOAP rate / this rate.
\set k random(1, 6)
\set z 0
SELECT branch_id, code, time_zone FROM branch WHERE tenant_id = :tenant AND code = '01';
SELECT s.stock_id, s.external_id, b.code, s.depot, s.make, s.family, s.model, s.trim_level, s.color, s.vin, s.plate,
       s.year_made, s.model_year, s.odometer, (s.price * 100)::bigint, (s.cost * 100)::bigint,
       CASE WHEN s.status = 'DISPONIVEL' AND r.expires_at IS NOT NULL THEN 'RESERVADO' ELSE s.status END,
       to_char(r.expires_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24' || chr(58) || 'MI' || chr(58) || 'SS"Z"'), r.contact_id, r.person_id, s.version
FROM stock_vehicle s JOIN branch b ON b.tenant_id = s.tenant_id AND b.branch_id = s.branch_id
LEFT JOIN LATERAL (SELECT r.expires_at, r.contact_id, r.person_id FROM reservation r
   WHERE r.tenant_id = s.tenant_id AND r.stock_id = s.stock_id AND r.cancelled_at IS NULL
     AND r.consumed_at IS NULL AND r.expires_at > now() ORDER BY r.expires_at DESC LIMIT 1) r ON true
WHERE s.tenant_id = :tenant AND s.branch_id = :branch
  AND ((CASE WHEN :z::int = 1 THEN ''::text END) IS NULL OR s.depot = (CASE WHEN :z::int = 1 THEN ''::text END))
  AND ((CASE WHEN :z::int = 1 THEN ''::text END) IS NULL OR search_key(s.family) = search_key((CASE WHEN :z::int = 1 THEN ''::text END)))
  AND ((CASE WHEN :z::int = 1 THEN ''::text END) IS NULL OR search_key(s.trim_level) LIKE search_key((CASE WHEN :z::int = 1 THEN ''::text END)) ESCAPE '\')
  AND ((CASE WHEN :z::int = 1 THEN ''::text END) IS NULL OR search_key(s.color) LIKE search_key((CASE WHEN :z::int = 1 THEN ''::text END)) ESCAPE '\')
  AND ((CASE WHEN :z::int = 1 THEN 0 END) IS NULL OR s.model_year = (CASE WHEN :z::int = 1 THEN 0 END))
  AND ((CASE WHEN :z::int = 1 THEN 0::numeric END) IS NULL OR s.price >= (CASE WHEN :z::int = 1 THEN 0::numeric END))
  AND ((CASE WHEN :z::int = 1 THEN 0::numeric END) IS NULL OR s.price <= (CASE WHEN :z::int = 1 THEN 0::numeric END))
  AND ('DISPONIVEL'::text IS NULL OR CASE 'DISPONIVEL' WHEN 'DISPONIVEL' THEN s.status = 'DISPONIVEL' AND r.expires_at IS NULL
        WHEN 'RESERVADO' THEN s.status = 'DISPONIVEL' AND r.expires_at IS NOT NULL ELSE s.status = 'DISPONIVEL' END)
  AND s.model_key >= search_key((ARRAY['Onix', 'Co', 'Polo', 'T-Cross', 'Hilux', 'Cr'])[:k::int])
  AND s.model_key < search_key((ARRAY['Onix', 'Co', 'Polo', 'T-Cross', 'Hilux', 'Cr'])[:k::int]) || chr(1114111)
  AND s.model_key LIKE search_key((ARRAY['Onix%', 'Co%', 'Polo%', 'T-Cross%', 'Hilux%', 'Cr%'])[:k::int]) ESCAPE '\'
  AND (s.model_key, s.stock_id) > (coalesce((SELECT c.model_key FROM stock_vehicle c
       WHERE c.tenant_id = :tenant AND c.stock_id = 0), ''), 0)
ORDER BY s.model_key, s.stock_id LIMIT 21;
