-- SPDX-License-Identifier: GPL-2.0-or-later
-- 006_vehicle_plate.sql - a Mercosul plate's fifth character is any letter (ABC1D23,
-- ABC1K23); only A-J have an old-form equivalent (the digit 0-9). plate_key already
-- keeps other letters as they are.
ALTER TABLE vehicle DROP CONSTRAINT vehicle_plate_check,
	ADD CONSTRAINT vehicle_plate_check CHECK (plate ~ '^[A-Z]{3}[0-9][0-9A-Z][0-9]{2}$');
