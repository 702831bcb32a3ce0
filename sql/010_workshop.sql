-- SPDX-License-Identifier: GPL-2.0-or-later
-- 010_workshop.sql - the after-sales workshop: opening hours and productive staff,
-- the service catalogue (standard times), bookings, quotes, work orders, campaigns.
--
-- Rules the database itself enforces, so they hold under concurrency:
--   * capacity: a booking occupies one productive for each slot of its duration, one
--     booking_slot row per (branch, productive, slot start). The primary key is the
--     capacity: two bookings racing for the last free productive insert the same row,
--     one waits for the other and then gets nothing (INSERT ... ON CONFLICT DO NOTHING)
--     and answers HORARIO_INDISPONIVEL. Cancelling deletes the rows in the same
--     transaction, so the slot is free again on commit.
--   * at most one open work order per vehicle in the tenant, across branches: a partial
--     unique index on (tenant_id, vehicle_id) WHERE status = 'ABERTA'.
--   * gap-free numbers per branch and kind (booking, quote, work order): doc_counter,
--     a row per (tenant, branch, kind) incremented in the same transaction as the
--     document (a rollback gives the number back), never a sequence.
--   * money is numeric; item totals and document totals are computed by the server.

-- A timestamptz as xsd:dateTime in a branch's local time with its offset
-- ("2026-11-23T08:00:00-03:00"): slots and bookings read as the dealer sees them.
CREATE FUNCTION local_datetime(p_at timestamptz, p_zone text) RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE STRICT AS $$
	SELECT to_char(p_at AT TIME ZONE p_zone, 'YYYY-MM-DD"T"HH24:MI:SS')
	       || CASE WHEN o < interval '0' THEN '-' ELSE '+' END
	       || to_char(abs(extract(epoch FROM o))::int / 3600, 'FM00') || ':'
	       || to_char(abs(extract(epoch FROM o))::int % 3600 / 60, 'FM00')
	FROM (SELECT (p_at AT TIME ZONE p_zone) - (p_at AT TIME ZONE 'UTC') AS o) x;
$$;

-- ---- configuration per branch -------------------------------------------------------

CREATE TABLE workshop_branch (
	tenant_id           bigint NOT NULL,
	branch_id           bigint NOT NULL,
	slot_minutes        integer NOT NULL DEFAULT 30 CHECK (slot_minutes BETWEEN 5 AND 240),
	afternoon_from      time NOT NULL DEFAULT '12:00',      -- shift 1 before, shift 2 from here
	discount_limit_pct  numeric(5,2) NOT NULL DEFAULT 10 CHECK (discount_limit_pct BETWEEN 0 AND 100),
	quote_validity_days integer NOT NULL DEFAULT 15 CHECK (quote_validity_days BETWEEN 1 AND 365),
	PRIMARY KEY (tenant_id, branch_id),
	FOREIGN KEY (tenant_id, branch_id) REFERENCES branch
);

-- Opening hours per weekday (0 = Sunday), in the branch's local time (branch.time_zone).
CREATE TABLE workshop_hours (
	tenant_id  bigint NOT NULL,
	branch_id  bigint NOT NULL,
	weekday    smallint NOT NULL CHECK (weekday BETWEEN 0 AND 6),
	opens      time NOT NULL,
	closes     time NOT NULL,
	PRIMARY KEY (tenant_id, branch_id, weekday),
	FOREIGN KEY (tenant_id, branch_id) REFERENCES workshop_branch,
	CHECK (opens < closes)
);

-- Productive staff: service consultants and technicians, each of one branch.
CREATE TABLE productive (
	tenant_id  bigint NOT NULL,
	code       text NOT NULL CHECK (code ~ '^[A-Za-z0-9_.-]{1,20}$'),
	name       text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
	kind       text NOT NULL CHECK (kind IN ('CONSULTOR', 'TECNICO')),
	branch_id  bigint NOT NULL,
	active     boolean NOT NULL DEFAULT true,
	PRIMARY KEY (tenant_id, code),
	FOREIGN KEY (tenant_id, branch_id) REFERENCES branch
);
CREATE INDEX productive_branch ON productive (tenant_id, branch_id, kind) WHERE active;

