/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * venda_cmd.c - `wsatend venda`: vehicle sales (wsdl/xsd/venda.xsd): stock, vehicles
 * of interest, reservations, appraisals and proposals.
 *
 * Every operation acts in one branch: give --empresa (or WSATEND_EMPRESA) unless the
 * user has only one. Money is typed with a dot for the cents ("89990.00") and sent as
 * typed: the server checks it and answers the field at fault.
 */
#include "commands.h"

#define END_OPTS { NULL, 0, 0, NULL, NULL, NULL, 0 }

static const char *const depositos[] = { "NOVOS", "SEMINOVOS", "VIRTUAL", NULL };
static const char *const situacoes_estoque[] = { "DISPONIVEL", "RESERVADO", "VENDIDO", "FUTURO", NULL };

ARGS_DEFINE_ENUM(ws__DepositoEstoque)
ARGS_DEFINE_ENUM(ws__SituacaoEstoque)

/* --- estoque-incluir: <xs:element name="IncluirVeiculoEstoque"> Cabecalho,
 * VeiculoEstoque (one per call from the command line) ----------------------- */
static const struct opt estoque_incluir_opts[] = {
	{ "id-externo", OPT_TEXT, 0, "ID", "sua chave para o veículo (IdExterno)", NULL, 0 },
	{ "deposito", OPT_CHOICE, 0, "DEPOSITO", "NOVOS, SEMINOVOS ou VIRTUAL", depositos, 0 },
	{ "marca", OPT_TEXT, 0, "TEXTO", "marca", NULL, 0 },
	{ "familia", OPT_TEXT, 0, "TEXTO", "família (padrão: o modelo)", NULL, 0 },
	{ "modelo", OPT_TEXT, 0, "TEXTO", "modelo", NULL, 0 },
	{ "versao-modelo", OPT_TEXT, 0, "TEXTO", "versão do modelo", NULL, 0 },
	{ "cor", OPT_TEXT, 0, "TEXTO", "cor", NULL, 0 },
	{ "ano-fabricacao", OPT_INT, 0, "AAAA", "ano de fabricação", NULL, 0 },
	{ "ano-modelo", OPT_INT, 0, "AAAA", "ano do modelo", NULL, 0 },
	{ "chassi", OPT_TEXT, 0, "VIN", "chassi", NULL, 0 },
	{ "placa", OPT_TEXT, 0, "PLACA", "placa (seminovos)", NULL, 0 },
	{ "quilometragem", OPT_INT, 0, "KM", "hodômetro", NULL, 0 },
	{ "preco", OPT_TEXT, 0, "VALOR", "preço de venda (89990.00)", NULL, 0 },
	{ "custo", OPT_TEXT, 0, "VALOR", "custo (base da margem)", NULL, 0 },
	END_OPTS,
};

static int estoque_incluir(struct session *s, const struct args *a)
{
	struct _ws__IncluirVeiculoEstoque in = { 0 };
	struct _ws__IncluirVeiculoEstoqueResponse out = { 0 };
	struct soap *soap = s->soap;
	struct ws__VeiculoEstoque *v = soap_new_ws__VeiculoEstoque(soap, 1);

	if (!v)
		return EXIT_TRANSPORT;
	in.Cabecalho = session_header(s);
	v->IdExterno = args_text(soap, a, "id-externo");
	v->Deposito = arg_ws__DepositoEstoque(soap, a, "deposito");
	v->Marca = args_text(soap, a, "marca");
	v->Familia = args_text(soap, a, "familia");
	v->Modelo = args_text(soap, a, "modelo");
	v->VersaoModelo = args_text(soap, a, "versao-modelo");
	v->Cor = args_text(soap, a, "cor");
	v->AnoFabricacao = args_int(soap, a, "ano-fabricacao");
	v->AnoModelo = args_int(soap, a, "ano-modelo");
	v->Chassi = args_text(soap, a, "chassi");
	v->Placa = args_text(soap, a, "placa");
	v->Quilometragem = args_int(soap, a, "quilometragem");
	v->Preco = args_text(soap, a, "preco");
	v->Custo = args_text(soap, a, "custo");
	in.__sizeVeiculoEstoque = 1;
	in.VeiculoEstoque = v;
	int rc = soap_call___ws__IncluirVeiculoEstoque(soap, s->url, NULL, &in, &out);
	return session_finish(s, rc, out.Resultado);
}

