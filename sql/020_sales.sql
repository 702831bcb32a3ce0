-- SPDX-License-Identifier: GPL-2.0-or-later
-- 020_sales.sql - vehicle sales (CATALOG section 5): the stock of each branch, the
-- vehicles of interest of an atendimento, reservations, appraisals and proposals, and
-- the per-tenant limits that decide when a proposal needs a gerente.
--
-- Rules to know:
--  * "Reserved" is never stored as a stock status: a reservation is active while it is
--    not cancelled, not consumed by a sale and expires_at > now(), evaluated whenever
--    it is read, so no background job is needed for a reservation to expire.
--  * At most one active reservation per vehicle is enforced by the database itself:
--    an exclusion constraint on the reservation's time range. An expired reservation's
--    range lies in the past, so it no longer overlaps a new one; a cancelled or
--    consumed one is outside the constraint's predicate. The domain also locks the
--    stock row FOR UPDATE, so concurrent requests queue and get a clean answer.
--  * Money is numeric(14,2); percentages numeric(7,2). The server computes totals.

CREATE EXTENSION IF NOT EXISTS btree_gist;

-- Per-tenant limits. A tenant without a row gets the defaults below (see the store).
CREATE TABLE sales_config (
	tenant_id                bigint PRIMARY KEY REFERENCES tenant,
	max_reservation_hours    integer NOT NULL DEFAULT 72 CHECK (max_reservation_hours BETWEEN 1 AND 720),
	max_discount_pct         numeric(7,2) NOT NULL DEFAULT 5 CHECK (max_discount_pct BETWEEN 0 AND 100),
	min_margin_pct           numeric(7,2) NOT NULL DEFAULT 6 CHECK (min_margin_pct BETWEEN -100 AND 100),
	appraisal_repair_pct     numeric(7,2) NOT NULL DEFAULT 10 CHECK (appraisal_repair_pct BETWEEN 0 AND 100),
	max_proposal_days        integer NOT NULL DEFAULT 30 CHECK (max_proposal_days BETWEEN 1 AND 365)
);

CREATE TABLE stock_vehicle (
	tenant_id    bigint NOT NULL REFERENCES tenant,
	stock_id     bigint GENERATED ALWAYS AS IDENTITY,
	branch_id    bigint NOT NULL,
	external_id  text CHECK (length(external_id) BETWEEN 1 AND 60),
	depot        text NOT NULL CHECK (depot IN ('NOVOS', 'SEMINOVOS', 'VIRTUAL')),
	make         text NOT NULL CHECK (length(make) BETWEEN 1 AND 60),
	family       text NOT NULL CHECK (length(family) BETWEEN 1 AND 60),
	model        text NOT NULL CHECK (length(model) BETWEEN 1 AND 60),
	trim_level   text CHECK (length(trim_level) <= 100),
	color        text CHECK (length(color) <= 60),
	year_made    integer CHECK (year_made BETWEEN 1900 AND 2101),
	model_year   integer NOT NULL CHECK (model_year BETWEEN 1900 AND 2102),
	vin          text CHECK (vin ~ '^[A-HJ-NPR-Z0-9]{17}$'),
	plate        text CHECK (plate ~ '^[A-Z]{3}[0-9][A-J0-9][0-9]{2}$'),
	odometer     integer CHECK (odometer >= 0),
	price        numeric(14,2) NOT NULL CHECK (price > 0),
	cost         numeric(14,2) NOT NULL CHECK (cost >= 0),
	-- FUTURO: a vehicle not yet in the yard (an approved trade-in appraisal, depot VIRTUAL).
	status       text NOT NULL DEFAULT 'DISPONIVEL' CHECK (status IN ('DISPONIVEL', 'VENDIDO', 'FUTURO')),
	appraisal_id bigint,
	-- The search key of the model: lower case, no accents (search_key, sql/001), in
	-- byte order (COLLATE "C") so a literal prefix is a btree range whatever the
	-- database's collation.
	model_key    text COLLATE "C" GENERATED ALWAYS AS (search_key(model)) STORED,
	created_at   timestamptz NOT NULL DEFAULT now(),
	updated_at   timestamptz NOT NULL DEFAULT now(),
	sold_at      timestamptz,
	version      integer NOT NULL DEFAULT 1 CHECK (version > 0),
	PRIMARY KEY (tenant_id, stock_id),
	FOREIGN KEY (tenant_id, branch_id) REFERENCES branch,
	CHECK ((status = 'VENDIDO') = (sold_at IS NOT NULL))
);
CREATE UNIQUE INDEX stock_vehicle_external_id ON stock_vehicle (tenant_id, external_id) WHERE external_id IS NOT NULL;
CREATE UNIQUE INDEX stock_vehicle_vin ON stock_vehicle (tenant_id, vin) WHERE vin IS NOT NULL AND status <> 'VENDIDO';
-- PesquisarEstoque: a model pattern always has a literal prefix, which the query turns
-- into a range on model_key (model_key >= prefix AND model_key < prefix || U+10FFFF):
-- that range is this index's third column. Without a model the search walks the
-- branch's stock in id order (the page order), filtering, and stops at the page size.
CREATE INDEX stock_vehicle_model ON stock_vehicle (tenant_id, branch_id, model_key, stock_id);
CREATE INDEX stock_vehicle_branch ON stock_vehicle (tenant_id, branch_id, stock_id);