-- Working shifts of a productive (optional): without a row the productive works the
-- branch's opening hours.
CREATE TABLE productive_shift (
	tenant_id  bigint NOT NULL,
	code       text NOT NULL,
	weekday    smallint NOT NULL CHECK (weekday BETWEEN 0 AND 6),
	starts     time NOT NULL,
	ends       time NOT NULL,
	PRIMARY KEY (tenant_id, code, weekday, starts),
	FOREIGN KEY (tenant_id, code) REFERENCES productive,
	CHECK (starts < ends)
);

-- ---- catalogues ---------------------------------------------------------------------

-- Labour operations with their standard time (TMO, tempo médio de operação).
CREATE TABLE workshop_service (
	tenant_id         bigint NOT NULL REFERENCES tenant,
	code              text NOT NULL CHECK (code ~ '^[A-Za-z0-9_.-]{1,20}$'),
	description       text NOT NULL CHECK (length(description) BETWEEN 1 AND 100),
	standard_minutes  integer NOT NULL CHECK (standard_minutes BETWEEN 1 AND 1440),
	price             numeric(12,2) NOT NULL DEFAULT 0 CHECK (price >= 0),
	active            boolean NOT NULL DEFAULT true,
	PRIMARY KEY (tenant_id, code)
);

CREATE TABLE work_order_type (
	tenant_id    bigint NOT NULL REFERENCES tenant,
	code         text NOT NULL CHECK (code ~ '^[A-Za-z0-9_.-]{1,20}$'),
	description  text NOT NULL,
	active       boolean NOT NULL DEFAULT true,
	PRIMARY KEY (tenant_id, code)
);

CREATE TABLE booking_type (
	tenant_id    bigint NOT NULL REFERENCES tenant,
	code         text NOT NULL CHECK (code ~ '^[A-Za-z0-9_.-]{1,20}$'),
	description  text NOT NULL,
	active       boolean NOT NULL DEFAULT true,
	PRIMARY KEY (tenant_id, code)
);

-- ---- numbering -------------------------------------------------------------------------

CREATE TABLE doc_counter (
	tenant_id    bigint NOT NULL,
	branch_id    bigint NOT NULL,
	kind         text NOT NULL CHECK (kind IN ('AGENDAMENTO', 'ORCAMENTO', 'OS')),
	last_number  bigint NOT NULL CHECK (last_number >= 0),
	PRIMARY KEY (tenant_id, branch_id, kind),
	FOREIGN KEY (tenant_id, branch_id) REFERENCES branch
);

-- The next number of a kind in a branch; call it inside the document's transaction.
CREATE FUNCTION doc_next_number(p_tenant bigint, p_branch bigint, p_kind text) RETURNS bigint
LANGUAGE sql AS $$
	INSERT INTO doc_counter AS c (tenant_id, branch_id, kind, last_number)
	VALUES (p_tenant, p_branch, p_kind, 1)
	ON CONFLICT (tenant_id, branch_id, kind) DO UPDATE SET last_number = c.last_number + 1
	RETURNING last_number;
$$;

-- ---- bookings --------------------------------------------------------------------------