/* --- estoque: <xs:element name="PesquisarEstoque"> Cabecalho, Filtro?,
 * Paginacao? ---------------------------------------------------------------- */
static const struct opt estoque_opts[] = {
	{ "deposito", OPT_CHOICE, 0, "DEPOSITO", "NOVOS, SEMINOVOS ou VIRTUAL", depositos, 0 },
	{ "familia", OPT_TEXT, 0, "TEXTO", "família", NULL, 0 },
	{ "modelo", OPT_TEXT, 0, "PADRAO", "modelo; % é curinga, após 2+ caracteres (Co%)", NULL, 0 },
	{ "versao-modelo", OPT_TEXT, 0, "TEXTO", "versão contém", NULL, 0 },
	{ "cor", OPT_TEXT, 0, "TEXTO", "cor contém", NULL, 0 },
	{ "ano-modelo", OPT_INT, 0, "AAAA", "ano do modelo", NULL, 0 },
	{ "preco-min", OPT_TEXT, 0, "VALOR", "preço mínimo", NULL, 0 },
	{ "preco-max", OPT_TEXT, 0, "VALOR", "preço máximo", NULL, 0 },
	{ "situacao", OPT_CHOICE, 0, "SITUACAO", "DISPONIVEL, RESERVADO, VENDIDO, FUTURO", situacoes_estoque, 0 },
	ARGS_PAGING_OPTS,
	END_OPTS,
};

static int estoque(struct session *s, const struct args *a)
{
	struct _ws__PesquisarEstoque in = { 0 };
	struct _ws__PesquisarEstoqueResponse out = { 0 };
	struct soap *soap = s->soap;
	struct ws__FiltroEstoque *f = soap_new_ws__FiltroEstoque(soap, 1);

	if (!f)
		return EXIT_TRANSPORT;
	in.Cabecalho = session_header(s);
	f->Deposito = arg_ws__DepositoEstoque(soap, a, "deposito");
	f->Familia = args_text(soap, a, "familia");
	f->Modelo = args_text(soap, a, "modelo");
	f->VersaoModelo = args_text(soap, a, "versao-modelo");
	f->Cor = args_text(soap, a, "cor");
	f->AnoModelo = args_int(soap, a, "ano-modelo");
	f->PrecoMinimo = args_text(soap, a, "preco-min");
	f->PrecoMaximo = args_text(soap, a, "preco-max");
	f->Situacao = arg_ws__SituacaoEstoque(soap, a, "situacao");
	in.Filtro = f;
	in.Paginacao = args_paging(soap, a);
	int rc = soap_call___ws__PesquisarEstoque(soap, s->url, NULL, &in, &out);
	return session_finish(s, rc, out.Resultado);
}

/* --- interesse: <xs:element name="RegistrarVeiculoInteresse"> Cabecalho,
 * IdAtendimento?, InteresseVeiculo? ------------------------------------------ */
static const struct opt interesse_opts[] = {
	{ "id-atendimento", OPT_ID, 0, "ID", "atendimento aberto", NULL, 0 },
	{ "id-veiculo-estoque", OPT_ID, 0, "ID", "um veículo do estoque", NULL, 0 },
	{ "modelo", OPT_TEXT, 0, "TEXTO", "ou a descrição: modelo", NULL, 0 },
	{ "versao-modelo", OPT_TEXT, 0, "TEXTO", "versão do modelo", NULL, 0 },
	{ "cor", OPT_TEXT, 0, "TEXTO", "cor", NULL, 0 },
	{ "ano-modelo", OPT_INT, 0, "AAAA", "ano do modelo", NULL, 0 },
	END_OPTS,
};

