-- SPDX-License-Identifier: GPL-2.0-or-later
-- 002_reference.sql - per-tenant reference data: consultants, contact origins,
-- naturezas (with routing and the second-open policy) and loss reasons; plus
-- seed_reference(tenant) that gives a new tenant a realistic default set.

CREATE TABLE consultant (
	tenant_id  bigint NOT NULL REFERENCES tenant,
	code       text NOT NULL CHECK (code ~ '^[A-Za-z0-9_.-]{1,20}$'),
	name       text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
	area       text NOT NULL CHECK (area IN ('VENDAS_NOVOS', 'SEMINOVOS', 'OFICINA', 'PECAS', 'POS_VENDA', 'SAC')),
	team_code  text CHECK (team_code ~ '^[A-Za-z0-9_.-]{1,20}$'),
	email      text,
	active     boolean NOT NULL DEFAULT true,
	PRIMARY KEY (tenant_id, code)
);
CREATE INDEX consultant_team ON consultant (tenant_id, team_code) WHERE active;

CREATE TABLE contact_origin (
	tenant_id    bigint NOT NULL REFERENCES tenant,
	code         text NOT NULL CHECK (code ~ '^[A-Za-z0-9_.-]{1,20}$'),
	description  text NOT NULL,
	active       boolean NOT NULL DEFAULT true,
	PRIMARY KEY (tenant_id, code)
);

CREATE TABLE nature (
	tenant_id           bigint NOT NULL REFERENCES tenant,
	code                text NOT NULL CHECK (code ~ '^[A-Za-z0-9_.-]{1,20}$'),
	description         text NOT NULL,
	area                text NOT NULL CHECK (area IN ('VENDAS_NOVOS', 'SEMINOVOS', 'OFICINA', 'PECAS', 'POS_VENDA', 'SAC')),
	department          text NOT NULL CHECK (department IN ('VENDAS', 'SERVICOS', 'PECAS', 'SAC')),
	team_code           text,
	default_consultant  text,
	second_open_policy  text NOT NULL DEFAULT 'VINCULAR' CHECK (second_open_policy IN ('RECUSAR', 'VINCULAR', 'PERMITIR')),
	required_fields     text[] NOT NULL DEFAULT '{}',
	active              boolean NOT NULL DEFAULT true,
	PRIMARY KEY (tenant_id, code),
	FOREIGN KEY (tenant_id, default_consultant) REFERENCES consultant
);

CREATE TABLE loss_reason (
	tenant_id    bigint NOT NULL REFERENCES tenant,
	code         text NOT NULL CHECK (code ~ '^[A-Za-z0-9_.-]{1,20}$'),
	description  text NOT NULL,
	department   text NOT NULL CHECK (department IN ('TODOS', 'VENDAS', 'SERVICOS', 'PECAS', 'SAC')),
	event_types  text[] NOT NULL DEFAULT '{}',
	active       boolean NOT NULL DEFAULT true,
	PRIMARY KEY (tenant_id, code)
);

-- A realistic default set for a new tenant; consultants are the tenant's own.
CREATE FUNCTION seed_reference(p_tenant bigint) RETURNS void LANGUAGE sql AS $$
	INSERT INTO contact_origin (tenant_id, code, description) VALUES
		(p_tenant, 'SITE', 'Site da concessionária'),
		(p_tenant, 'PORTAL_OEM', 'Portal da montadora'),
		(p_tenant, 'TELEFONE', 'Ligação recebida'),
		(p_tenant, 'SHOWROOM', 'Visita ao showroom'),
		(p_tenant, 'WHATSAPP', 'WhatsApp'),
		(p_tenant, 'CHATBOT', 'Chatbot'),
		(p_tenant, 'INDICACAO', 'Indicação de cliente'),
		(p_tenant, 'CLASSIFICADOS', 'Portal de classificados'),
		(p_tenant, 'POS_VENDA', 'Contato de pós-venda');
	INSERT INTO nature (tenant_id, code, description, area, department, second_open_policy, required_fields) VALUES
		(p_tenant, 'VENDA_NOVO', 'Interesse em veículo novo', 'VENDAS_NOVOS', 'VENDAS', 'VINCULAR', '{}'),
		(p_tenant, 'VENDA_SEMINOVO', 'Interesse em seminovo', 'SEMINOVOS', 'VENDAS', 'VINCULAR', '{}'),
		(p_tenant, 'AGENDA_OFICINA', 'Agendamento de oficina', 'OFICINA', 'SERVICOS', 'PERMITIR', '{IdVeiculo}'),
		(p_tenant, 'ORCAMENTO_PECAS', 'Orçamento de peças', 'PECAS', 'PECAS', 'PERMITIR', '{}'),
		(p_tenant, 'POS_VENDA', 'Contato de pós-venda', 'POS_VENDA', 'SERVICOS', 'VINCULAR', '{}'),
		(p_tenant, 'RECLAMACAO', 'Reclamação', 'SAC', 'SAC', 'RECUSAR', '{Descricao}'),
		(p_tenant, 'INFORMACAO', 'Pedido de informação', 'SAC', 'SAC', 'PERMITIR', '{}');
	INSERT INTO loss_reason (tenant_id, code, description, department, event_types) VALUES
		(p_tenant, 'PRECO', 'Preço acima do esperado', 'TODOS', '{}'),
		(p_tenant, 'CONCORRENCIA', 'Fechou com a concorrência', 'TODOS', '{}'),
		(p_tenant, 'SEM_CONTATO', 'Não foi possível contatar', 'TODOS', '{}'),
		(p_tenant, 'DESISTIU', 'Desistiu da compra', 'VENDAS', '{}'),
		(p_tenant, 'CREDITO', 'Crédito não aprovado', 'VENDAS', '{}'),
		(p_tenant, 'PRAZO', 'Prazo de entrega', 'VENDAS', '{}'),
		(p_tenant, 'VENDEU_VEICULO', 'Vendeu o veículo', 'SERVICOS', '{REVISAO}'),
		(p_tenant, 'OFICINA_TERCEIRA', 'Fez o serviço em outra oficina', 'SERVICOS', '{REVISAO}'),
		(p_tenant, 'SEM_ESTOQUE_PECA', 'Peça sem estoque', 'PECAS', '{}'),
		(p_tenant, 'RESOLVIDO_SEM_ACAO', 'Resolvido sem ação', 'SAC', '{}');
$$;