CREATE TABLE booking (
	tenant_id        bigint NOT NULL REFERENCES tenant,
	booking_id       bigint GENERATED ALWAYS AS IDENTITY,
	branch_id        bigint NOT NULL,
	-- Set by the last statement of the booking's transaction: the branch's counter row
	-- stays locked from then until commit, so taking it last keeps that window short.
	number           bigint CHECK (number > 0),
	external_id      text CHECK (length(external_id) BETWEEN 1 AND 60),
	vehicle_id       bigint NOT NULL,
	person_id        bigint NOT NULL,
	contact_id       bigint,                     -- the atendimento it came from
	productive_code  text NOT NULL,
	type_code        text NOT NULL,
	starts_at        timestamptz NOT NULL,
	ends_at          timestamptz NOT NULL,
	odometer         integer CHECK (odometer >= 0),
	notes            text CHECK (length(notes) <= 2000),
	status           text NOT NULL DEFAULT 'AGENDADO'
	                 CHECK (status IN ('AGENDADO', 'CONFIRMADO', 'CONVERTIDO_OS', 'CANCELADO', 'NAO_COMPARECEU')),
	version          integer NOT NULL DEFAULT 1 CHECK (version > 0),
	created_at       timestamptz NOT NULL DEFAULT now(),
	updated_at       timestamptz NOT NULL DEFAULT now(),
	PRIMARY KEY (tenant_id, booking_id),
	UNIQUE (tenant_id, branch_id, number),
	FOREIGN KEY (tenant_id, branch_id) REFERENCES branch,
	FOREIGN KEY (tenant_id, vehicle_id) REFERENCES vehicle,
	FOREIGN KEY (tenant_id, person_id) REFERENCES person,
	FOREIGN KEY (tenant_id, contact_id) REFERENCES contact,
	FOREIGN KEY (tenant_id, productive_code) REFERENCES productive,
	FOREIGN KEY (tenant_id, type_code) REFERENCES booking_type,
	CHECK (starts_at < ends_at)
);
CREATE UNIQUE INDEX booking_external_id ON booking (tenant_id, external_id) WHERE external_id IS NOT NULL;
CREATE INDEX booking_branch_start ON booking (tenant_id, branch_id, starts_at);
CREATE INDEX booking_vehicle ON booking (tenant_id, vehicle_id);
CREATE INDEX booking_contact ON booking (tenant_id, contact_id) WHERE contact_id IS NOT NULL;

CREATE TABLE booking_service (
	tenant_id     bigint NOT NULL,
	booking_id    bigint NOT NULL,
	service_code  text NOT NULL,
	minutes       integer NOT NULL CHECK (minutes > 0),
	PRIMARY KEY (tenant_id, booking_id, service_code),
	FOREIGN KEY (tenant_id, booking_id) REFERENCES booking ON DELETE CASCADE,
	FOREIGN KEY (tenant_id, service_code) REFERENCES workshop_service
);

-- Parts reserved for a booking; cancelling releases them (status LIBERADA).
CREATE TABLE booking_part (
	tenant_id    bigint NOT NULL,
	booking_id   bigint NOT NULL,
	part_code    text NOT NULL CHECK (length(part_code) BETWEEN 1 AND 30),
	description  text CHECK (length(description) <= 100),
	quantity     numeric(12,3) NOT NULL CHECK (quantity > 0),
	status       text NOT NULL DEFAULT 'RESERVADA' CHECK (status IN ('RESERVADA', 'LIBERADA', 'UTILIZADA')),
	PRIMARY KEY (tenant_id, booking_id, part_code),
	FOREIGN KEY (tenant_id, booking_id) REFERENCES booking ON DELETE CASCADE
);

-- The capacity (see the banner): one row per productive and occupied slot.
CREATE TABLE booking_slot (
	tenant_id        bigint NOT NULL,
	branch_id        bigint NOT NULL,
	productive_code  text NOT NULL,
	slot_start       timestamptz NOT NULL,
	booking_id       bigint NOT NULL,
	PRIMARY KEY (tenant_id, branch_id, productive_code, slot_start),
	FOREIGN KEY (tenant_id, booking_id) REFERENCES booking ON DELETE CASCADE,
	FOREIGN KEY (tenant_id, productive_code) REFERENCES productive
);
CREATE INDEX booking_slot_booking ON booking_slot (tenant_id, booking_id);