static int interesse(struct session *s, const struct args *a)
{
	struct _ws__RegistrarVeiculoInteresse in = { 0 };
	struct _ws__RegistrarVeiculoInteresseResponse out = { 0 };
	struct soap *soap = s->soap;
	struct ws__InteresseVeiculo *v = soap_new_ws__InteresseVeiculo(soap, 1);

	if (!v)
		return EXIT_TRANSPORT;
	in.Cabecalho = session_header(s);
	in.IdAtendimento = args_id(soap, a, "id-atendimento");
	v->IdVeiculoEstoque = args_id(soap, a, "id-veiculo-estoque");
	v->Modelo = args_text(soap, a, "modelo");
	v->VersaoModelo = args_text(soap, a, "versao-modelo");
	v->Cor = args_text(soap, a, "cor");
	v->AnoModelo = args_int(soap, a, "ano-modelo");
	in.InteresseVeiculo = v;
	int rc = soap_call___ws__RegistrarVeiculoInteresse(soap, s->url, NULL, &in, &out);
	return session_finish(s, rc, out.Resultado);
}

/* --- reservar: <xs:element name="ReservarVeiculo"> Cabecalho, IdAtendimento?,
 * IdVeiculoEstoque?, Prazo?, UnidadePrazo?, Observacao? ---------------------- */
static const char *const unidades[] = { "HORAS", "DIAS", NULL };
ARGS_DEFINE_ENUM(ws__UnidadePrazo)

static const struct opt reservar_opts[] = {
	{ "id-atendimento", OPT_ID, 0, "ID", "atendimento aberto do cliente", NULL, 0 },
	{ "id-veiculo-estoque", OPT_ID, 0, "ID", "veículo do estoque", NULL, 0 },
	{ "prazo", OPT_INT, 0, "N", "prazo da reserva", NULL, 0 },
	{ "unidade", OPT_CHOICE, 0, "UNIDADE", "HORAS ou DIAS", unidades, 0 },
	{ "observacao", OPT_TEXT, 0, "TEXTO", "observação", NULL, 0 },
	END_OPTS,
};

static int reservar(struct session *s, const struct args *a)
{
	struct _ws__ReservarVeiculo in = { 0 };
	struct _ws__ReservarVeiculoResponse out = { 0 };
	struct soap *soap = s->soap;

	in.Cabecalho = session_header(s);
	in.IdAtendimento = args_id(soap, a, "id-atendimento");
	in.IdVeiculoEstoque = args_id(soap, a, "id-veiculo-estoque");
	in.Prazo = args_int(soap, a, "prazo");
	in.UnidadePrazo = arg_ws__UnidadePrazo(soap, a, "unidade");
	in.Observacao = args_text(soap, a, "observacao");
	int rc = soap_call___ws__ReservarVeiculo(soap, s->url, NULL, &in, &out);
	return session_finish(s, rc, out.Resultado);
}

/* --- cancelar-reserva: <xs:element name="CancelarReserva"> Cabecalho,
 * IdReserva?, Motivo? ----------------------------------------------------------- */
static const struct opt cancelar_reserva_opts[] = {
	{ "id", OPT_ID, 0, "ID", "a reserva", NULL, 0 },
	{ "motivo", OPT_TEXT, 0, "TEXTO", "motivo do cancelamento", NULL, 0 },
	END_OPTS,
};

static int cancelar_reserva(struct session *s, const struct args *a)
{
	struct _ws__CancelarReserva in = { 0 };
	struct _ws__CancelarReservaResponse out = { 0 };

	in.Cabecalho = session_header(s);
	in.IdReserva = args_id(s->soap, a, "id");
	in.Motivo = args_text(s->soap, a, "motivo");
	int rc = soap_call___ws__CancelarReserva(s->soap, s->url, NULL, &in, &out);
	return session_finish(s, rc, out.Resultado);
}

/* --- proposta: <xs:element name="IncluirProposta"> Cabecalho, Proposta ------ */
static const char *const formas[] = { "A_VISTA", "FINANCIAMENTO", "CONSORCIO", NULL };
static const char *const situacoes_proposta[] = { "ABERTA", "AGUARDANDO_APROVACAO", "APROVADA", "REPROVADA",
						  "VENDIDA", "ENCERRADA", NULL };
