-- SPDX-License-Identifier: GPL-2.0-or-later
-- 041_booking_slot_window.sql - "which productives are busy in this window" by time.
--
-- Free-slot checks (IncluirAgendamento, ReagendarAgendamento, ConsultarHorarios-
-- Disponiveis) ask booking_slot for the slots of a branch inside [start, start + span).
-- The primary key leads with productive_code, so that range could only be read by
-- walking every productive's slots of the branch, and the planner did so once per
-- productive: 36 ms per booking on a branch with 17 000 slots, growing with history
-- (measured with tests/bench/booking.sh; 2 ms with this index).
CREATE INDEX booking_slot_window ON booking_slot (tenant_id, branch_id, slot_start) INCLUDE (productive_code);
