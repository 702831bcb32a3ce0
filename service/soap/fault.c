/* SPDX-License-Identifier: GPL-2.0-or-later */
/* fault.c - SOAP faults with typed detail (fault.h). */
#include "soap/fault.h"

#include "core/config.h"
#include "core/worker.h"
#include "soapH.h"

#include <stdio.h>
#include <string.h>

static int send_fault(struct soap *soap, bool client, const char *code, bool retryable,
		      const char *field, const char *text)
{
	struct worker *w = worker_of(soap);
	/* gSOAP echoes the request's header in its answer: never a password. */
	soap->header = NULL;
	if (client)
		soap_sender_fault(soap, text, NULL);
	else
		soap_receiver_fault(soap, text, NULL);
	struct _ws__Falha *f = soap_new__ws__Falha(soap, 1);
	f->Codigo = (char *)code;
	f->Texto = soap_strdup(soap, text);
	f->Campo = soap_strdup(soap, field && *field ? field : NULL);
	f->Retentavel = retryable ? xsd__boolean__true_ : xsd__boolean__false_;
	f->IdRequisicao = w ? w->req.id : NULL;
	struct SOAP_ENV__Detail *d = soap_new_SOAP_ENV__Detail(soap, 1);
	d->ws__Falha = f;
	if (soap->version == 2)
		soap->fault->SOAP_ENV__Detail = d;
	else
		soap->fault->detail = d;
	if (w) {
		w->fault_code = code;
		/* what gSOAP sends: SOAP 1.2 Sender faults are 400, every other fault 500 */
		w->http_status = client && soap->version == 2 ? 400 : 500;
	}
	return SOAP_FAULT;
}

int fault_send(struct soap *soap, enum status s, const char *field, const char *text)
{
	const struct status_info *si = status_info(s);
	return send_fault(soap, si->kind != STATUS_KIND_SERVER_FAULT, si->code, si->retryable, field,
			  text ? text : si->text);
}

int fault_from_parse_error(struct soap *soap)
{
	struct worker *w = worker_of(soap);
	int err = soap->error;
	char field[128];
	const char *tag = strchr(soap->tag, ':') ? strchr(soap->tag, ':') + 1 : soap->tag;
	snprintf(field, sizeof field, "%.127s", tag);
	char text[600];

	if (w && w->guard.reason != GUARD_OK)
		return send_fault(soap, true, "ESTRUTURA_INVALIDA", false, NULL,
				  guard_reason_text(w->guard.reason));
	switch (err) {
	case SOAP_EOF:
		if (!w || w->received == 0)
			return err;	/* not a byte: the client went away */
		/* the body ended before the envelope did: the client may still listen */
		return send_fault(soap, true, "ESTRUTURA_INVALIDA", false, NULL,
				  "Mensagem incompleta: o corpo terminou antes do fim do envelope.");
	case SOAP_TCP_ERROR:
	case SOAP_SSL_ERROR:
		return err;
	case SOAP_NO_DATA:
		return send_fault(soap, true, "ESTRUTURA_INVALIDA", false, NULL,
				  "Mensagem vazia: envie um envelope SOAP.");
	case SOAP_LENGTH:
		snprintf(text, sizeof text, "O valor de '%s' excede o tamanho máximo definido no contrato.", field);
		return send_fault(soap, true, "TAMANHO_EXCEDIDO", false, field, text);
	case SOAP_OCCURS:
		snprintf(text, sizeof text,
			 "Elemento obrigatório ausente, ou repetido além do permitido, em '%s'.", field);
		return send_fault(soap, true, "CAMPO_OBRIGATORIO", false, field, text);
	case SOAP_TYPE:
	case SOAP_EMPTY:
		snprintf(text, sizeof text, "Valor inválido para o tipo do elemento '%s'.", field);
		return send_fault(soap, true, "VALOR_INVALIDO", false, field, text);
	case SOAP_NO_METHOD:
		snprintf(text, sizeof text, "Operação desconhecida: '%s'. Consulte o WSDL.", field);
		return send_fault(soap, true, "ESTRUTURA_INVALIDA", false, field, text);
	case SOAP_NO_TAG:
		if (!field[0])
			return send_fault(soap, true, "ESTRUTURA_INVALIDA", false, NULL,
					  "O corpo da requisição não é um envelope SOAP.");
		/* fall through */
	case SOAP_TAG_MISMATCH:
	case SOAP_NAMESPACE:
	case SOAP_DUPLICATE_ID:
	case SOAP_HREF:
	case SOAP_PROHIBITED:
	case SOAP_REQUIRED:
		snprintf(text, sizeof text,
			 "Elemento inesperado, duplicado ou fora do namespace do contrato: '%s'.", field);
		return send_fault(soap, true, "ESTRUTURA_INVALIDA", false, field, text);
	case SOAP_LEVEL:
		return send_fault(soap, true, "ESTRUTURA_INVALIDA", false, NULL,
				  "XML aninhado além do limite do serviço.");
	case SOAP_EOM:
	case SOAP_ZLIB_ERROR:
		snprintf(text, sizeof text, "Mensagem maior que o limite de %d KiB ou compactação inválida.",
			 w ? w->cfg->max_message_kb : 0);
		return send_fault(soap, true, "ESTRUTURA_INVALIDA", false, NULL, text);
	case SOAP_MUSTUNDERSTAND:
		snprintf(text, sizeof text, "Cabeçalho SOAP obrigatório não suportado: '%s'.", field);
		return send_fault(soap, true, "ESTRUTURA_INVALIDA", false, field, text);
	case SOAP_VERSIONMISMATCH:
		return send_fault(soap, true, "ESTRUTURA_INVALIDA", false, NULL,
				  "Versão do envelope SOAP não suportada (use SOAP 1.1 ou 1.2).");
	default:
		return send_fault(soap, true, "ESTRUTURA_INVALIDA", false, field[0] ? field : NULL,
				  "Mensagem malformada ou fora do contrato.");
	}
}