ARGS_DEFINE_ENUM(ws__FormaPagamento)
ARGS_DEFINE_ENUM(ws__SituacaoProposta)

static const struct opt proposta_opts[] = {
	{ "id-atendimento", OPT_ID, 0, "ID", "atendimento aberto", NULL, 0 },
	{ "id-veiculo-estoque", OPT_ID, 0, "ID", "veículo do estoque", NULL, 0 },
	{ "preco", OPT_TEXT, 0, "VALOR", "preço (padrão: o do estoque)", NULL, 0 },
	{ "desconto", OPT_TEXT, 0, "VALOR", "desconto", NULL, 0 },
	{ "forma", OPT_CHOICE, 0, "FORMA", "A_VISTA, FINANCIAMENTO ou CONSORCIO", formas, 0 },
	{ "entrada", OPT_TEXT, 0, "VALOR", "entrada", NULL, 0 },
	{ "parcelas", OPT_INT, 0, "N", "parcelas (1 a 120)", NULL, 0 },
	{ "instituicao", OPT_TEXT, 0, "TEXTO", "banco ou administradora", NULL, 0 },
	{ "id-avaliacao-troca", OPT_ID, 0, "ID", "avaliação APROVADA usada como troca", NULL, 0 },
	{ "valida-ate", OPT_DATETIME, 0, "DATA-HORA", "validade (padrão: 7 dias)", NULL, 0 },
	{ "observacao", OPT_TEXT, 0, "TEXTO", "observação", NULL, 0 },
	END_OPTS,
};

static int proposta(struct session *s, const struct args *a)
{
	struct _ws__IncluirProposta in = { 0 };
	struct _ws__IncluirPropostaResponse out = { 0 };
	struct soap *soap = s->soap;
	struct ws__Proposta *p = soap_new_ws__Proposta(soap, 1);
	struct ws__Pagamento *pg = soap_new_ws__Pagamento(soap, 1);

	if (!p || !pg)
		return EXIT_TRANSPORT;
	in.Cabecalho = session_header(s);
	p->IdAtendimento = args_id(soap, a, "id-atendimento");
	p->IdVeiculoEstoque = args_id(soap, a, "id-veiculo-estoque");
	p->Preco = args_text(soap, a, "preco");
	p->Desconto = args_text(soap, a, "desconto");
	pg->Forma = arg_ws__FormaPagamento(soap, a, "forma");
	pg->Entrada = args_text(soap, a, "entrada");
	pg->Parcelas = args_int(soap, a, "parcelas");
	pg->Instituicao = args_text(soap, a, "instituicao");
	p->Pagamento = pg;
	p->IdAvaliacaoTroca = args_id(soap, a, "id-avaliacao-troca");
	p->ValidaAte = args_text(soap, a, "valida-ate");
	p->Observacao = args_text(soap, a, "observacao");
	in.Proposta = p;
	int rc = soap_call___ws__IncluirProposta(soap, s->url, NULL, &in, &out);
	return session_finish(s, rc, out.Resultado);
}

/* --- aprovar / reprovar: <xs:element name="AprovarProposta"> and
 * "ReprovarProposta": Cabecalho, IdProposta?, Versao?, Observacao? (gerente) -- */
static const struct opt decisao_opts[] = {
	{ "id", OPT_ID, 0, "ID", "a proposta", NULL, 0 },
	{ "versao", OPT_INT, 0, "N", "Versao lida por último (conflito: CONFLITO_VERSAO)", NULL, 0 },
	{ "observacao", OPT_TEXT, 0, "TEXTO", "observação da decisão (obrigatória ao reprovar)", NULL, 0 },
	END_OPTS,
};

static int aprovar(struct session *s, const struct args *a)
{
	struct _ws__AprovarProposta in = { 0 };
	struct _ws__AprovarPropostaResponse out = { 0 };

	in.Cabecalho = session_header(s);
	in.IdProposta = args_id(s->soap, a, "id");
	in.Versao = args_int(s->soap, a, "versao");
	in.Observacao = args_text(s->soap, a, "observacao");
	int rc = soap_call___ws__AprovarProposta(s->soap, s->url, NULL, &in, &out);
	return session_finish(s, rc, out.Resultado);
}

