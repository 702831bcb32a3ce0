-- SPDX-License-Identifier: GPL-2.0-or-later
-- 005_contacts.sql - atendimentos (customer contacts), their interactions, and the
-- next-contact agenda.
--
-- At most one open next contact per atendimento (partial unique index); closing an
-- atendimento marks it done in the same transaction.

CREATE TABLE contact (
	tenant_id          bigint NOT NULL REFERENCES tenant,
	contact_id         bigint GENERATED ALWAYS AS IDENTITY,
	external_id        text CHECK (length(external_id) BETWEEN 1 AND 60),
	branch_id          bigint NOT NULL,
	person_id          bigint NOT NULL,
	nature_code        text NOT NULL,
	area               text NOT NULL CHECK (area IN ('VENDAS_NOVOS', 'SEMINOVOS', 'OFICINA', 'PECAS', 'POS_VENDA', 'SAC')),
	origin_code        text,
	channel            text NOT NULL CHECK (channel IN ('EMAIL', 'CHATBOT', 'TELEFONE', 'WHATSAPP', 'SMS', 'PRESENCIAL', 'SITE')),
	description        text CHECK (length(description) <= 2000),
	vehicle_id         bigint,
	interest_model     text CHECK (length(interest_model) <= 60),
	interest_trim      text CHECK (length(interest_trim) <= 100),
	interest_color     text CHECK (length(interest_color) <= 60),
	interest_year      integer CHECK (interest_year BETWEEN 1900 AND 2101),
	wants_new_car      boolean NOT NULL DEFAULT false,
	responsible_code   text,
	team_code          text,
	status             text NOT NULL DEFAULT 'ABERTO' CHECK (status IN ('ABERTO', 'ENCERRADO_SUCESSO', 'ENCERRADO_PERDA')),
	loss_reason_code   text,
	linked_contact_id  bigint,
	opened_at          timestamptz NOT NULL DEFAULT now(),
	closed_at          timestamptz,
	updated_at         timestamptz NOT NULL DEFAULT now(),
	version            integer NOT NULL DEFAULT 1 CHECK (version > 0),
	PRIMARY KEY (tenant_id, contact_id),
	FOREIGN KEY (tenant_id, branch_id) REFERENCES branch,
	FOREIGN KEY (tenant_id, person_id) REFERENCES person,
	FOREIGN KEY (tenant_id, nature_code) REFERENCES nature,
	FOREIGN KEY (tenant_id, origin_code) REFERENCES contact_origin,
	FOREIGN KEY (tenant_id, vehicle_id) REFERENCES vehicle,
	FOREIGN KEY (tenant_id, responsible_code) REFERENCES consultant,
	FOREIGN KEY (tenant_id, loss_reason_code) REFERENCES loss_reason,
	FOREIGN KEY (tenant_id, linked_contact_id) REFERENCES contact,
	CHECK ((status = 'ABERTO') = (closed_at IS NULL)),
	CHECK ((status = 'ENCERRADO_PERDA') = (loss_reason_code IS NOT NULL))
);
CREATE UNIQUE INDEX contact_external_id ON contact (tenant_id, external_id) WHERE external_id IS NOT NULL;
CREATE INDEX contact_open_by_person ON contact (tenant_id, person_id, nature_code) WHERE status = 'ABERTO';
CREATE INDEX contact_person ON contact (tenant_id, person_id, contact_id);
CREATE INDEX contact_updated ON contact (tenant_id, updated_at, contact_id);
CREATE INDEX contact_responsible_open ON contact (tenant_id, responsible_code) WHERE status = 'ABERTO';

CREATE TABLE contact_interaction (
	tenant_id       bigint NOT NULL,
	interaction_id  bigint GENERATED ALWAYS AS IDENTITY,
	contact_id      bigint NOT NULL,
	channel         text NOT NULL CHECK (channel IN ('EMAIL', 'CHATBOT', 'TELEFONE', 'WHATSAPP', 'SMS', 'PRESENCIAL', 'SITE')),
	outcome         text NOT NULL CHECK (length(outcome) BETWEEN 1 AND 60),
	body            text CHECK (length(body) <= 2000),
	happened_at     timestamptz NOT NULL,
	user_id         bigint NOT NULL,
	acting_for      text,
	PRIMARY KEY (tenant_id, interaction_id),
	FOREIGN KEY (tenant_id, contact_id) REFERENCES contact,
	FOREIGN KEY (tenant_id, user_id) REFERENCES app_user
);
CREATE INDEX contact_interaction_contact ON contact_interaction (tenant_id, contact_id, happened_at);

CREATE TABLE next_contact (
	tenant_id         bigint NOT NULL,
	next_contact_id   bigint GENERATED ALWAYS AS IDENTITY,
	contact_id        bigint NOT NULL,
	due_at            timestamptz NOT NULL,
	responsible_code  text NOT NULL,
	kind              text CHECK (kind IN ('LIGACAO', 'EMAIL', 'WHATSAPP', 'SMS', 'VISITA')),
	notes             text CHECK (length(notes) <= 2000),
	created_at        timestamptz NOT NULL DEFAULT now(),
	done_at           timestamptz,
	PRIMARY KEY (tenant_id, next_contact_id),
	FOREIGN KEY (tenant_id, contact_id) REFERENCES contact,
	FOREIGN KEY (tenant_id, responsible_code) REFERENCES consultant
);
CREATE UNIQUE INDEX next_contact_one_open ON next_contact (tenant_id, contact_id) WHERE done_at IS NULL;
CREATE INDEX next_contact_agenda ON next_contact (tenant_id, responsible_code, due_at) WHERE done_at IS NULL;
