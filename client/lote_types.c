/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * lote_types.c - the record types `wsatend lote enviar` sends (lote.h): for each,
 * its fields (contract name, place in the XML element, kind of value), the usual
 * header aliases, and the operation with its send function (lote_wire.c).
 *
 * The rule to know: a field's name is the contract's element name; an element
 * nested in the record is named by its parents' names in front (Prospect/Nome is
 * ProspectNome, ProximoContato/DataHora is ProximoContatoDataHora), except where
 * the nesting adds nothing a person would type (Pessoa's Endereco/Cep is Cep), so a
 * CSV header is the contract path without the slashes. The kinds decide what is
 * checked before sending (lote_check_values); everything else is the server's.
 */
#include "lote.h"

#include <string.h>
#include <strings.h>

static const char *const tipos_pessoa[] = {"FISICA", "JURIDICA", NULL};
static const char *const canais_pessoa[] = {"EMAIL", "SMS", "TELEFONE", "WHATSAPP", NULL};
static const char *const canais_contato[] = {"EMAIL", "CHATBOT", "TELEFONE", "WHATSAPP", "SMS", "PRESENCIAL",
					     "SITE", NULL};
static const char *const tipos_proximo[] = {"LIGACAO", "EMAIL", "WHATSAPP", "SMS", "VISITA", NULL};

/* <xs:complexType name="Pessoa"> (pessoa.xsd) */
static const struct lote_field pessoa_fields[] = {
	{"IdExterno", "IdExterno", LOTE_TEXT, NULL},
	{"CodigoDMS", "CodigoDMS", LOTE_TEXT, NULL},
	{"Tipo", "Tipo", LOTE_ENUM, tipos_pessoa},
	{"Documento", "Documento", LOTE_TEXT, NULL},
	{"Nome", "Nome", LOTE_TEXT, NULL},
	{"NomeFantasia", "NomeFantasia", LOTE_TEXT, NULL},
	{"Tratamento", "Tratamento", LOTE_TEXT, NULL},
	{"DataNascimento", "DataNascimento", LOTE_TEXT, NULL},
	{"Cep", "Endereco/Cep", LOTE_TEXT, NULL},
	{"Logradouro", "Endereco/Logradouro", LOTE_TEXT, NULL},
	{"Numero", "Endereco/Numero", LOTE_TEXT, NULL},
	{"Complemento", "Endereco/Complemento", LOTE_TEXT, NULL},
	{"Bairro", "Endereco/Bairro", LOTE_TEXT, NULL},
	{"Cidade", "Endereco/Cidade", LOTE_TEXT, NULL},
	{"Uf", "Endereco/Uf", LOTE_TEXT, NULL},
	{"Telefone", "Telefone/Numero", LOTE_TEXT, NULL},
	{"WhatsApp", "Telefone/WhatsApp", LOTE_BOOL, NULL},
	{"Telefone2", "Telefone[2]/Numero", LOTE_TEXT, NULL},
	{"Email", "Email/Endereco", LOTE_TEXT, NULL},
	{"PreferenciaContato", "PreferenciaContato", LOTE_ENUM, canais_pessoa},
	{"Origem", "Origem", LOTE_TEXT, NULL},
	{"Observacao", "Observacao", LOTE_TEXT, NULL},
	{NULL, NULL, 0, NULL},
};

/* <xs:complexType name="Veiculo"> (veiculo.xsd) */
static const struct lote_field veiculo_fields[] = {
	{"IdExterno", "IdExterno", LOTE_TEXT, NULL},
	{"Placa", "Placa", LOTE_TEXT, NULL},
	{"Chassi", "Chassi", LOTE_TEXT, NULL},
	{"Renavam", "Renavam", LOTE_TEXT, NULL},
	{"Marca", "Marca", LOTE_TEXT, NULL},
	{"Modelo", "Modelo", LOTE_TEXT, NULL},
	{"VersaoModelo", "VersaoModelo", LOTE_TEXT, NULL},
	{"Cor", "Cor", LOTE_TEXT, NULL},
	{"AnoFabricacao", "AnoFabricacao", LOTE_INT, NULL},
	{"AnoModelo", "AnoModelo", LOTE_INT, NULL},
	{"Combustivel", "Combustivel", LOTE_TEXT, NULL},
	{"Quilometragem", "Quilometragem", LOTE_INT, NULL},
	{"IdProprietario", "IdProprietario", LOTE_ID, NULL},
	{NULL, NULL, 0, NULL},
};

/* <xs:complexType name="Atendimento"> (atendimento.xsd); Prospect is DadosProspect */
static const struct lote_field atendimento_fields[] = {
	{"IdExterno", "IdExterno", LOTE_TEXT, NULL},
	{"IdPessoa", "IdPessoa", LOTE_ID, NULL},
	{"ProspectIdExterno", "Prospect/IdExterno", LOTE_TEXT, NULL},
	{"ProspectNome", "Prospect/Nome", LOTE_TEXT, NULL},
	{"ProspectTelefone", "Prospect/Telefone/Numero", LOTE_TEXT, NULL},
	{"ProspectWhatsApp", "Prospect/Telefone/WhatsApp", LOTE_BOOL, NULL},
	{"ProspectEmail", "Prospect/Email", LOTE_TEXT, NULL},
	{"ProspectOrigem", "Prospect/Origem", LOTE_TEXT, NULL},
	{"ProspectObservacao", "Prospect/Observacao", LOTE_TEXT, NULL},
	{"Natureza", "Natureza", LOTE_TEXT, NULL},
	{"Origem", "Origem", LOTE_TEXT, NULL},
	{"Canal", "Canal", LOTE_ENUM, canais_contato},
	{"Descricao", "Descricao", LOTE_TEXT, NULL},
	{"IdVeiculo", "IdVeiculo", LOTE_ID, NULL},
	{"VeiculoInteresseModelo", "VeiculoInteresse/Modelo", LOTE_TEXT, NULL},
	{"VeiculoInteresseVersaoModelo", "VeiculoInteresse/VersaoModelo", LOTE_TEXT, NULL},
	{"VeiculoInteresseCor", "VeiculoInteresse/Cor", LOTE_TEXT, NULL},
	{"VeiculoInteresseAnoModelo", "VeiculoInteresse/AnoModelo", LOTE_INT, NULL},
	{"InteresseCarroNovo", "InteresseCarroNovo", LOTE_BOOL, NULL},
	{"Responsavel", "Responsavel", LOTE_TEXT, NULL},
	{"ProximoContatoDataHora", "ProximoContato/DataHora", LOTE_DATETIME, NULL},
	{"ProximoContatoResponsavel", "ProximoContato/Responsavel", LOTE_TEXT, NULL},
	{"ProximoContatoTipo", "ProximoContato/Tipo", LOTE_ENUM, tipos_proximo},
	{"ProximoContatoObservacao", "ProximoContato/Observacao", LOTE_TEXT, NULL},
	{NULL, NULL, 0, NULL},
};

/* <xs:complexType name="Agendamento"> (oficina.xsd); the (out) elements are left out.
 * Servico carries the codes of ServicoAgendado, Peca the Codigo:Quantidade of
 * PecaReservada (their Descricao/Minutos/Situacao are the server's). */
static const struct lote_field agendamento_fields[] = {
	{"IdExterno", "IdExterno", LOTE_TEXT, NULL},
	{"IdVeiculo", "IdVeiculo", LOTE_ID, NULL},
	{"Placa", "Placa", LOTE_TEXT, NULL},
	{"Chassi", "Chassi", LOTE_TEXT, NULL},
	{"IdCliente", "IdCliente", LOTE_ID, NULL},
	{"IdAtendimento", "IdAtendimento", LOTE_ID, NULL},
	{"Quilometragem", "Quilometragem", LOTE_INT, NULL},
	{"DataHora", "DataHora", LOTE_DATETIME, NULL},
	{"Consultor", "Consultor", LOTE_TEXT, NULL},
	{"TipoAgendamento", "TipoAgendamento", LOTE_TEXT, NULL},
	{"Servico", "Servico/Codigo", LOTE_CODES, NULL},
	{"Peca", "Peca", LOTE_PARTS, NULL},
	{"Observacao", "Observacao", LOTE_TEXT, NULL},
	{NULL, NULL, 0, NULL},
};

/* Normalised header (lower case, no accents, spaces or punctuation) -> field. */
static const char *const cadastro_aliases[][2] = {
	{"cpf", "Documento"}, {"cnpj", "Documento"}, {"cpfcnpj", "Documento"}, {"razaosocial", "Nome"},
	{"nomecompleto", "Nome"}, {"fantasia", "NomeFantasia"}, {"nascimento", "DataNascimento"},
	{"endereco", "Logradouro"}, {"rua", "Logradouro"}, {"municipio", "Cidade"}, {"estado", "Uf"},
	{"celular", "Telefone"}, {"fone", "Telefone"}, {"telefone1", "Telefone"}, {"fone2", "Telefone2"},
	{"email", "Email"}, {"codigodms", "CodigoDMS"}, {"codigo", "IdExterno"}, {"id", "IdExterno"},
	{"vin", "Chassi"}, {"km", "Quilometragem"}, {"odometro", "Quilometragem"}, {"ano", "AnoFabricacao"},
	{"versao", "VersaoModelo"}, {"proprietario", "IdProprietario"}, {NULL, NULL},
};
static const char *const atendimento_aliases[][2] = {
	{"codigo", "IdExterno"}, {"id", "IdExterno"}, {"pessoa", "IdPessoa"}, {"cliente", "IdPessoa"},
	{"idcliente", "IdPessoa"}, {"nome", "ProspectNome"}, {"telefone", "ProspectTelefone"},
	{"celular", "ProspectTelefone"}, {"fone", "ProspectTelefone"}, {"whatsapp", "ProspectWhatsApp"},
	{"email", "ProspectEmail"}, {"veiculo", "IdVeiculo"}, {"modelo", "VeiculoInteresseModelo"},
	{"versao", "VeiculoInteresseVersaoModelo"}, {"versaomodelo", "VeiculoInteresseVersaoModelo"},
	{"cor", "VeiculoInteresseCor"}, {"anomodelo", "VeiculoInteresseAnoModelo"}, {"consultor", "Responsavel"},
	{"proximocontato", "ProximoContatoDataHora"}, {NULL, NULL},
};
static const char *const agendamento_aliases[][2] = {
	{"codigo", "IdExterno"}, {"id", "IdExterno"}, {"veiculo", "IdVeiculo"}, {"vin", "Chassi"},
	{"cliente", "IdCliente"}, {"atendimento", "IdAtendimento"}, {"km", "Quilometragem"},
	{"odometro", "Quilometragem"}, {"data", "DataHora"}, {"horario", "DataHora"}, {"tipo", "TipoAgendamento"},
	{"servicos", "Servico"}, {"pecas", "Peca"}, {NULL, NULL},
};

static const struct lote_type pessoa = {
	.tipo = "pessoa", .element = "Pessoa", .plural = "pessoas", .operation = "IncluirPessoasLote",
	.fields = pessoa_fields, .aliases = cadastro_aliases, .send = lote_send_pessoas,
};
static const struct lote_type veiculo = {
	.tipo = "veiculo", .element = "Veiculo", .plural = "veículos", .operation = "IncluirVeiculosLote",
	.fields = veiculo_fields, .aliases = cadastro_aliases, .send = lote_send_veiculos,
};
static const struct lote_type atendimento = {
	.tipo = "atendimento", .element = "Atendimento", .plural = "atendimentos",
	.operation = "IncluirAtendimentosLote", .ordered = true,
	.fields = atendimento_fields, .aliases = atendimento_aliases, .send = lote_send_atendimentos,
};
static const struct lote_type agendamento = {
	.tipo = "agendamento", .element = "Agendamento", .plural = "agendamentos",
	.operation = "IncluirAgendamentosLote", .ordered = true,
	.fields = agendamento_fields, .aliases = agendamento_aliases, .send = lote_send_agendamentos,
};

/* lote_record.values holds one slot per field */
#define FITS(fields) (sizeof fields / sizeof *fields - 1 <= LOTE_MAX_FIELDS)
_Static_assert(FITS(pessoa_fields) && FITS(veiculo_fields) && FITS(atendimento_fields) && FITS(agendamento_fields),
	       "raise LOTE_MAX_FIELDS");

const struct lote_type *const lote_types[] = {&pessoa, &veiculo, &atendimento, &agendamento, NULL};

const struct lote_type *lote_type_named(const char *tipo)
{
	for (int i = 0; tipo && lote_types[i]; i++)
		if (!strcasecmp(lote_types[i]->tipo, tipo))
			return lote_types[i];
	return NULL;
}

const struct lote_type *lote_type_of_element(const char *element)
{
	for (int i = 0; element && lote_types[i]; i++)
		if (!strcmp(lote_types[i]->element, element))
			return lote_types[i];
	return NULL;
}