-- The lifecycle as it happened: every status change and every reschedule.
CREATE TABLE booking_event (
	tenant_id    bigint NOT NULL,
	event_id     bigint GENERATED ALWAYS AS IDENTITY,
	booking_id   bigint NOT NULL,
	kind         text NOT NULL CHECK (kind IN ('AGENDADO', 'REAGENDADO', 'CONFIRMADO', 'CANCELADO',
	                                            'NAO_COMPARECEU', 'CONVERTIDO_OS')),
	from_status  text,
	to_status    text NOT NULL,
	reason       text CHECK (length(reason) <= 200),
	channel      text CHECK (length(channel) <= 20),
	old_start    timestamptz,
	new_start    timestamptz,
	user_id      bigint NOT NULL,
	acting_for   text,
	at           timestamptz NOT NULL DEFAULT now(),
	PRIMARY KEY (tenant_id, event_id),
	FOREIGN KEY (tenant_id, booking_id) REFERENCES booking ON DELETE CASCADE,
	FOREIGN KEY (tenant_id, user_id) REFERENCES app_user
);
CREATE INDEX booking_event_booking ON booking_event (tenant_id, booking_id, event_id);

-- ---- quotes ------------------------------------------------------------------------------

CREATE TABLE quote (
	tenant_id            bigint NOT NULL REFERENCES tenant,
	quote_id             bigint GENERATED ALWAYS AS IDENTITY,
	branch_id            bigint NOT NULL,
	number               bigint NOT NULL CHECK (number > 0),
	external_id          text CHECK (length(external_id) BETWEEN 1 AND 60),
	vehicle_id           bigint NOT NULL,
	person_id            bigint NOT NULL,
	contact_id           bigint,
	type_code            text NOT NULL,
	odometer             integer CHECK (odometer >= 0),
	delivery_days        integer CHECK (delivery_days BETWEEN 0 AND 365),
	valid_until          date NOT NULL,
	next_contact_id      bigint,
	status               text NOT NULL CHECK (status IN ('ABERTO', 'AGUARDANDO_APROVACAO', 'APROVADO',
	                                                     'APROVADO_PARCIAL', 'RECUSADO', 'CONVERTIDO_OS')),
	discount_approved_by bigint,
	total                numeric(14,2) NOT NULL CHECK (total >= 0),
	notes                text CHECK (length(notes) <= 2000),
	version              integer NOT NULL DEFAULT 1 CHECK (version > 0),
	created_at           timestamptz NOT NULL DEFAULT now(),
	updated_at           timestamptz NOT NULL DEFAULT now(),
	PRIMARY KEY (tenant_id, quote_id),
	UNIQUE (tenant_id, branch_id, number),
	FOREIGN KEY (tenant_id, branch_id) REFERENCES branch,
	FOREIGN KEY (tenant_id, vehicle_id) REFERENCES vehicle,
	FOREIGN KEY (tenant_id, person_id) REFERENCES person,
	FOREIGN KEY (tenant_id, contact_id) REFERENCES contact,
	FOREIGN KEY (tenant_id, type_code) REFERENCES work_order_type,
	FOREIGN KEY (tenant_id, next_contact_id) REFERENCES next_contact,
	FOREIGN KEY (tenant_id, discount_approved_by) REFERENCES app_user (tenant_id, user_id)
);
CREATE UNIQUE INDEX quote_external_id ON quote (tenant_id, external_id) WHERE external_id IS NOT NULL;
CREATE INDEX quote_contact ON quote (tenant_id, contact_id) WHERE contact_id IS NOT NULL;

CREATE TABLE quote_item (
	tenant_id     bigint NOT NULL,
	quote_id      bigint NOT NULL,
	item_no       integer NOT NULL CHECK (item_no > 0),
	kind          text NOT NULL CHECK (kind IN ('MAO_DE_OBRA', 'PECA')),
	code          text NOT NULL CHECK (length(code) BETWEEN 1 AND 30),
	description   text CHECK (length(description) <= 100),
	quantity      numeric(12,3) NOT NULL CHECK (quantity > 0),
	unit_price    numeric(12,2) NOT NULL CHECK (unit_price >= 0),
	discount_pct  numeric(5,2) NOT NULL DEFAULT 0 CHECK (discount_pct BETWEEN 0 AND 100),
	total         numeric(14,2) NOT NULL CHECK (total >= 0),
	approved      boolean,                    -- the customer's answer; NULL: not yet
	PRIMARY KEY (tenant_id, quote_id, item_no),
	FOREIGN KEY (tenant_id, quote_id) REFERENCES quote ON DELETE CASCADE
);

