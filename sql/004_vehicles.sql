-- SPDX-License-Identifier: GPL-2.0-or-later
-- 004_vehicles.sql - customers' vehicles.
--
-- plate is stored normalised (ABC1234 or ABC1D23); plate_key is the Mercosul form of
-- either, so one index finds a vehicle by the old or the new form of its plate.

CREATE TABLE vehicle (
	tenant_id    bigint NOT NULL REFERENCES tenant,
	vehicle_id   bigint GENERATED ALWAYS AS IDENTITY,
	external_id  text CHECK (length(external_id) BETWEEN 1 AND 60),
	plate        text CHECK (plate ~ '^[A-Z]{3}[0-9][0-9A-J][0-9]{2}$'),
	plate_key    text GENERATED ALWAYS AS (
		substr(plate, 1, 4) || translate(substr(plate, 5, 1), '0123456789', 'ABCDEFGHIJ') || substr(plate, 6)
	) STORED,
	vin          text CHECK (vin ~ '^[A-HJ-NPR-Z0-9]{17}$'),
	vin_suffix   text GENERATED ALWAYS AS (right(vin, 6)) STORED,
	renavam      text CHECK (renavam ~ '^[0-9]{9,11}$'),
	make         text CHECK (length(make) <= 60),
	model        text CHECK (length(model) <= 60),
	trim_level   text CHECK (length(trim_level) <= 100),
	color        text CHECK (length(color) <= 60),
	year_made    integer CHECK (year_made BETWEEN 1900 AND 2100),
	model_year   integer CHECK (model_year BETWEEN 1900 AND 2101),
	fuel         text CHECK (length(fuel) <= 20),
	odometer     integer CHECK (odometer >= 0),
	owner_id     bigint,
	version      integer NOT NULL DEFAULT 1 CHECK (version > 0),
	created_at   timestamptz NOT NULL DEFAULT now(),
	updated_at   timestamptz NOT NULL DEFAULT now(),
	PRIMARY KEY (tenant_id, vehicle_id),
	FOREIGN KEY (tenant_id, owner_id) REFERENCES person,
	CHECK (plate IS NOT NULL OR vin IS NOT NULL),
	CHECK (model_year IS NULL OR year_made IS NULL OR model_year BETWEEN year_made AND year_made + 1)
);
CREATE UNIQUE INDEX vehicle_plate_key ON vehicle (tenant_id, plate_key) WHERE plate IS NOT NULL;
CREATE UNIQUE INDEX vehicle_vin ON vehicle (tenant_id, vin) WHERE vin IS NOT NULL;
CREATE INDEX vehicle_vin_suffix ON vehicle (tenant_id, vin_suffix) WHERE vin IS NOT NULL;
CREATE UNIQUE INDEX vehicle_external_id ON vehicle (tenant_id, external_id) WHERE external_id IS NOT NULL;
CREATE INDEX vehicle_owner ON vehicle (tenant_id, owner_id);
