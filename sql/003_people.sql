-- SPDX-License-Identifier: GPL-2.0-or-later
-- 003_people.sql - people (customers and prospects), phones, e-mails, consents, and
-- the outbox that consent changes purge (sending arrives with the communications area).
--
-- Documents are stored unmasked as text, never as numbers (leading zeros, and the
-- alphanumeric CNPJ). A CPF/CNPJ is unique among people that are not INATIVO.

CREATE TABLE person (
	tenant_id           bigint NOT NULL REFERENCES tenant,
	person_id           bigint GENERATED ALWAYS AS IDENTITY,
	external_id         text CHECK (length(external_id) BETWEEN 1 AND 60),
	dms_code            text CHECK (length(dms_code) BETWEEN 1 AND 20),
	kind                text NOT NULL CHECK (kind IN ('FISICA', 'JURIDICA')),
	status              text NOT NULL CHECK (status IN ('PROSPECT', 'CLIENTE', 'INATIVO')),
	document            text CHECK (document ~ '^[0-9]{11}$' OR document ~ '^[0-9A-Z]{12}[0-9]{2}$'),
	name                text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
	trade_name          text CHECK (length(trade_name) <= 100),
	title               text CHECK (length(title) <= 20),
	birth_date          date,
	cep                 text CHECK (cep ~ '^[0-9]{8}$'),
	street              text CHECK (length(street) <= 100),
	street_number       text CHECK (length(street_number) <= 20),
	complement          text CHECK (length(complement) <= 60),
	district            text CHECK (length(district) <= 60),
	city                text CHECK (length(city) <= 60),
	uf                  text CHECK (uf ~ '^[A-Z]{2}$'),
	contact_preference  text CHECK (contact_preference IN ('EMAIL', 'SMS', 'TELEFONE', 'WHATSAPP')),
	origin_code         text,
	notes               text CHECK (length(notes) <= 2000),
	version             integer NOT NULL DEFAULT 1 CHECK (version > 0),
	created_at          timestamptz NOT NULL DEFAULT now(),
	updated_at          timestamptz NOT NULL DEFAULT now(),
	PRIMARY KEY (tenant_id, person_id),
	FOREIGN KEY (tenant_id, origin_code) REFERENCES contact_origin,
	CHECK (status = 'PROSPECT' OR document IS NOT NULL),
	CHECK (kind = 'JURIDICA' OR document IS NULL OR length(document) = 11),
	CHECK (kind = 'FISICA' OR document IS NULL OR length(document) = 14)
);
CREATE UNIQUE INDEX person_document_active ON person (tenant_id, document)
	WHERE document IS NOT NULL AND status <> 'INATIVO';
CREATE UNIQUE INDEX person_external_id ON person (tenant_id, external_id) WHERE external_id IS NOT NULL;
CREATE INDEX person_dms_code ON person (tenant_id, dms_code) WHERE dms_code IS NOT NULL;
CREATE INDEX person_name_prefix ON person (tenant_id, search_key(name) text_pattern_ops);
CREATE INDEX person_updated ON person (tenant_id, updated_at);

CREATE TABLE person_phone (
	tenant_id  bigint NOT NULL,
	person_id  bigint NOT NULL,
	position   smallint NOT NULL CHECK (position BETWEEN 1 AND 10),
	number     text NOT NULL CHECK (number ~ '^\+55[1-9][1-9][0-9]{8,9}$'),
	whatsapp   boolean NOT NULL DEFAULT false,
	is_main    boolean NOT NULL DEFAULT false,
	PRIMARY KEY (tenant_id, person_id, position),
	FOREIGN KEY (tenant_id, person_id) REFERENCES person ON DELETE CASCADE
);
CREATE INDEX person_phone_number ON person_phone (tenant_id, number);

CREATE TABLE person_email (
	tenant_id  bigint NOT NULL,
	person_id  bigint NOT NULL,
	position   smallint NOT NULL CHECK (position BETWEEN 1 AND 10),
	address    text NOT NULL CHECK (length(address) BETWEEN 3 AND 254 AND address LIKE '%_@_%'),
	is_main    boolean NOT NULL DEFAULT false,
	PRIMARY KEY (tenant_id, person_id, position),
	FOREIGN KEY (tenant_id, person_id) REFERENCES person ON DELETE CASCADE
);
CREATE INDEX person_email_address ON person_email (tenant_id, lower(address));

CREATE TABLE consent (
	tenant_id    bigint NOT NULL,
	person_id    bigint NOT NULL,
	channel      text NOT NULL CHECK (channel IN ('EMAIL', 'SMS', 'TELEFONE', 'WHATSAPP')),
	purpose      text NOT NULL CHECK (purpose IN ('ATENDIMENTO', 'MARKETING', 'POS_VENDA', 'PESQUISA')),
	granted      boolean NOT NULL,
	recorded_at  timestamptz NOT NULL DEFAULT now(),
	user_id      bigint NOT NULL,
	PRIMARY KEY (tenant_id, person_id, channel, purpose),
	FOREIGN KEY (tenant_id, person_id) REFERENCES person ON DELETE CASCADE,
	FOREIGN KEY (tenant_id, user_id) REFERENCES app_user
);

-- Messages waiting for a dispatcher. An opt-out marks the person's queued messages
-- of that channel PURGED in the same transaction, so none leaves afterwards.
CREATE TABLE message_outbox (
	tenant_id    bigint NOT NULL REFERENCES tenant,
	message_id   bigint GENERATED ALWAYS AS IDENTITY,
	person_id    bigint NOT NULL,
	channel      text NOT NULL CHECK (channel IN ('EMAIL', 'SMS', 'WHATSAPP')),
	purpose      text NOT NULL CHECK (purpose IN ('ATENDIMENTO', 'MARKETING', 'POS_VENDA', 'PESQUISA')),
	status       text NOT NULL DEFAULT 'QUEUED' CHECK (status IN ('QUEUED', 'SENT', 'FAILED', 'PURGED')),
	subject      text,
	body         text NOT NULL,
	created_at   timestamptz NOT NULL DEFAULT now(),
	PRIMARY KEY (tenant_id, message_id),
	FOREIGN KEY (tenant_id, person_id) REFERENCES person
);
CREATE INDEX message_outbox_queued ON message_outbox (tenant_id, person_id, channel) WHERE status = 'QUEUED';
