/* SPDX-License-Identifier: GPL-2.0-or-later */
/* status.c - the error catalog (see status.h). Adding a code: add a row here and to
 * the table in wsdl/README.md. */
#include "core/status.h"

static const struct status_info catalog[STATUS_COUNT] = {
	[STATUS_OK] = {"OK", STATUS_KIND_OK, false, 200, "Operação realizada."},
	[STATUS_CAMPO_OBRIGATORIO] = {"CAMPO_OBRIGATORIO", STATUS_KIND_BUSINESS, false, 200,
		"Campo obrigatório não informado."},
	[STATUS_VALOR_INVALIDO] = {"VALOR_INVALIDO", STATUS_KIND_BUSINESS, false, 200,
		"Valor inválido."},
	[STATUS_TAMANHO_EXCEDIDO] = {"TAMANHO_EXCEDIDO", STATUS_KIND_BUSINESS, false, 200,
		"Valor maior que o tamanho máximo do campo."},
	[STATUS_NAO_ENCONTRADO] = {"NAO_ENCONTRADO", STATUS_KIND_BUSINESS, false, 200,
		"Registro não encontrado."},
	[STATUS_JA_EXISTENTE] = {"JA_EXISTENTE", STATUS_KIND_BUSINESS, false, 200,
		"Registro já existente."},
	[STATUS_IDEMPOTENCIA_CONFLITO] = {"IDEMPOTENCIA_CONFLITO", STATUS_KIND_BUSINESS, false, 200,
		"IdMensagem já usado com outro conteúdo."},
	[STATUS_OPERACAO_NAO_PERMITIDA] = {"OPERACAO_NAO_PERMITIDA", STATUS_KIND_BUSINESS, false, 200,
		"Operação não permitida no estado atual."},
	[STATUS_HORARIO_INDISPONIVEL] = {"HORARIO_INDISPONIVEL", STATUS_KIND_BUSINESS, false, 200,
		"Horário indisponível."},
	[STATUS_AGUARDANDO_APROVACAO] = {"AGUARDANDO_APROVACAO", STATUS_KIND_BUSINESS, false, 200,
		"Aguardando aprovação do gerente."},
	[STATUS_CONFLITO_VERSAO] = {"CONFLITO_VERSAO", STATUS_KIND_BUSINESS, false, 200,
		"O registro foi alterado por outra requisição; consulte-o e reenvie com a Versao atual."},
	/* issue 4: vehicle sales */
	[STATUS_PESQUISA_SEM_PREFIXO] = {"PESQUISA_SEM_PREFIXO", STATUS_KIND_BUSINESS, false, 200,
		"O padrão de pesquisa deve começar com pelo menos 2 caracteres antes de um %."},
	[STATUS_VEICULO_RESERVADO] = {"VEICULO_RESERVADO", STATUS_KIND_BUSINESS, false, 200,
		"O veículo está reservado para outro cliente."},
	[STATUS_VEICULO_VENDIDO] = {"VEICULO_VENDIDO", STATUS_KIND_BUSINESS, false, 200,
		"O veículo já foi vendido."},
	[STATUS_PROPOSTA_EXPIRADA] = {"PROPOSTA_EXPIRADA", STATUS_KIND_BUSINESS, false, 200,
		"A validade da proposta terminou; prorrogue-a antes."},
	[STATUS_AVALIACAO_NAO_APROVADA] = {"AVALIACAO_NAO_APROVADA", STATUS_KIND_BUSINESS, false, 200,
		"A avaliação ainda não foi aprovada."},
	[STATUS_ESTRUTURA_INVALIDA] = {"ESTRUTURA_INVALIDA", STATUS_KIND_CLIENT_FAULT, false, 400,
		"Mensagem malformada ou fora do contrato."},
	[STATUS_NAO_AUTENTICADO] = {"NAO_AUTENTICADO", STATUS_KIND_CLIENT_FAULT, false, 401,
		"Credenciais ausentes ou inválidas."},
	[STATUS_NAO_AUTORIZADO] = {"NAO_AUTORIZADO", STATUS_KIND_CLIENT_FAULT, false, 403,
		"Usuário sem permissão para esta operação ou empresa."},
	[STATUS_ERRO_SERVIDOR] = {"ERRO_SERVIDOR", STATUS_KIND_SERVER_FAULT, true, 500,
		"Erro interno; tente novamente. Se persistir, informe o IdRequisicao ao suporte."},
	[STATUS_INDISPONIVEL] = {"INDISPONIVEL", STATUS_KIND_SERVER_FAULT, true, 503,
		"Serviço temporariamente indisponível; tente novamente em instantes."},
};

const struct status_info *status_info(enum status s)
{
	if ((unsigned)s >= STATUS_COUNT)
		s = STATUS_ERRO_SERVIDOR;
	return &catalog[s];
}

const char *status_code(enum status s)
{
	return status_info(s)->code;
}

bool status_is_fault(enum status s)
{
	enum status_kind k = status_info(s)->kind;
	return k == STATUS_KIND_CLIENT_FAULT || k == STATUS_KIND_SERVER_FAULT;
}