-- ---- work orders ---------------------------------------------------------------------------

CREATE TABLE work_order (
	tenant_id        bigint NOT NULL REFERENCES tenant,
	work_order_id    bigint GENERATED ALWAYS AS IDENTITY,
	branch_id        bigint NOT NULL,
	number           bigint NOT NULL CHECK (number > 0),
	external_id      text CHECK (length(external_id) BETWEEN 1 AND 60),
	vehicle_id       bigint NOT NULL,
	person_id        bigint NOT NULL,
	contact_id       bigint,
	booking_id       bigint,
	quote_id         bigint,
	type_code        text NOT NULL,
	consultant_code  text,
	odometer         integer CHECK (odometer >= 0),
	wants_new_car    boolean NOT NULL DEFAULT false,   -- from the atendimento, a sales lead
	promised_at      timestamptz,
	status           text NOT NULL DEFAULT 'ABERTA' CHECK (status IN ('ABERTA', 'ENCERRADA', 'CANCELADA')),
	total            numeric(14,2) NOT NULL DEFAULT 0 CHECK (total >= 0),
	notes            text CHECK (length(notes) <= 2000),
	opened_at        timestamptz NOT NULL DEFAULT now(),
	closed_at        timestamptz,
	version          integer NOT NULL DEFAULT 1 CHECK (version > 0),
	updated_at       timestamptz NOT NULL DEFAULT now(),
	PRIMARY KEY (tenant_id, work_order_id),
	UNIQUE (tenant_id, branch_id, number),
	FOREIGN KEY (tenant_id, branch_id) REFERENCES branch,
	FOREIGN KEY (tenant_id, vehicle_id) REFERENCES vehicle,
	FOREIGN KEY (tenant_id, person_id) REFERENCES person,
	FOREIGN KEY (tenant_id, contact_id) REFERENCES contact,
	FOREIGN KEY (tenant_id, booking_id) REFERENCES booking,
	FOREIGN KEY (tenant_id, quote_id) REFERENCES quote,
	FOREIGN KEY (tenant_id, type_code) REFERENCES work_order_type,
	FOREIGN KEY (tenant_id, consultant_code) REFERENCES productive,
	CHECK ((status = 'ABERTA') = (closed_at IS NULL))
);
-- One open work order per vehicle across every branch of the tenant.
CREATE UNIQUE INDEX work_order_one_open ON work_order (tenant_id, vehicle_id) WHERE status = 'ABERTA';
CREATE UNIQUE INDEX work_order_external_id ON work_order (tenant_id, external_id) WHERE external_id IS NOT NULL;
CREATE UNIQUE INDEX work_order_booking ON work_order (tenant_id, booking_id) WHERE booking_id IS NOT NULL;
CREATE INDEX work_order_vehicle ON work_order (tenant_id, vehicle_id, work_order_id);
CREATE INDEX work_order_person ON work_order (tenant_id, person_id, work_order_id);
CREATE INDEX work_order_updated ON work_order (tenant_id, updated_at, work_order_id);
CREATE INDEX work_order_contact ON work_order (tenant_id, contact_id) WHERE contact_id IS NOT NULL;

