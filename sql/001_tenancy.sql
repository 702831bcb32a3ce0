-- SPDX-License-Identifier: GPL-2.0-or-later
-- 001_tenancy.sql - tenants (dealer groups), their branches and integration users.
--
-- Rule to know: tenant_id leads every primary key, unique constraint and foreign key
-- of every table after this one, and every statement in service/store/ filters on it.
-- The tenant of a request always comes from the authenticated user, never the body.

CREATE EXTENSION IF NOT EXISTS unaccent;

-- unaccent() is only STABLE (its dictionary could change); we pin the dictionary so
-- an immutable wrapper can back indexes for accent-insensitive name search.
CREATE FUNCTION search_key(text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
RETURN lower(public.unaccent('public.unaccent'::regdictionary, $1));

CREATE TABLE tenant (
	tenant_id   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	code        text NOT NULL UNIQUE CHECK (code ~ '^[a-z0-9][a-z0-9_-]{1,30}$'),
	name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
	created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE branch (
	tenant_id   bigint NOT NULL REFERENCES tenant,
	branch_id   bigint GENERATED ALWAYS AS IDENTITY,
	code        text NOT NULL CHECK (code ~ '^[A-Za-z0-9_-]{1,20}$'),
	cnpj        text CHECK (cnpj ~ '^[0-9A-Z]{12}[0-9]{2}$'),
	name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
	time_zone   text NOT NULL,          -- IANA name, checked by the branch command
	PRIMARY KEY (tenant_id, branch_id),
	UNIQUE (tenant_id, code),
	UNIQUE (tenant_id, cnpj)
);

CREATE TABLE app_user (
	tenant_id     bigint NOT NULL REFERENCES tenant,
	user_id       bigint GENERATED ALWAYS AS IDENTITY,
	login         text NOT NULL CHECK (login ~ '^[a-z0-9][a-z0-9._-]{1,59}$'),
	password_hash text NOT NULL CHECK (password_hash LIKE '$%'),   -- crypt(3) format, yescrypt
	role          text NOT NULL CHECK (role IN ('atendente', 'consultor', 'supervisor', 'gerente', 'integracao')),
	all_branches  boolean NOT NULL DEFAULT false,
	active        boolean NOT NULL DEFAULT true,
	created_at    timestamptz NOT NULL DEFAULT now(),
	PRIMARY KEY (tenant_id, user_id),
	UNIQUE (tenant_id, login)
);

CREATE TABLE app_user_branch (
	tenant_id  bigint NOT NULL,
	user_id    bigint NOT NULL,
	branch_id  bigint NOT NULL,
	PRIMARY KEY (tenant_id, user_id, branch_id),
	FOREIGN KEY (tenant_id, user_id) REFERENCES app_user ON DELETE CASCADE,
	FOREIGN KEY (tenant_id, branch_id) REFERENCES branch
);

-- The first outcome of each (tenant, IdMensagem), written in the same transaction as
-- the change it describes; replays answer response_xml again.
CREATE TABLE request_key (
	tenant_id     bigint NOT NULL REFERENCES tenant,
	id_mensagem   text NOT NULL CHECK (length(id_mensagem) BETWEEN 1 AND 100),
	operation     text NOT NULL,
	request_hash  text NOT NULL CHECK (request_hash ~ '^[0-9a-f]{64}$'),
	status        text CHECK (status IN ('Sucesso', 'SucessoComAvisos', 'Parcial', 'Falha')),
	response_xml  text,
	user_id       bigint NOT NULL,
	created_at    timestamptz NOT NULL DEFAULT now(),
	PRIMARY KEY (tenant_id, id_mensagem),
	FOREIGN KEY (tenant_id, user_id) REFERENCES app_user
);
CREATE INDEX request_key_created ON request_key (created_at);

-- Who changed what, when, through which message. changes: {"Field": [old, new]}.
CREATE TABLE audit_log (
	tenant_id    bigint NOT NULL REFERENCES tenant,
	audit_id     bigint GENERATED ALWAYS AS IDENTITY,
	entity       text NOT NULL,
	entity_id    bigint NOT NULL,
	action       text NOT NULL,
	user_id      bigint NOT NULL,
	acting_for   text,                  -- Cabecalho/Usuario
	id_mensagem  text,
	at           timestamptz NOT NULL DEFAULT now(),
	changes      jsonb NOT NULL DEFAULT '{}',
	PRIMARY KEY (tenant_id, audit_id),
	FOREIGN KEY (tenant_id, user_id) REFERENCES app_user
);
CREATE INDEX audit_log_entity ON audit_log (tenant_id, entity, entity_id);