-- Vehicles of interest of an atendimento: a stock vehicle or a description.
CREATE TABLE vehicle_interest (
	tenant_id    bigint NOT NULL,
	interest_id  bigint GENERATED ALWAYS AS IDENTITY,
	contact_id   bigint NOT NULL,
	stock_id     bigint,
	model        text CHECK (length(model) BETWEEN 1 AND 60),
	trim_level   text CHECK (length(trim_level) <= 100),
	color        text CHECK (length(color) <= 60),
	model_year   integer CHECK (model_year BETWEEN 1900 AND 2102),
	user_id      bigint NOT NULL,
	created_at   timestamptz NOT NULL DEFAULT now(),
	PRIMARY KEY (tenant_id, interest_id),
	FOREIGN KEY (tenant_id, contact_id) REFERENCES contact,
	FOREIGN KEY (tenant_id, stock_id) REFERENCES stock_vehicle,
	FOREIGN KEY (tenant_id, user_id) REFERENCES app_user,
	CHECK (stock_id IS NOT NULL OR model IS NOT NULL)
);
CREATE INDEX vehicle_interest_contact ON vehicle_interest (tenant_id, contact_id, interest_id);

CREATE TABLE reservation (
	tenant_id       bigint NOT NULL,
	reservation_id  bigint GENERATED ALWAYS AS IDENTITY,
	stock_id        bigint NOT NULL,
	contact_id      bigint NOT NULL,
	person_id       bigint NOT NULL,
	starts_at       timestamptz NOT NULL DEFAULT now(),
	expires_at      timestamptz NOT NULL,
	cancelled_at    timestamptz,
	cancel_reason   text CHECK (length(cancel_reason) <= 200),
	consumed_at     timestamptz,      -- the sale that used it
	notes           text CHECK (length(notes) <= 2000),
	user_id         bigint NOT NULL,
	PRIMARY KEY (tenant_id, reservation_id),
	FOREIGN KEY (tenant_id, stock_id) REFERENCES stock_vehicle,
	FOREIGN KEY (tenant_id, contact_id) REFERENCES contact,
	FOREIGN KEY (tenant_id, person_id) REFERENCES person,
	FOREIGN KEY (tenant_id, user_id) REFERENCES app_user,
	CHECK (expires_at > starts_at),
	-- One active reservation per vehicle: two live ranges of one vehicle never overlap.
	CONSTRAINT reservation_one_active EXCLUDE USING gist (
		tenant_id WITH =, stock_id WITH =, tstzrange(starts_at, expires_at) WITH &&)
		WHERE (cancelled_at IS NULL AND consumed_at IS NULL)
);
CREATE INDEX reservation_stock ON reservation (tenant_id, stock_id, expires_at)
	WHERE cancelled_at IS NULL AND consumed_at IS NULL;

CREATE TABLE appraisal (
	tenant_id        bigint NOT NULL,
	appraisal_id     bigint GENERATED ALWAYS AS IDENTITY,
	branch_id        bigint NOT NULL,
	contact_id       bigint,
	person_id        bigint,
	plate            text CHECK (plate ~ '^[A-Z]{3}[0-9][A-J0-9][0-9]{2}$'),
	vin              text CHECK (vin ~ '^[A-HJ-NPR-Z0-9]{17}$'),
	make             text NOT NULL CHECK (length(make) BETWEEN 1 AND 60),
	model            text NOT NULL CHECK (length(model) BETWEEN 1 AND 60),
	trim_level       text CHECK (length(trim_level) <= 100),
	year_made        integer CHECK (year_made BETWEEN 1900 AND 2101),
	model_year       integer CHECK (model_year BETWEEN 1900 AND 2102),
	color            text CHECK (length(color) <= 60),
	odometer         integer CHECK (odometer >= 0),
	damages          text CHECK (length(damages) <= 2000),
	reason           text NOT NULL CHECK (length(reason) BETWEEN 1 AND 200),
	status           text NOT NULL DEFAULT 'SOLICITADA'
		CHECK (status IN ('SOLICITADA', 'AGUARDANDO_APROVACAO', 'APROVADA')),
	appraised_value  numeric(14,2) CHECK (appraised_value > 0),
	repair_forecast  numeric(14,2) CHECK (repair_forecast >= 0),
	result_notes     text CHECK (length(result_notes) <= 2000),
	appraised_by     bigint,
	appraised_at     timestamptz,
	approved_by      bigint,
	approved_at      timestamptz,
	requested_by     bigint NOT NULL,
	created_at       timestamptz NOT NULL DEFAULT now(),
	version          integer NOT NULL DEFAULT 1 CHECK (version > 0),
	PRIMARY KEY (tenant_id, appraisal_id),
	FOREIGN KEY (tenant_id, branch_id) REFERENCES branch,
	FOREIGN KEY (tenant_id, contact_id) REFERENCES contact,
	FOREIGN KEY (tenant_id, person_id) REFERENCES person,
	FOREIGN KEY (tenant_id, requested_by) REFERENCES app_user,
	FOREIGN KEY (tenant_id, appraised_by) REFERENCES app_user,
	FOREIGN KEY (tenant_id, approved_by) REFERENCES app_user,
	CHECK (plate IS NOT NULL OR vin IS NOT NULL),
	CHECK ((status = 'SOLICITADA') = (appraised_value IS NULL)),
	CHECK ((status = 'APROVADA') = (approved_at IS NOT NULL))
);
ALTER TABLE stock_vehicle ADD FOREIGN KEY (tenant_id, appraisal_id) REFERENCES appraisal;