CREATE TABLE work_order_item (
	tenant_id        bigint NOT NULL,
	work_order_id    bigint NOT NULL,
	item_no          integer NOT NULL CHECK (item_no > 0),
	kind             text NOT NULL CHECK (kind IN ('MAO_DE_OBRA', 'PECA')),
	code             text NOT NULL CHECK (length(code) BETWEEN 1 AND 30),
	description      text CHECK (length(description) <= 100),
	quantity         numeric(12,3) NOT NULL CHECK (quantity > 0),
	unit_price       numeric(12,2) NOT NULL CHECK (unit_price >= 0),
	discount_pct     numeric(5,2) NOT NULL DEFAULT 0 CHECK (discount_pct BETWEEN 0 AND 100),
	total            numeric(14,2) NOT NULL CHECK (total >= 0),
	customer_answer  text CHECK (customer_answer IN ('APROVADO', 'RECUSADO')),
	answered_at      timestamptz,
	PRIMARY KEY (tenant_id, work_order_id, item_no),
	FOREIGN KEY (tenant_id, work_order_id) REFERENCES work_order ON DELETE CASCADE
);

-- ---- campaigns / recalls ---------------------------------------------------------------------

CREATE TABLE campaign (
	tenant_id    bigint NOT NULL REFERENCES tenant,
	code         text NOT NULL CHECK (code ~ '^[A-Za-z0-9_.-]{1,60}$'),
	description  text NOT NULL CHECK (length(description) BETWEEN 1 AND 200),
	kind         text NOT NULL CHECK (kind IN ('RECALL', 'SERVICO')),
	starts_on    date NOT NULL,
	ends_on      date,
	PRIMARY KEY (tenant_id, code),
	CHECK (ends_on IS NULL OR ends_on >= starts_on)
);

-- The VINs a campaign covers; done_at set when the work was done (closes it for the VIN).
CREATE TABLE campaign_vehicle (
	tenant_id      bigint NOT NULL,
	campaign_code  text NOT NULL,
	vin            text NOT NULL CHECK (vin ~ '^[A-HJ-NPR-Z0-9]{17}$'),
	done_at        timestamptz,
	PRIMARY KEY (tenant_id, campaign_code, vin),
	FOREIGN KEY (tenant_id, campaign_code) REFERENCES campaign ON DELETE CASCADE
);
CREATE INDEX campaign_vehicle_vin ON campaign_vehicle (tenant_id, vin) WHERE done_at IS NULL;

-- Default catalogues for a tenant (services, OS and booking types); hours and staff
-- are the branch's own and come from the dealer (sql/demo/10_workshop.sql for the demo).
CREATE FUNCTION seed_workshop(p_tenant bigint) RETURNS void LANGUAGE sql AS $$
	INSERT INTO workshop_service (tenant_id, code, description, standard_minutes, price) VALUES
		(p_tenant, 'REV10', 'Revisão 10.000 km', 60, 390.00),
		(p_tenant, 'REV20', 'Revisão 20.000 km', 90, 590.00),
		(p_tenant, 'OLEO', 'Troca de óleo e filtro', 30, 180.00),
		(p_tenant, 'ALIN', 'Alinhamento e balanceamento', 60, 150.00),
		(p_tenant, 'FREIO', 'Pastilhas de freio dianteiras', 90, 320.00),
		(p_tenant, 'DIAG', 'Diagnóstico eletrônico', 30, 120.00),
		(p_tenant, 'AR', 'Higienização do ar-condicionado', 45, 160.00)
	ON CONFLICT DO NOTHING;
	INSERT INTO work_order_type (tenant_id, code, description) VALUES
		(p_tenant, 'CLIENTE', 'Serviço pago pelo cliente'),
		(p_tenant, 'REVISAO', 'Revisão programada'),
		(p_tenant, 'GARANTIA', 'Garantia da montadora'),
		(p_tenant, 'RECALL', 'Campanha / recall'),
		(p_tenant, 'INTERNA', 'Serviço interno (veículos da loja)')
	ON CONFLICT DO NOTHING;
	INSERT INTO booking_type (tenant_id, code, description) VALUES
		(p_tenant, 'ATIVO', 'Ativo: a concessionária contatou o cliente'),
		(p_tenant, 'RECEPTIVO', 'Receptivo: o cliente contatou a concessionária'),
		(p_tenant, 'PRESENCIAL', 'Presencial: agendado no balcão')
	ON CONFLICT DO NOTHING;
$$;
