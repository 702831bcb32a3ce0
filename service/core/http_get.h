/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * http_get.h - what the server answers to HTTP GET: the contract (?wsdl and
 * /xsd/NAME.xsd, verbatim from wsdl_dir), the help page (an .asmx-style list of the
 * operations with sample requests), /livez and /readyz. Files are read once at
 * start-up into a fixed table: request paths never become file names.
 */
#ifndef WSATEND_HTTP_GET_H
#define WSATEND_HTTP_GET_H

#include "stdsoap2.h"

#include <stdbool.h>

struct config;

/* Loads the contract files and builds the help page; false (logged) on error. */
bool http_get_init(const struct config *cfg);
void http_get_release(void);

/* gSOAP's fget hook. */
int http_get(struct soap *soap);

#endif
