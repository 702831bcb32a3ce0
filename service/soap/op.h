/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * op.h - how an operation of the contract is wired: one WS_OPERATION line per
 * operation, next to its handler in service/soap/<area>_soap.c.
 *
 *   static enum status incluir_pessoa(struct request *req,
 *       struct _ws__IncluirPessoa *in, struct _ws__IncluirPessoaResponse *out);
 *   WS_OPERATION(IncluirPessoa, OP_WRITE, ROLES_ALL, BRANCH_OPTIONAL, incluir_pessoa)
 *
 * op_run (op.c) does what every operation shares, in this order: authentication
 * (UsernameToken or HTTP Basic), role, branch (Cabecalho/Empresa), header checks,
 * then for OP_WRITE the transaction and idempotency key (replay, conflict), the
 * handler, the Resultado block, SomenteValidar (roll back), storing the response
 * with the key, commit; retries on a lost connection where that is safe; and the
 * one mapping of statuses to SOAP faults.
 *
 * Handler contract: return STATUS_OK when done (warnings allowed), or the status of
 * the first error after req_fail() (the transaction is rolled back), or what
 * req_db_fail() returned. Fill `out` from the request arena; leave out->Resultado
 * alone (op_run owns it).
 */
#ifndef WSATEND_OP_H
#define WSATEND_OP_H

#include "core/request.h"
#include "soapH.h"

enum op_access {
	OP_PUBLIC,   /* no credentials (Ping, ObterVersao) */
	OP_READ,     /* credentials; no IdMensagem needed; no transaction */
	OP_WRITE,    /* credentials, IdMensagem, one transaction with the idempotency key */
};

enum op_branch {
	BRANCH_OPTIONAL,   /* checked when given */
	BRANCH_REQUIRED,   /* Cabecalho/Empresa, or the user's only branch */
};

typedef enum status (*op_handler)(struct request *req, void *in, void *out);

struct operation {
	const char *name;
	enum op_access access;
	unsigned roles;           /* enum role bits allowed to call */
	enum op_branch branch;
	int in_type, out_type;    /* SOAP_TYPE_ ids, for hashing and replay */
	const char *out_tag;      /* "ws:IncluirPessoaResponse" */
	size_t out_size;
	op_handler handler;
};

/* The shared part of every operation (see the banner). Returns a gSOAP error code. */
int op_run(struct soap *soap, const struct operation *op, void *in, void *out);

/* Both bindings (SOAP 1.1 and 1.2) dispatch to the same handler. */
#define WS_OPERATION(NAME, ACCESS, ROLES, BRANCH, HANDLER)                                   \
	static enum status HANDLER##_thunk(struct request *req, void *in, void *out)          \
	{                                                                                     \
		return HANDLER(req, in, out);                                                 \
	}                                                                                     \
	static const struct operation op_##NAME = {                                           \
		#NAME, ACCESS, ROLES, BRANCH, SOAP_TYPE__ws__##NAME,                          \
		SOAP_TYPE__ws__##NAME##Response, "ws:" #NAME "Response",                      \
		sizeof(struct _ws__##NAME##Response), HANDLER##_thunk};                        \
	int __ws__##NAME(struct soap *soap, struct _ws__##NAME *in,                           \
			 struct _ws__##NAME##Response *out)                                   \
	{                                                                                     \
		return op_run(soap, &op_##NAME, in, out);                                     \
	}                                                                                     \
	int __ws__##NAME##_(struct soap *soap, struct _ws__##NAME *in,                        \
			   struct _ws__##NAME##Response *out)                                 \
	{                                                                                     \
		return op_run(soap, &op_##NAME, in, out);                                     \
	}

#endif
