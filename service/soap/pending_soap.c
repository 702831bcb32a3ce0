/* SPDX-License-Identifier: GPL-2.0-or-later */
/* pending_soap.c - TEMPORARY: weak stand-ins for operations whose adapter is not
 * written yet; an area file defining the operation overrides its stand-in. Deleted
 * once every operation exists. */
#include "soap/fault.h"
#include "soapH.h"

#define PENDING(NAME) \
	__attribute__((weak)) int __ws__##NAME(struct soap *soap, struct _ws__##NAME *in, struct _ws__##NAME##Response *out) \
	{ (void)in; (void)out; return fault_send(soap, STATUS_ERRO_SERVIDOR, NULL, "Operação ainda não disponível."); } \
	__attribute__((weak)) int __ws__##NAME##_(struct soap *soap, struct _ws__##NAME *in, struct _ws__##NAME##Response *out) \
	{ (void)in; (void)out; return fault_send(soap, STATUS_ERRO_SERVIDOR, NULL, "Operação ainda não disponível."); }

PENDING(Ping)
PENDING(ObterVersao)
PENDING(ConsultarSituacaoMensagem)
PENDING(ListarNaturezasAtendimento)
PENDING(ListarOrigensContato)
PENDING(ListarConsultores)
PENDING(ListarMotivosPerda)
PENDING(IncluirPessoa)
PENDING(IncluirProspect)
PENDING(ConverterProspectEmCliente)
PENDING(AlterarPessoa)
PENDING(ConsultarPessoa)
PENDING(AtualizarConsentimento)
PENDING(IncluirVeiculo)
PENDING(AlterarVeiculo)
PENDING(ConsultarVeiculo)
PENDING(IncluirAtendimento)
PENDING(ConsultarAtendimento)
PENDING(ListarAtendimentos)
PENDING(AlterarNaturezaAtendimento)
PENDING(ReatribuirAtendimento)
PENDING(RegistrarContato)
PENDING(EncerrarAtendimento)
PENDING(AgendarProximoContato)
PENDING(ListarAgenda)
