/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * status.h - the one error catalog of wsatend.
 *
 * Every outcome a layer can report is an enum status. The catalog says, for each,
 * its stable wire code (documented in wsdl/README.md), whether it travels as a SOAP
 * fault or as a message in Resultado, who is at fault, and whether a retry can help.
 * service/soap/op.c is the one place that maps a status to the wire.
 */
#ifndef WSATEND_STATUS_H
#define WSATEND_STATUS_H

#include <stdbool.h>

enum status {
	STATUS_OK = 0,
	/* business outcomes: a message in Resultado */
	STATUS_CAMPO_OBRIGATORIO,
	STATUS_VALOR_INVALIDO,
	STATUS_TAMANHO_EXCEDIDO,
	STATUS_NAO_ENCONTRADO,
	STATUS_JA_EXISTENTE,
	STATUS_IDEMPOTENCIA_CONFLITO,
	STATUS_OPERACAO_NAO_PERMITIDA,
	STATUS_HORARIO_INDISPONIVEL,
	STATUS_AGUARDANDO_APROVACAO,
	STATUS_CONFLITO_VERSAO,
	/* issue 4: vehicle sales */
	STATUS_PESQUISA_SEM_PREFIXO,
	STATUS_VEICULO_RESERVADO,
	STATUS_VEICULO_VENDIDO,
	STATUS_PROPOSTA_EXPIRADA,
	STATUS_AVALIACAO_NAO_APROVADA,
	/* faults */
	STATUS_ESTRUTURA_INVALIDA,
	STATUS_NAO_AUTENTICADO,
	STATUS_NAO_AUTORIZADO,
	STATUS_ERRO_SERVIDOR,
	STATUS_INDISPONIVEL,
	STATUS_COUNT
};

enum status_kind {
	STATUS_KIND_OK,
	STATUS_KIND_BUSINESS,     /* Resultado message, Status=Falha (or a warning) */
	STATUS_KIND_CLIENT_FAULT, /* SOAP Client/Sender fault */
	STATUS_KIND_SERVER_FAULT, /* SOAP Server/Receiver fault */
};

struct status_info {
	const char *code;         /* stable wire code */
	enum status_kind kind;
	bool retryable;           /* can the same request succeed later? */
	int http_status;          /* for faults */
	const char *text;         /* default pt-BR text */
};

/* The catalog row of a status; never NULL. */
const struct status_info *status_info(enum status s);

/* A SOAP fault (database down, bad request...): the whole request ends there; a
 * business error only fails the record or field it is about. */
bool status_is_fault(enum status s);

/* The wire code of a status ("CAMPO_OBRIGATORIO"). */
const char *status_code(enum status s);

#endif
