/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * change_feed_store.h - SQL of the change feed (table change_log, sql/007).
 */
#ifndef WSATEND_CHANGE_FEED_STORE_H
#define WSATEND_CHANGE_FEED_STORE_H

#include "domain/change_feed.h"

/* Up to `limit` changes of the caller's tenant after `from`, in feed order, of the
 * given entities (n_entities 0: all), only of transactions below the horizon of the
 * ones still in progress. Items in the request arena. */
enum status change_feed_fetch(struct request *req, const struct feed_position *from,
			      const char *const *entities, int n_entities, int limit,
			      struct change **items, int *n);

#endif