CREATE TABLE proposal (
	tenant_id         bigint NOT NULL,
	proposal_id       bigint GENERATED ALWAYS AS IDENTITY,
	branch_id         bigint NOT NULL,
	contact_id        bigint NOT NULL,
	person_id         bigint NOT NULL,
	stock_id          bigint NOT NULL,
	list_price        numeric(14,2) NOT NULL CHECK (list_price > 0),
	discount          numeric(14,2) NOT NULL DEFAULT 0 CHECK (discount >= 0),
	final_price       numeric(14,2) NOT NULL CHECK (final_price > 0),
	cost              numeric(14,2) NOT NULL CHECK (cost >= 0),
	payment           text NOT NULL CHECK (payment IN ('A_VISTA', 'FINANCIAMENTO', 'CONSORCIO')),
	down_payment      numeric(14,2) CHECK (down_payment >= 0),
	instalments       integer CHECK (instalments BETWEEN 1 AND 120),
	institution       text CHECK (length(institution) <= 60),
	appraisal_id      bigint,
	trade_in_value    numeric(14,2) NOT NULL DEFAULT 0 CHECK (trade_in_value >= 0),
	valid_until       timestamptz NOT NULL,
	status            text NOT NULL CHECK (status IN ('ABERTA', 'AGUARDANDO_APROVACAO', 'APROVADA', 'REPROVADA',
	                                                  'VENDIDA', 'ENCERRADA')),
	approval_reasons  text[] NOT NULL DEFAULT '{}',
	decided_by        bigint,
	decided_at        timestamptz,
	decision_notes    text CHECK (length(decision_notes) <= 2000),
	notes             text CHECK (length(notes) <= 2000),
	created_by        bigint NOT NULL,
	created_at        timestamptz NOT NULL DEFAULT now(),
	updated_at        timestamptz NOT NULL DEFAULT now(),
	version           integer NOT NULL DEFAULT 1 CHECK (version > 0),
	PRIMARY KEY (tenant_id, proposal_id),
	FOREIGN KEY (tenant_id, branch_id) REFERENCES branch,
	FOREIGN KEY (tenant_id, contact_id) REFERENCES contact,
	FOREIGN KEY (tenant_id, person_id) REFERENCES person,
	FOREIGN KEY (tenant_id, stock_id) REFERENCES stock_vehicle,
	FOREIGN KEY (tenant_id, appraisal_id) REFERENCES appraisal,
	FOREIGN KEY (tenant_id, created_by) REFERENCES app_user,
	FOREIGN KEY (tenant_id, decided_by) REFERENCES app_user,
	CHECK (final_price = list_price - discount),
	CHECK ((payment = 'FINANCIAMENTO') = (instalments IS NOT NULL) OR payment = 'CONSORCIO'),
	CHECK ((decided_at IS NULL) = (decided_by IS NULL))
);
CREATE INDEX proposal_contact ON proposal (tenant_id, contact_id, proposal_id);
CREATE INDEX proposal_stock_open ON proposal (tenant_id, stock_id)
	WHERE status IN ('ABERTA', 'AGUARDANDO_APROVACAO', 'APROVADA');
-- An appraisal is the trade-in of at most one live proposal.
CREATE UNIQUE INDEX proposal_trade_in ON proposal (tenant_id, appraisal_id)
	WHERE appraisal_id IS NOT NULL AND status IN ('ABERTA', 'AGUARDANDO_APROVACAO', 'APROVADA', 'VENDIDA');
