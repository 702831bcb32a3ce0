/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * audit_store.h - the audit trail: who (user and Cabecalho/Usuario), when, what
 * changed (old and new values) and through which IdMensagem, per entity. Written in
 * the same transaction as the change it describes.
 */
#ifndef WSATEND_AUDIT_STORE_H
#define WSATEND_AUDIT_STORE_H

#include "core/request.h"

#include <stdint.h>

struct audit_change {
	const char *field;   /* contract name: "Quilometragem" */
	const char *old_value, *new_value;   /* NULL: absent */
};

/* entity: "pessoa", "veiculo", "atendimento"...; action: "incluir", "alterar"... */
enum status audit_record(struct request *req, const char *entity, int64_t entity_id, const char *action,
			 const struct audit_change *changes, int n_changes);

/* The same for many entities of one kind in one statement (bulk operations). */
struct audit_entry {
	int64_t entity_id;
	const char *action;
	const struct audit_change *changes;
	int n_changes;
};
enum status audit_record_many(struct request *req, const char *entity, const struct audit_entry *entries, int n);

#endif