static int reprovar(struct session *s, const struct args *a)
{
	struct _ws__ReprovarProposta in = { 0 };
	struct _ws__ReprovarPropostaResponse out = { 0 };

	in.Cabecalho = session_header(s);
	in.IdProposta = args_id(s->soap, a, "id");
	in.Versao = args_int(s->soap, a, "versao");
	in.Observacao = args_text(s->soap, a, "observacao");
	int rc = soap_call___ws__ReprovarProposta(s->soap, s->url, NULL, &in, &out);
	return session_finish(s, rc, out.Resultado);
}

/* --- prorrogar: <xs:element name="ProrrogarValidadeProposta"> Cabecalho,
 * IdProposta?, Versao?, NovaValidade?, Motivo? (gerente) --------------------- */
static const struct opt prorrogar_opts[] = {
	{ "id", OPT_ID, 0, "ID", "a proposta", NULL, 0 },
	{ "versao", OPT_INT, 0, "N", "Versao lida por último", NULL, 0 },
	{ "nova-validade", OPT_DATETIME, 0, "DATA-HORA", "nova validade", NULL, 0 },
	{ "motivo", OPT_TEXT, 0, "TEXTO", "motivo", NULL, 0 },
	END_OPTS,
};

static int prorrogar(struct session *s, const struct args *a)
{
	struct _ws__ProrrogarValidadeProposta in = { 0 };
	struct _ws__ProrrogarValidadePropostaResponse out = { 0 };

	in.Cabecalho = session_header(s);
	in.IdProposta = args_id(s->soap, a, "id");
	in.Versao = args_int(s->soap, a, "versao");
	in.NovaValidade = args_text(s->soap, a, "nova-validade");
	in.Motivo = args_text(s->soap, a, "motivo");
	int rc = soap_call___ws__ProrrogarValidadeProposta(s->soap, s->url, NULL, &in, &out);
	return session_finish(s, rc, out.Resultado);
}

/* --- consultar-proposta: <xs:element name="ConsultarProposta"> ------------- */
static const struct opt consultar_proposta_opts[] = {
	{ "id", OPT_ID, 0, "ID", "a proposta", NULL, 0 },
	END_OPTS,
};

static int consultar_proposta(struct session *s, const struct args *a)
{
	struct _ws__ConsultarProposta in = { 0 };
	struct _ws__ConsultarPropostaResponse out = { 0 };

	in.Cabecalho = session_header(s);
	in.IdProposta = args_id(s->soap, a, "id");
	int rc = soap_call___ws__ConsultarProposta(s->soap, s->url, NULL, &in, &out);
	return session_finish(s, rc, out.Resultado);
}

/* --- propostas: <xs:element name="ListarPropostas"> Cabecalho, Filtro?,
 * Paginacao? ------------------------------------------------------------------ */
static const struct opt propostas_opts[] = {
	{ "id-atendimento", OPT_ID, 0, "ID", "deste atendimento", NULL, 0 },
	{ "id-veiculo-estoque", OPT_ID, 0, "ID", "deste veículo", NULL, 0 },
	{ "situacao", OPT_CHOICE, 0, "SITUACAO", "nesta situação", situacoes_proposta, 0 },
	ARGS_PAGING_OPTS,
	END_OPTS,
};

static int propostas(struct session *s, const struct args *a)
{
	struct _ws__ListarPropostas in = { 0 };
	struct _ws__ListarPropostasResponse out = { 0 };
	struct soap *soap = s->soap;
	struct ws__FiltroProposta *f = soap_new_ws__FiltroProposta(soap, 1);

	if (!f)
		return EXIT_TRANSPORT;
	in.Cabecalho = session_header(s);
	f->IdAtendimento = args_id(soap, a, "id-atendimento");
	f->IdVeiculoEstoque = args_id(soap, a, "id-veiculo-estoque");
	f->Situacao = arg_ws__SituacaoProposta(soap, a, "situacao");
	in.Filtro = f;
	in.Paginacao = args_paging(soap, a);
	int rc = soap_call___ws__ListarPropostas(soap, s->url, NULL, &in, &out);
	return session_finish(s, rc, out.Resultado);
}

