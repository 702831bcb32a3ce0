/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * contact_store.h - every SQL statement of atendimentos, their interactions, next
 * contacts and the agenda (domain/contact.c, domain/agenda.c).
 *
 * The rule to know: every statement filters on the caller's tenant, and those that
 * read or change an atendimento also on the request's branch. Functions return
 * STATUS_OK or what req_db_fail() made of a database failure; results live in the
 * request's arena.
 */
#ifndef WSATEND_CONTACT_STORE_H
#define WSATEND_CONTACT_STORE_H

#include "domain/agenda.h"
#include "domain/contact.h"

#include <stdbool.h>
#include <stdint.h>

/* ---- lookups the rules need ------------------------------------------------ */

/* Is code an active consultant of the tenant? */
enum status contact_store_consultant_active(struct request *req, const char *code, bool *found);
/* The active consultant of team with the fewest open atendimentos (ties: code
 * order); *code NULL when the team has none. */
enum status contact_store_least_busy(struct request *req, const char *team, const char **code);
/* The department of an active loss reason; *department NULL when there is none. */
enum status contact_store_loss_reason(struct request *req, const char *code, const char **department);
/* The atendimento of the tenant (any branch) with this external id; 0 if none. */
enum status contact_store_by_external_id(struct request *req, const char *external_id, int64_t *id);
/* Serialises, until the transaction ends, the creation of atendimentos of one
 * person and natureza, so that two concurrent calls cannot both see "none open". */
enum status contact_store_lock_person_nature(struct request *req, int64_t person_id, const char *nature);
/* The oldest open atendimento of the branch for person and natureza other than
 * `exclude`; 0 if none. */
enum status contact_store_find_open(struct request *req, int64_t person_id, const char *nature,
				    int64_t exclude, int64_t *id);

/* ---- atendimentos ------------------------------------------------------------ */

/* Inserts c in the request's branch; *id gets the new id. DB_UNIQUE on the external
 * id comes back as STATUS_JA_EXISTENTE without a message (the caller words it). */
enum status contact_store_insert(struct request *req, const struct contact *c, int64_t *id);
/* One atendimento of the branch by id and/or external id, with its open next
 * contact (not its interactions); lock: FOR UPDATE. */
enum status contact_store_load(struct request *req, const int64_t *id, const char *external_id, bool lock,
			       struct contact *out, bool *found);
/* Fills c->interactions (oldest first). */
enum status contact_store_interactions(struct request *req, struct contact *c);
enum status contact_store_list(struct request *req, const struct contact_filter *f, int64_t after, int limit,
			       struct contact **out, int *n);
/* Writes c's natureza, area, team and responsible where the stored version is
 * c->version; *version gets the new one, 0 when the version did not match. */
enum status contact_store_set_routing(struct request *req, const struct contact *c, int *version);
/* Closes an open atendimento; *version as above (0: it was not open). */
enum status contact_store_close(struct request *req, int64_t id, const char *status, const char *loss_reason,
				int *version);
/* Marks the atendimento changed (updated_at), with a new version if bump. */
enum status contact_store_touch(struct request *req, int64_t id, bool bump, int *version);
enum status contact_store_add_interaction(struct request *req, int64_t contact_id,
					  const struct contact_interaction *in, struct contact_interaction *out);

/* ---- IncluirAtendimentosLote: one statement for all the records of a call ---------- */

/* owner[i]: the atendimento of the tenant with external_ids[i] (NULL: not asked); 0: none. */
enum status contact_store_external_ids_many(struct request *req, int n, const char *const *external_ids,
					    int64_t *owner);
/* contact_store_lock_person_nature for every pair (person_ids[i], natures[i]) with
 * natures[i] not NULL, in one statement, in one fixed order (no deadlock between
 * two bulk calls). */
enum status contact_store_lock_person_natures(struct request *req, int n, const int64_t *person_ids,
					      const char *const *natures);
/* open[i]: the oldest open atendimento of the branch for (person_ids[i], natures[i])
 * (natures[i] NULL: not asked), locked FOR UPDATE, and its responsible[i]; 0: none. */
enum status contact_store_find_open_many(struct request *req, int n, const int64_t *person_ids,
					 const char *const *natures, int64_t *open, const char **responsible);
/* The team's active consultants (code order, as contact_store_least_busy breaks
 * ties) and how many open atendimentos each has. */
enum status contact_store_team_load(struct request *req, const char *team, const char ***codes, int **open,
				    int *n);
/* n new atendimento ids, drawn from the table's sequence. */
enum status contact_store_new_ids(struct request *req, int n, int64_t *ids);
/* Inserts c[0..n-1] in the request's branch with their ids (c[k]->id, from
 * contact_store_new_ids); a constraint failure as batch_store_write_status says. */
enum status contact_store_insert_many(struct request *req, const struct contact *const *c, int n,
				      bool *constraint);
/* Inserts c[k]->next (responsible set) as a next contact of atendimento c[k]->id,
 * already done when done[k] (done NULL: none is). */
enum status contact_store_next_insert_many(struct request *req, const struct contact *const *c, int n,
					   const bool *done);
/* Marks done the open next contact of each atendimento ids[k]; due_at[k] gets its due
 * time (NULL: it had none). */
enum status contact_store_next_done_many(struct request *req, int n, const int64_t *ids, const char **due_at);
/* Adds interaction in[k] to atendimento ids[k]; new_ids[k] gets its id. */
enum status contact_store_add_interactions_many(struct request *req, int n, const int64_t *ids,
						const struct contact_interaction *const *in, int64_t *new_ids);
/* contact_store_touch with a new version for each of ids[0..n-1] (an id given k
 * times gets k versions, as k single calls would). */
enum status contact_store_touch_many(struct request *req, int n, const int64_t *ids);

/* ---- next contacts and the agenda ------------------------------------------------ */

/* Marks the open next contact done; *due_at its due time (NULL if there was none). */
enum status contact_store_next_done(struct request *req, int64_t contact_id, const char **due_at);
enum status contact_store_next_move(struct request *req, int64_t contact_id, const char *responsible);
enum status contact_store_next_insert(struct request *req, int64_t contact_id, const struct next_contact *nc,
				      int64_t *id);

/* The branch's clock as epochs: now, and where the branch's next local day starts. */
struct agenda_clock {
	int64_t now, tomorrow_start;
};
enum status contact_store_agenda(struct request *req, const struct agenda_filter *f, int64_t offset, int limit,
				 struct agenda_item **out, int *n, struct agenda_clock *clock);
enum status contact_store_agenda_item(struct request *req, int64_t next_contact_id, struct agenda_item *out,
				      struct agenda_clock *clock, bool *found);

#endif
