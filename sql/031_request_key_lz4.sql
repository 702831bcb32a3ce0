-- SPDX-License-Identifier: GPL-2.0-or-later
-- 031_request_key_lz4.sql - stored responses compressed with lz4 (issue 5).
--
-- A bulk call's stored response (request_key.response_xml, replayed for a resent
-- IdMensagem) is ~0.5 MB of XML per 1000 records; pglz spent ~2 ms compressing
-- each one (tests/bench/bulk.sh), lz4 a fifth of that for a slightly larger value.
-- Only new values are affected; old ones stay readable as they are.
ALTER TABLE request_key ALTER COLUMN response_xml SET COMPRESSION lz4;