/* --- avaliacao: <xs:element name="SolicitarAvaliacao"> Cabecalho, Avaliacao -- */
static const struct opt avaliacao_opts[] = {
	{ "id-atendimento", OPT_ID, 0, "ID", "atendimento aberto (o cliente dele)", NULL, 0 },
	{ "id-pessoa", OPT_ID, 0, "ID", "ou a pessoa dona do veículo", NULL, 0 },
	{ "placa", OPT_TEXT, 0, "PLACA", "placa", NULL, 0 },
	{ "chassi", OPT_TEXT, 0, "VIN", "chassi", NULL, 0 },
	{ "marca", OPT_TEXT, 0, "TEXTO", "marca", NULL, 0 },
	{ "modelo", OPT_TEXT, 0, "TEXTO", "modelo", NULL, 0 },
	{ "versao-modelo", OPT_TEXT, 0, "TEXTO", "versão", NULL, 0 },
	{ "ano-fabricacao", OPT_INT, 0, "AAAA", "ano de fabricação", NULL, 0 },
	{ "ano-modelo", OPT_INT, 0, "AAAA", "ano do modelo", NULL, 0 },
	{ "cor", OPT_TEXT, 0, "TEXTO", "cor", NULL, 0 },
	{ "quilometragem", OPT_INT, 0, "KM", "hodômetro", NULL, 0 },
	{ "avarias", OPT_TEXT, 0, "TEXTO", "avarias", NULL, 0 },
	{ "motivo", OPT_TEXT, 0, "TEXTO", "motivo da avaliação", NULL, 0 },
	END_OPTS,
};

static int avaliacao(struct session *s, const struct args *a)
{
	struct _ws__SolicitarAvaliacao in = { 0 };
	struct _ws__SolicitarAvaliacaoResponse out = { 0 };
	struct soap *soap = s->soap;
	struct ws__Avaliacao *v = soap_new_ws__Avaliacao(soap, 1);

	if (!v)
		return EXIT_TRANSPORT;
	in.Cabecalho = session_header(s);
	v->IdAtendimento = args_id(soap, a, "id-atendimento");
	v->IdPessoa = args_id(soap, a, "id-pessoa");
	v->Placa = args_text(soap, a, "placa");
	v->Chassi = args_text(soap, a, "chassi");
	v->Marca = args_text(soap, a, "marca");
	v->Modelo = args_text(soap, a, "modelo");
	v->VersaoModelo = args_text(soap, a, "versao-modelo");
	v->AnoFabricacao = args_int(soap, a, "ano-fabricacao");
	v->AnoModelo = args_int(soap, a, "ano-modelo");
	v->Cor = args_text(soap, a, "cor");
	v->Quilometragem = args_int(soap, a, "quilometragem");
	v->Avarias = args_text(soap, a, "avarias");
	v->Motivo = args_text(soap, a, "motivo");
	in.Avaliacao = v;
	int rc = soap_call___ws__SolicitarAvaliacao(soap, s->url, NULL, &in, &out);
	return session_finish(s, rc, out.Resultado);
}

/* --- avaliacao-resultado: <xs:element name="RegistrarResultadoAvaliacao">
 * Cabecalho, IdAvaliacao?, ValorAvaliado?, PrevisaoReparos?, Observacao? ------ */
static const struct opt resultado_opts[] = {
	{ "id", OPT_ID, 0, "ID", "a avaliação", NULL, 0 },
	{ "valor", OPT_TEXT, 0, "VALOR", "valor avaliado", NULL, 0 },
	{ "reparos", OPT_TEXT, 0, "VALOR", "previsão de reparos", NULL, 0 },
	{ "observacao", OPT_TEXT, 0, "TEXTO", "observação", NULL, 0 },
	END_OPTS,
};

