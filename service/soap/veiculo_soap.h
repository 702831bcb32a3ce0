/* SPDX-License-Identifier: GPL-2.0-or-later */
/* veiculo_soap.h - the <Veiculo> conversion other adapters share (lote_soap.c). */
#ifndef WSATEND_VEICULO_SOAP_H
#define WSATEND_VEICULO_SOAP_H

#include "domain/vehicle.h"
#include "soapH.h"

/* A <Veiculo> as the domain sees it; absent elements are NULL. */
void vehicle_in(struct request *req, const struct ws__Veiculo *w, struct vehicle *v);

#endif
