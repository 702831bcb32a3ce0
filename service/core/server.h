/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * server.h - the HTTP/SOAP server: listener, poller, worker pool, lifecycle.
 *
 * Rule to know: a worker holds a connection only while a request is on it. Idle
 * keep-alive connections wait in an epoll set owned by the poller thread, which hands
 * a connection to the worker queue when bytes arrive (gSOAP alone would pin a worker
 * per idle connection until recv_timeout). SIGTERM: stop accepting, /readyz answers
 * 503, requests in flight finish, idle connections close, then exit.
 */
#ifndef WSATEND_SERVER_H
#define WSATEND_SERVER_H

#include <stdbool.h>

struct config;

/* Serves until SIGTERM/SIGINT. Returns the process exit code. */
int server_run(const struct config *cfg);

/* True once shutdown has begun (for /readyz). */
bool server_draining(void);

#endif