static int avaliacao_resultado(struct session *s, const struct args *a)
{
	struct _ws__RegistrarResultadoAvaliacao in = { 0 };
	struct _ws__RegistrarResultadoAvaliacaoResponse out = { 0 };

	in.Cabecalho = session_header(s);
	in.IdAvaliacao = args_id(s->soap, a, "id");
	in.ValorAvaliado = args_text(s->soap, a, "valor");
	in.PrevisaoReparos = args_text(s->soap, a, "reparos");
	in.Observacao = args_text(s->soap, a, "observacao");
	int rc = soap_call___ws__RegistrarResultadoAvaliacao(s->soap, s->url, NULL, &in, &out);
	return session_finish(s, rc, out.Resultado);
}

/* --- consultar-avaliacao: <xs:element name="ConsultarAvaliacao"> ----------- */
static const struct opt consultar_avaliacao_opts[] = {
	{ "id", OPT_ID, 0, "ID", "a avaliação", NULL, 0 },
	END_OPTS,
};

static int consultar_avaliacao(struct session *s, const struct args *a)
{
	struct _ws__ConsultarAvaliacao in = { 0 };
	struct _ws__ConsultarAvaliacaoResponse out = { 0 };

	in.Cabecalho = session_header(s);
	in.IdAvaliacao = args_id(s->soap, a, "id");
	int rc = soap_call___ws__ConsultarAvaliacao(s->soap, s->url, NULL, &in, &out);
	return session_finish(s, rc, out.Resultado);
}

static const struct command commands[] = {
	{ "estoque-incluir", "IncluirVeiculoEstoque", "inclui um veículo no estoque da empresa",
	  estoque_incluir_opts, NULL, false, estoque_incluir },
	{ "estoque", "PesquisarEstoque", "pesquisa o estoque (depósito, modelo com %, preço...)",
	  estoque_opts, NULL, false, estoque },
	{ "interesse", "RegistrarVeiculoInteresse", "registra um veículo de interesse no atendimento",
	  interesse_opts, NULL, false, interesse },
	{ "reservar", "ReservarVeiculo", "reserva um veículo do estoque para o cliente (horas ou dias)",
	  reservar_opts, NULL, false, reservar },
	{ "cancelar-reserva", "CancelarReserva", "cancela uma reserva ativa",
	  cancelar_reserva_opts, NULL, false, cancelar_reserva },
	{ "proposta", "IncluirProposta", "proposta do atendimento para um veículo (preço, desconto, pagamento, troca)",
	  proposta_opts, NULL, false, proposta },
	{ "aprovar", "AprovarProposta", "aprova uma proposta AGUARDANDO_APROVACAO (gerente)",
	  decisao_opts, NULL, false, aprovar },
	{ "reprovar", "ReprovarProposta", "reprova uma proposta AGUARDANDO_APROVACAO (gerente)",
	  decisao_opts, NULL, false, reprovar },
	{ "prorrogar", "ProrrogarValidadeProposta", "prorroga a validade de uma proposta (gerente)",
	  prorrogar_opts, NULL, false, prorrogar },
	{ "consultar-proposta", "ConsultarProposta", "uma proposta",
	  consultar_proposta_opts, NULL, false, consultar_proposta },
	{ "propostas", "ListarPropostas", "propostas por atendimento, veículo ou situação",
	  propostas_opts, NULL, false, propostas },
	{ "avaliacao", "SolicitarAvaliacao", "pede a avaliação de um usado (troca)",
	  avaliacao_opts, NULL, false, avaliacao },
	{ "avaliacao-resultado", "RegistrarResultadoAvaliacao", "valor avaliado e previsão de reparos",
	  resultado_opts, NULL, false, avaliacao_resultado },
	{ "consultar-avaliacao", "ConsultarAvaliacao", "uma avaliação",
	  consultar_avaliacao_opts, NULL, false, consultar_avaliacao },
	{ NULL, NULL, NULL, NULL, NULL, false, NULL },
};

const struct area venda_area = {
	"venda", "estoque, interesse, reservas, avaliações e propostas", commands,
};
