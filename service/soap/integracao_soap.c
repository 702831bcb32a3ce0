/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * integracao_soap.c - Ping, ObterVersao and ConsultarSituacaoMensagem
 * (wsdl/xsd/integracao.xsd). Plumbing only: no business rules, so no domain file.
 */
#include "core/db.h"
#include "core/migrate.h"
#include "soap/op.h"
#include "soap/wire.h"
#include "store/request_key_store.h"

#include <string.h>

#define CONTRACT_NAMESPACE "http://wsatend.org/WSAtendimentoCadastroWeb/v1"
#define CONTRACT_VERSION "v1"
#ifndef WSATEND_VERSION
#define WSATEND_VERSION "dev"
#endif

static enum status ping(struct request *req, struct _ws__Ping *in, struct _ws__PingResponse *out)
{
	out->Eco = wire_new_text(req, wire_text(req, in->Texto));
	out->DataHoraServidor = wire_now(req);
	return STATUS_OK;
}
WS_OPERATION(Ping, OP_PUBLIC, ROLES_ALL, BRANCH_OPTIONAL, ping)

static enum status obter_versao(struct request *req, struct _ws__ObterVersao *in,
				struct _ws__ObterVersaoResponse *out)
{
	(void)in;
	out->VersaoContrato = CONTRACT_VERSION;
	out->Namespace = CONTRACT_NAMESPACE;
	out->VersaoServidor = WSATEND_VERSION;
	out->VersaoBanco = db_ready(req->db) ? migrate_current(req->db) : -1;
	if (out->VersaoBanco < 0)
		req_warn(req, STATUS_INDISPONIVEL, "VersaoBanco", "Banco de dados indisponível no momento.");
	return STATUS_OK;
}
WS_OPERATION(ObterVersao, OP_PUBLIC, ROLES_ALL, BRANCH_OPTIONAL, obter_versao)

/* The stored response is a whole document; inside ours it must not repeat the
 * XML declaration. */
static const char *without_declaration(const char *xml)
{
	if (xml && !strncmp(xml, "<?xml", 5)) {
		const char *end = strstr(xml, "?>");
		if (end)
			for (xml = end + 2; *xml == '\n' || *xml == '\r' || *xml == ' ';)
				xml++;
	}
	return xml;
}

static enum status consultar_situacao(struct request *req, struct _ws__ConsultarSituacaoMensagem *in,
				      struct _ws__ConsultarSituacaoMensagemResponse *out)
{
	out->Encontrada = xsd__boolean__false_;
	if (!in->IdMensagemConsultada || !*in->IdMensagemConsultada)
		return req_fail(req, STATUS_CAMPO_OBRIGATORIO, "IdMensagemConsultada",
				"Informe o IdMensagem a consultar.");
	bool found;
	struct stored_outcome o;
	enum db_status s = request_key_find(req, in->IdMensagemConsultada, &found, &o);
	if (s != DB_OK)
		return req_db_fail(req, s);
	if (!found || !o.status) {
		req_info(req, STATUS_NAO_ENCONTRADO, "IdMensagemConsultada",
			 "Nenhuma requisição com este IdMensagem foi processada.");
		return STATUS_OK;
	}
	out->Encontrada = xsd__boolean__true_;
	out->Operacao = (char *)o.operation;
	out->StatusOriginal = req_alloc(req, sizeof *out->StatusOriginal);
	soap_s2ws__StatusResultado(wire_soap(req), o.status, out->StatusOriginal);
	out->DataHoraProcessamento = (char *)o.processed_at;
	out->Resposta = req_alloc(req, sizeof *out->Resposta);
	out->Resposta->__any = (char *)without_declaration(o.response_xml);
	return STATUS_OK;
}
WS_OPERATION(ConsultarSituacaoMensagem, OP_READ, ROLES_ALL, BRANCH_OPTIONAL, consultar_situacao)
