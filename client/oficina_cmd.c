/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * oficina_cmd.c - `wsatend oficina`: the after-sales workshop (wsdl/xsd/oficina.xsd):
 * reference lists, free slots, bookings and their lifecycle, conversion into a work
 * order.
 *
 * Times are xsd:dateTime; a value typed without offset gets the local one (the
 * server judges it in the branch's own time zone). Lifecycle commands take the
 * booking's Id and the Versao last read (a stale one is CONFLITO_VERSAO).
 */
#include "commands.h"

#include <stdlib.h>
#include <string.h>

#define END_OPTS { NULL, 0, 0, NULL, NULL, NULL, 0 }

static const char *const kinds[] = { "CONSULTOR", "TECNICO", NULL };
static const char *const channels[] = { "TELEFONE", "WHATSAPP", "SMS", "EMAIL", "CHATBOT", "PRESENCIAL", NULL };

/* --- reference lists ------------------------------------------------------ */
static const struct opt paging_opts[] = {
	ARGS_PAGING_OPTS,
	END_OPTS,
};

static int servicos(struct session *s, const struct args *a)
{
	struct _ws__ListarServicosTMO in = { 0 };
	struct _ws__ListarServicosTMOResponse out = { 0 };

	in.Cabecalho = session_header(s);
	in.Paginacao = args_paging(s->soap, a);
	int rc = soap_call___ws__ListarServicosTMO(s->soap, s->url, NULL, &in, &out);

	return session_finish(s, rc, out.Resultado);
}

static int tipos_os(struct session *s, const struct args *a)
{
	struct _ws__ListarTiposOS in = { 0 };
	struct _ws__ListarTiposOSResponse out = { 0 };

	in.Cabecalho = session_header(s);
	in.Paginacao = args_paging(s->soap, a);
	int rc = soap_call___ws__ListarTiposOS(s->soap, s->url, NULL, &in, &out);

	return session_finish(s, rc, out.Resultado);
}

static int tipos_agendamento(struct session *s, const struct args *a)
{
	struct _ws__ListarTiposAgendamento in = { 0 };
	struct _ws__ListarTiposAgendamentoResponse out = { 0 };

	in.Cabecalho = session_header(s);
	in.Paginacao = args_paging(s->soap, a);
	int rc = soap_call___ws__ListarTiposAgendamento(s->soap, s->url, NULL, &in, &out);

	return session_finish(s, rc, out.Resultado);
}

static const struct opt produtivos_opts[] = {
	{ "tipo", OPT_CHOICE, 0, "TIPO", "CONSULTOR ou TECNICO", kinds, 0 },
	ARGS_PAGING_OPTS,
	END_OPTS,
};

static int produtivos(struct session *s, const struct args *a)
{
	struct _ws__ListarProdutivos in = { 0 };
	struct _ws__ListarProdutivosResponse out = { 0 };

	in.Cabecalho = session_header(s);
	in.Tipo = args_text(s->soap, a, "tipo");
	in.Paginacao = args_paging(s->soap, a);
	int rc = soap_call___ws__ListarProdutivos(s->soap, s->url, NULL, &in, &out);

	return session_finish(s, rc, out.Resultado);
}

/* Every value of a repeatable option, in the soap arena. */
static char **all_texts(struct soap *soap, const struct args *a, const char *name, int *n)
{
	*n = (int)args_count(a, name);
	if (!*n)
		return NULL;
	char **v = soap_malloc(soap, sizeof *v * (size_t)*n);
	for (int i = 0; v && i < *n; i++)
		v[i] = soap_strdup(soap, args_nth(a, name, (size_t)i));
	return v;
}

/* --- horarios: <xs:element name="ConsultarHorariosDisponiveis"> ----------- */
static const struct opt horarios_opts[] = {
	{ "data", OPT_DATE, 0, "AAAA-MM-DD", "dia (no fuso da empresa)", NULL, 0 },
	{ "turno", OPT_INT, 0, "N", "1 manhã, 2 tarde, 3 todos (padrão)", NULL, 0 },
	{ "tipo-produtivo", OPT_CHOICE, 0, "TIPO", "CONSULTOR (padrão) ou TECNICO", kinds, 0 },
	{ "produtivo", OPT_TEXT, 0, "CODIGO", "só este consultor ou técnico", NULL, 0 },
	{ "servico", OPT_TEXT, OPT_MULTI, "CODIGO", "serviço desejado (repita); define a duração", NULL, 0 },
	END_OPTS,
};

static int horarios(struct session *s, const struct args *a)
{
	struct _ws__ConsultarHorariosDisponiveis in = { 0 };
	struct _ws__ConsultarHorariosDisponiveisResponse out = { 0 };

	in.Cabecalho = session_header(s);
	in.Data = args_text(s->soap, a, "data");
	in.Turno = args_int(s->soap, a, "turno");
	in.TipoProdutivo = args_text(s->soap, a, "tipo-produtivo");
	in.Produtivo = args_text(s->soap, a, "produtivo");
	in.Servico = all_texts(s->soap, a, "servico", &in.__sizeServico);
	int rc = soap_call___ws__ConsultarHorariosDisponiveis(s->soap, s->url, NULL, &in, &out);

	return session_finish(s, rc, out.Resultado);
}

/* --- agendar: <xs:element name="IncluirAgendamento"> ---------------------- */
static const struct opt agendar_opts[] = {
	{ "id-externo", OPT_TEXT, 0, "ID", "sua chave para o agendamento", NULL, 0 },
	{ "id-veiculo", OPT_ID, 0, "ID", "Id do veículo", NULL, 0 },
	{ "placa", OPT_TEXT, 0, "PLACA", "ou a placa (antiga ou Mercosul)", NULL, 0 },
	{ "chassi", OPT_TEXT, 0, "VIN", "ou o chassi", NULL, 0 },
	{ "id-cliente", OPT_ID, 0, "ID", "cliente (padrão: proprietário do veículo)", NULL, 0 },
	{ "id-atendimento", OPT_ID, 0, "ID", "atendimento de origem", NULL, 0 },
	{ "quilometragem", OPT_INT, 0, "KM", "hodômetro", NULL, 0 },
	{ "data-hora", OPT_DATETIME, 0, "DATAHORA", "início (um horário de ConsultarHorariosDisponiveis)", NULL, 0 },
	{ "consultor", OPT_TEXT, 0, "CODIGO", "consultor (padrão: o primeiro livre)", NULL, 0 },
	{ "tipo", OPT_TEXT, 0, "CODIGO", "tipo de agendamento (padrão RECEPTIVO)", NULL, 0 },
	{ "servico", OPT_TEXT, OPT_MULTI, "CODIGO", "serviço (repita)", NULL, 0 },
	{ "peca", OPT_TEXT, OPT_MULTI, "CODIGO:QTD", "peça a reservar (repita), ex. FILTRO:1", NULL, 0 },
	{ "observacao", OPT_TEXT, 0, "TEXTO", "observação", NULL, 0 },
	END_OPTS,
};

static int agendar(struct session *s, const struct args *a)
{
	struct _ws__IncluirAgendamento in = { 0 };
	struct _ws__IncluirAgendamentoResponse out = { 0 };
	struct ws__Agendamento *b = soap_new_ws__Agendamento(s->soap, 1);
	int n;

	if (!b)
		return EXIT_TRANSPORT;
	in.Cabecalho = session_header(s);
	in.Agendamento = b;
	b->IdExterno = args_text(s->soap, a, "id-externo");
	b->IdVeiculo = args_id(s->soap, a, "id-veiculo");
	b->Placa = args_text(s->soap, a, "placa");
	b->Chassi = args_text(s->soap, a, "chassi");
	b->IdCliente = args_id(s->soap, a, "id-cliente");
	b->IdAtendimento = args_id(s->soap, a, "id-atendimento");
	b->Quilometragem = args_int(s->soap, a, "quilometragem");
	b->DataHora = args_text(s->soap, a, "data-hora");
	b->Consultor = args_text(s->soap, a, "consultor");
	b->TipoAgendamento = args_text(s->soap, a, "tipo");
	b->Observacao = args_text(s->soap, a, "observacao");
	char **codes = all_texts(s->soap, a, "servico", &n);
	b->__sizeServico = n;
	b->Servico = n ? soap_new_ws__ServicoAgendado(s->soap, n) : NULL;
	for (int i = 0; b->Servico && i < n; i++)
		b->Servico[i].Codigo = codes[i];
	char **parts = all_texts(s->soap, a, "peca", &n);
	b->__sizePeca = n;
	b->Peca = n ? soap_new_ws__PecaReservada(s->soap, n) : NULL;
	for (int i = 0; b->Peca && i < n; i++) {
		char *colon = strrchr(parts[i], ':');
		b->Peca[i].Codigo = parts[i];
		b->Peca[i].Quantidade = (char *)"1";
		if (colon) {
			*colon = '\0';
			b->Peca[i].Quantidade = colon + 1;
		}
	}
	int rc = soap_call___ws__IncluirAgendamento(s->soap, s->url, NULL, &in, &out);

	return session_finish(s, rc, out.Resultado);
}

/* --- lifecycle ------------------------------------------------------------ */
#define LIFECYCLE_OPTS                                                                       \
	{ "id", OPT_ID, 0, "ID", "Id do agendamento", NULL, 0 },                            \
	{ "versao", OPT_INT, 0, "N", "Versao lida por último", NULL, 0 }

static LONG64 id_of(const struct args *a)
{
	const char *v = args_value(a, "id");
	return v ? strtoll(v, NULL, 10) : 0;
}

static int versao_of(const struct args *a)
{
	const char *v = args_value(a, "versao");
	return v ? atoi(v) : 0;
}

static const struct opt reagendar_opts[] = {
	LIFECYCLE_OPTS,
	{ "data-hora", OPT_DATETIME, 0, "DATAHORA", "novo início", NULL, 0 },
	{ "consultor", OPT_TEXT, 0, "CODIGO", "outro consultor", NULL, 0 },
	{ "motivo", OPT_TEXT, 0, "TEXTO", "motivo (obrigatório)", NULL, 0 },
	END_OPTS,
};

static int reagendar(struct session *s, const struct args *a)
{
	struct _ws__ReagendarAgendamento in = { 0 };
	struct _ws__ReagendarAgendamentoResponse out = { 0 };

	in.Cabecalho = session_header(s);
	in.IdAgendamento = id_of(a);
	in.Versao = versao_of(a);
	in.DataHora = args_text(s->soap, a, "data-hora");
	in.Consultor = args_text(s->soap, a, "consultor");
	in.Motivo = args_text(s->soap, a, "motivo");
	int rc = soap_call___ws__ReagendarAgendamento(s->soap, s->url, NULL, &in, &out);

	return session_finish(s, rc, out.Resultado);
}

static const struct opt confirmar_opts[] = {
	LIFECYCLE_OPTS,
	{ "canal", OPT_CHOICE, 0, "CANAL", "como o cliente confirmou", channels, 0 },
	END_OPTS,
};

static int confirmar(struct session *s, const struct args *a)
{
	struct _ws__ConfirmarAgendamento in = { 0 };
	struct _ws__ConfirmarAgendamentoResponse out = { 0 };

	in.Cabecalho = session_header(s);
	in.IdAgendamento = id_of(a);
	in.Versao = versao_of(a);
	in.Canal = args_text(s->soap, a, "canal");
	int rc = soap_call___ws__ConfirmarAgendamento(s->soap, s->url, NULL, &in, &out);

	return session_finish(s, rc, out.Resultado);
}

static const struct opt cancelar_opts[] = {
	LIFECYCLE_OPTS,
	{ "motivo", OPT_TEXT, 0, "TEXTO", "motivo (obrigatório)", NULL, 0 },
	END_OPTS,
};

static int cancelar(struct session *s, const struct args *a)
{
	struct _ws__CancelarAgendamento in = { 0 };
	struct _ws__CancelarAgendamentoResponse out = { 0 };

	in.Cabecalho = session_header(s);
	in.IdAgendamento = id_of(a);
	in.Versao = versao_of(a);
	in.Motivo = args_text(s->soap, a, "motivo");
	int rc = soap_call___ws__CancelarAgendamento(s->soap, s->url, NULL, &in, &out);

	return session_finish(s, rc, out.Resultado);
}

static const struct opt no_show_opts[] = {
	LIFECYCLE_OPTS,
	{ "observacao", OPT_TEXT, 0, "TEXTO", "observação", NULL, 0 },
	END_OPTS,
};

static int no_show(struct session *s, const struct args *a)
{
	struct _ws__RegistrarNoShow in = { 0 };
	struct _ws__RegistrarNoShowResponse out = { 0 };

	in.Cabecalho = session_header(s);
	in.IdAgendamento = id_of(a);
	in.Versao = versao_of(a);
	in.Observacao = args_text(s->soap, a, "observacao");
	int rc = soap_call___ws__RegistrarNoShow(s->soap, s->url, NULL, &in, &out);

	return session_finish(s, rc, out.Resultado);
}

static const struct opt converter_opts[] = {
	LIFECYCLE_OPTS,
	{ "tipo-os", OPT_TEXT, 0, "CODIGO", "tipo de OS (padrão REVISAO)", NULL, 0 },
	{ "quilometragem", OPT_INT, 0, "KM", "hodômetro na entrada", NULL, 0 },
	{ "previsao-entrega", OPT_DATETIME, 0, "DATAHORA", "previsão de entrega", NULL, 0 },
	END_OPTS,
};

static int converter(struct session *s, const struct args *a)
{
	struct _ws__ConverterAgendamentoEmOS in = { 0 };
	struct _ws__ConverterAgendamentoEmOSResponse out = { 0 };

	in.Cabecalho = session_header(s);
	in.IdAgendamento = id_of(a);
	in.Versao = versao_of(a);
	in.TipoOS = args_text(s->soap, a, "tipo-os");
	in.Quilometragem = args_int(s->soap, a, "quilometragem");
	in.PrevisaoEntrega = args_text(s->soap, a, "previsao-entrega");
	int rc = soap_call___ws__ConverterAgendamentoEmOS(s->soap, s->url, NULL, &in, &out);

	return session_finish(s, rc, out.Resultado);
}

/* --- reads ---------------------------------------------------------------- */
static const struct opt listar_opts[] = {
	{ "de", OPT_DATETIME, 0, "DATAHORA", "início a partir de", NULL, 0 },
	{ "ate", OPT_DATETIME, 0, "DATAHORA", "início até", NULL, 0 },
	{ "situacao", OPT_TEXT, 0, "SITUACAO", "AGENDADO, CONFIRMADO, CONVERTIDO_OS, CANCELADO, NAO_COMPARECEU", NULL, 0 },
	{ "consultor", OPT_TEXT, 0, "CODIGO", "consultor", NULL, 0 },
	{ "id-veiculo", OPT_ID, 0, "ID", "veículo", NULL, 0 },
	{ "id-cliente", OPT_ID, 0, "ID", "cliente", NULL, 0 },
	ARGS_PAGING_OPTS,
	END_OPTS,
};

static int listar(struct session *s, const struct args *a)
{
	struct _ws__ListarAgendamentos in = { 0 };
	struct _ws__ListarAgendamentosResponse out = { 0 };
	struct ws__FiltroAgendamento *f = soap_new_ws__FiltroAgendamento(s->soap, 1);

	if (!f)
		return EXIT_TRANSPORT;
	in.Cabecalho = session_header(s);
	in.Filtro = f;
	f->DataHoraInicio = args_text(s->soap, a, "de");
	f->DataHoraFim = args_text(s->soap, a, "ate");
	f->Situacao = args_text(s->soap, a, "situacao");
	f->Consultor = args_text(s->soap, a, "consultor");
	f->IdVeiculo = args_id(s->soap, a, "id-veiculo");
	f->IdCliente = args_id(s->soap, a, "id-cliente");
	in.Paginacao = args_paging(s->soap, a);
	int rc = soap_call___ws__ListarAgendamentos(s->soap, s->url, NULL, &in, &out);

	return session_finish(s, rc, out.Resultado);
}

static const struct opt consultar_opts[] = {
	{ "id", OPT_ID, 0, "ID", "Id do agendamento", NULL, 0 },
	{ "id-externo", OPT_TEXT, 0, "ID", "ou a sua chave", NULL, 0 },
	END_OPTS,
};

static int consultar(struct session *s, const struct args *a)
{
	struct _ws__ConsultarAgendamento in = { 0 };
	struct _ws__ConsultarAgendamentoResponse out = { 0 };

	in.Cabecalho = session_header(s);
	in.IdAgendamento = args_id(s->soap, a, "id");
	in.IdExterno = args_text(s->soap, a, "id-externo");
	int rc = soap_call___ws__ConsultarAgendamento(s->soap, s->url, NULL, &in, &out);

	return session_finish(s, rc, out.Resultado);
}

/* --- work orders --------------------------------------------------------- */
static const struct opt abrir_os_opts[] = {
	{ "id-externo", OPT_TEXT, 0, "ID", "sua chave para a OS", NULL, 0 },
	{ "id-veiculo", OPT_ID, 0, "ID", "Id do veículo", NULL, 0 },
	{ "placa", OPT_TEXT, 0, "PLACA", "ou a placa (antiga ou Mercosul)", NULL, 0 },
	{ "chassi", OPT_TEXT, 0, "VIN", "ou o chassi", NULL, 0 },
	{ "id-cliente", OPT_ID, 0, "ID", "cliente (padrão: proprietário)", NULL, 0 },
	{ "id-atendimento", OPT_ID, 0, "ID", "atendimento de origem", NULL, 0 },
	{ "id-agendamento", OPT_ID, 0, "ID", "abre a OS deste agendamento", NULL, 0 },
	{ "tipo-os", OPT_TEXT, 0, "CODIGO", "tipo de OS (padrão CLIENTE)", NULL, 0 },
	{ "consultor", OPT_TEXT, 0, "CODIGO", "consultor", NULL, 0 },
	{ "quilometragem", OPT_INT, 0, "KM", "hodômetro na entrada", NULL, 0 },
	{ "correcao-km", OPT_TEXT, 0, "MOTIVO", "permite hodômetro menor que o registrado", NULL, 0 },
	{ "previsao-entrega", OPT_DATETIME, 0, "DATAHORA", "previsão de entrega", NULL, 0 },
	{ "item", OPT_TEXT, OPT_MULTI, "TIPO:CODIGO:QTD:PRECO[:DESC%]",
	  "item (repita), ex. MAO_DE_OBRA:FREIO:2.5:150:10 ou PECA:PASTILHA:4:45.90", NULL, 0 },
	{ "observacao", OPT_TEXT, 0, "TEXTO", "observação", NULL, 0 },
	END_OPTS,
};

static int abrir_os(struct session *s, const struct args *a)
{
	struct _ws__AbrirOS in = { 0 };
	struct _ws__AbrirOSResponse out = { 0 };
	struct ws__OrdemServico *o = soap_new_ws__OrdemServico(s->soap, 1);
	int n;

	if (!o)
		return EXIT_TRANSPORT;
	in.Cabecalho = session_header(s);
	in.OrdemServico = o;
	o->IdExterno = args_text(s->soap, a, "id-externo");
	o->IdVeiculo = args_id(s->soap, a, "id-veiculo");
	o->Placa = args_text(s->soap, a, "placa");
	o->Chassi = args_text(s->soap, a, "chassi");
	o->IdCliente = args_id(s->soap, a, "id-cliente");
	o->IdAtendimento = args_id(s->soap, a, "id-atendimento");
	o->IdAgendamento = args_id(s->soap, a, "id-agendamento");
	o->TipoOS = args_text(s->soap, a, "tipo-os");
	o->Consultor = args_text(s->soap, a, "consultor");
	o->Quilometragem = args_int(s->soap, a, "quilometragem");
	o->PrevisaoEntrega = args_text(s->soap, a, "previsao-entrega");
	o->Observacao = args_text(s->soap, a, "observacao");
	char **items = all_texts(s->soap, a, "item", &n);
	o->__sizeItem = n;
	o->Item = n ? soap_new_ws__ItemOS(s->soap, n) : NULL;
	for (int i = 0; o->Item && i < n; i++) {
		/* TIPO:CODIGO:QTD:PRECO[:DESC]; the server checks every part */
		char *field[5] = { NULL, NULL, NULL, NULL, NULL }, *save = NULL;
		int k = 0;
		for (char *t = strtok_r(items[i], ":", &save); t && k < 5; t = strtok_r(NULL, ":", &save))
			field[k++] = t;
		o->Item[i].Tipo = field[0];
		o->Item[i].Codigo = field[1];
		o->Item[i].Quantidade = field[2];
		o->Item[i].PrecoUnitario = field[3];
		o->Item[i].DescontoPercentual = field[4];
	}
	if (args_value(a, "correcao-km") &&
	    (in.CorrecaoQuilometragem = soap_new_ws__CorrecaoQuilometragem(s->soap, 1)))
		in.CorrecaoQuilometragem->Motivo = args_text(s->soap, a, "correcao-km");
	int rc = soap_call___ws__AbrirOS(s->soap, s->url, NULL, &in, &out);

	return session_finish(s, rc, out.Resultado);
}

#define OS_OPTS                                                                              \
	{ "id", OPT_ID, 0, "ID", "Id da OS / do orçamento", NULL, 0 },                                    \
	{ "versao", OPT_INT, 0, "N", "Versao lida por último", NULL, 0 }

static const struct opt prorrogar_os_opts[] = {
	OS_OPTS,
	{ "previsao-entrega", OPT_DATETIME, 0, "DATAHORA", "nova previsão", NULL, 0 },
	{ "motivo", OPT_TEXT, 0, "TEXTO", "motivo (obrigatório)", NULL, 0 },
	END_OPTS,
};

static int prorrogar_os(struct session *s, const struct args *a)
{
	struct _ws__ProrrogarEntregaOS in = { 0 };
	struct _ws__ProrrogarEntregaOSResponse out = { 0 };

	in.Cabecalho = session_header(s);
	in.IdOS = id_of(a);
	in.Versao = versao_of(a);
	in.PrevisaoEntrega = args_text(s->soap, a, "previsao-entrega");
	in.Motivo = args_text(s->soap, a, "motivo");
	int rc = soap_call___ws__ProrrogarEntregaOS(s->soap, s->url, NULL, &in, &out);

	return session_finish(s, rc, out.Resultado);
}

static const struct opt resposta_opts[] = {
	OS_OPTS,
	{ "aprovado", OPT_INT, OPT_MULTI, "ITEM", "número do item aprovado (repita)", NULL, 0 },
	{ "recusado", OPT_INT, OPT_MULTI, "ITEM", "número do item recusado (repita)", NULL, 0 },
	END_OPTS,
};

static int resposta_cliente(struct session *s, const struct args *a)
{
	struct _ws__RegistrarRespostaCliente in = { 0 };
	struct _ws__RegistrarRespostaClienteResponse out = { 0 };
	int yes = (int)args_count(a, "aprovado"), no = (int)args_count(a, "recusado");

	in.Cabecalho = session_header(s);
	in.IdOS = id_of(a);
	in.Versao = versao_of(a);
	in.__sizeResposta = yes + no;
	in.Resposta = yes + no ? soap_new_ws__RespostaItemOS(s->soap, yes + no) : NULL;
	for (int i = 0; in.Resposta && i < yes + no; i++) {
		in.Resposta[i].NumeroItem = atoi(i < yes ? args_nth(a, "aprovado", (size_t)i)
							 : args_nth(a, "recusado", (size_t)(i - yes)));
		in.Resposta[i].Resposta = (char *)(i < yes ? "APROVADO" : "RECUSADO");
	}
	int rc = soap_call___ws__RegistrarRespostaCliente(s->soap, s->url, NULL, &in, &out);

	return session_finish(s, rc, out.Resultado);
}

static const struct opt encerrar_os_opts[] = {
	OS_OPTS,
	{ "observacao", OPT_TEXT, 0, "TEXTO", "observação", NULL, 0 },
	END_OPTS,
};

static int encerrar_os(struct session *s, const struct args *a)
{
	struct _ws__EncerrarOS in = { 0 };
	struct _ws__EncerrarOSResponse out = { 0 };

	in.Cabecalho = session_header(s);
	in.IdOS = id_of(a);
	in.Versao = versao_of(a);
	in.Observacao = args_text(s->soap, a, "observacao");
	int rc = soap_call___ws__EncerrarOS(s->soap, s->url, NULL, &in, &out);

	return session_finish(s, rc, out.Resultado);
}

static const struct opt os_opts[] = {
	{ "id", OPT_ID, 0, "ID", "Id da OS", NULL, 0 },
	{ "id-externo", OPT_TEXT, 0, "ID", "ou a sua chave", NULL, 0 },
	END_OPTS,
};

static int consultar_os(struct session *s, const struct args *a)
{
	struct _ws__ConsultarOS in = { 0 };
	struct _ws__ConsultarOSResponse out = { 0 };

	in.Cabecalho = session_header(s);
	in.IdOS = args_id(s->soap, a, "id");
	in.IdExterno = args_text(s->soap, a, "id-externo");
	int rc = soap_call___ws__ConsultarOS(s->soap, s->url, NULL, &in, &out);

	return session_finish(s, rc, out.Resultado);
}

static const struct opt listar_os_opts[] = {
	{ "placa", OPT_TEXT, 0, "PLACA", "placa (qualquer forma)", NULL, 0 },
	{ "chassi", OPT_TEXT, 0, "VIN", "chassi ou seus 6 últimos", NULL, 0 },
	{ "id-veiculo", OPT_ID, 0, "ID", "veículo", NULL, 0 },
	{ "id-cliente", OPT_ID, 0, "ID", "cliente", NULL, 0 },
	{ "situacao", OPT_TEXT, 0, "SITUACAO", "ABERTA ou ENCERRADA", NULL, 0 },
	{ "alterado-desde", OPT_DATETIME, 0, "DATAHORA", "alteradas desde", NULL, 0 },
	ARGS_PAGING_OPTS,
	END_OPTS,
};

static int listar_os(struct session *s, const struct args *a)
{
	struct _ws__ListarOS in = { 0 };
	struct _ws__ListarOSResponse out = { 0 };
	struct ws__FiltroOS *f = soap_new_ws__FiltroOS(s->soap, 1);

	if (!f)
		return EXIT_TRANSPORT;
	in.Cabecalho = session_header(s);
	in.Filtro = f;
	f->Placa = args_text(s->soap, a, "placa");
	f->Chassi = args_text(s->soap, a, "chassi");
	f->IdVeiculo = args_id(s->soap, a, "id-veiculo");
	f->IdCliente = args_id(s->soap, a, "id-cliente");
	f->Situacao = args_text(s->soap, a, "situacao");
	f->AlteradoDesde = args_text(s->soap, a, "alterado-desde");
	in.Paginacao = args_paging(s->soap, a);
	int rc = soap_call___ws__ListarOS(s->soap, s->url, NULL, &in, &out);

	return session_finish(s, rc, out.Resultado);
}

/* --- quotes -------------------------------------------------------------- */
static const char *const contact_kinds[] = { "LIGACAO", "EMAIL", "WHATSAPP", "SMS", "VISITA", NULL };
ARGS_DEFINE_ENUM(ws__TipoProximoContato)

static const struct opt orcamento_opts[] = {
	{ "id-externo", OPT_TEXT, 0, "ID", "sua chave para o orçamento", NULL, 0 },
	{ "id-veiculo", OPT_ID, 0, "ID", "Id do veículo", NULL, 0 },
	{ "placa", OPT_TEXT, 0, "PLACA", "ou a placa", NULL, 0 },
	{ "chassi", OPT_TEXT, 0, "VIN", "ou o chassi", NULL, 0 },
	{ "id-cliente", OPT_ID, 0, "ID", "cliente (padrão: proprietário)", NULL, 0 },
	{ "id-atendimento", OPT_ID, 0, "ID", "atendimento (necessário com próximo contato)", NULL, 0 },
	{ "tipo-os", OPT_TEXT, 0, "CODIGO", "tipo de OS (padrão CLIENTE)", NULL, 0 },
	{ "quilometragem", OPT_INT, 0, "KM", "hodômetro", NULL, 0 },
	{ "prazo-dias", OPT_INT, 0, "N", "prazo de entrega em dias", NULL, 0 },
	{ "validade", OPT_DATE, 0, "AAAA-MM-DD", "validade (padrão: da empresa)", NULL, 0 },
	{ "proximo-data-hora", OPT_DATETIME, 0, "DATAHORA", "próximo contato (vai para a agenda)", NULL, 0 },
	{ "proximo-tipo", OPT_CHOICE, 0, "TIPO", "tipo do próximo contato", contact_kinds, 0 },
	{ "item", OPT_TEXT, OPT_MULTI, "TIPO:CODIGO:QTD:PRECO[:DESC%]", "item (repita)", NULL, 0 },
	{ "observacao", OPT_TEXT, 0, "TEXTO", "observação", NULL, 0 },
	END_OPTS,
};

static int orcamento(struct session *s, const struct args *a)
{
	struct _ws__IncluirOrcamento in = { 0 };
	struct _ws__IncluirOrcamentoResponse out = { 0 };
	struct ws__Orcamento *q = soap_new_ws__Orcamento(s->soap, 1);
	int n;

	if (!q)
		return EXIT_TRANSPORT;
	in.Cabecalho = session_header(s);
	in.Orcamento = q;
	q->IdExterno = args_text(s->soap, a, "id-externo");
	q->IdVeiculo = args_id(s->soap, a, "id-veiculo");
	q->Placa = args_text(s->soap, a, "placa");
	q->Chassi = args_text(s->soap, a, "chassi");
	q->IdCliente = args_id(s->soap, a, "id-cliente");
	q->IdAtendimento = args_id(s->soap, a, "id-atendimento");
	q->TipoOS = args_text(s->soap, a, "tipo-os");
	q->Quilometragem = args_int(s->soap, a, "quilometragem");
	q->PrazoEntregaDias = args_int(s->soap, a, "prazo-dias");
	q->Validade = args_text(s->soap, a, "validade");
	q->Observacao = args_text(s->soap, a, "observacao");
	if (args_value(a, "proximo-data-hora") && (q->ProximoContato = soap_new_ws__ProximoContato(s->soap, 1))) {
		q->ProximoContato->DataHora = args_text(s->soap, a, "proximo-data-hora");
		q->ProximoContato->Tipo = arg_ws__TipoProximoContato(s->soap, a, "proximo-tipo");
	}
	char **items = all_texts(s->soap, a, "item", &n);
	q->__sizeItem = n;
	q->Item = n ? soap_new_ws__ItemOrcamento(s->soap, n) : NULL;
	for (int i = 0; q->Item && i < n; i++) {
		char *field[5] = { NULL, NULL, NULL, NULL, NULL }, *save = NULL;
		int k = 0;
		for (char *t = strtok_r(items[i], ":", &save); t && k < 5; t = strtok_r(NULL, ":", &save))
			field[k++] = t;
		q->Item[i].Tipo = field[0];
		q->Item[i].Codigo = field[1];
		q->Item[i].Quantidade = field[2];
		q->Item[i].PrecoUnitario = field[3];
		q->Item[i].DescontoPercentual = field[4];
	}
	int rc = soap_call___ws__IncluirOrcamento(s->soap, s->url, NULL, &in, &out);

	return session_finish(s, rc, out.Resultado);
}

static const struct opt aprovar_opts[] = {
	OS_OPTS,
	{ "item", OPT_INT, OPT_MULTI, "N", "item aprovado (repita); sem --item: todos", NULL, 0 },
	END_OPTS,
};

static int aprovar(struct session *s, const struct args *a)
{
	struct _ws__AprovarOrcamento in = { 0 };
	struct _ws__AprovarOrcamentoResponse out = { 0 };
	int n = (int)args_count(a, "item");

	in.Cabecalho = session_header(s);
	in.IdOrcamento = id_of(a);
	in.Versao = versao_of(a);
	in.__sizeItemAprovado = n;
	in.ItemAprovado = n ? soap_malloc(s->soap, sizeof *in.ItemAprovado * (size_t)n) : NULL;
	for (int i = 0; in.ItemAprovado && i < n; i++)
		in.ItemAprovado[i] = atoi(args_nth(a, "item", (size_t)i));
	int rc = soap_call___ws__AprovarOrcamento(s->soap, s->url, NULL, &in, &out);

	return session_finish(s, rc, out.Resultado);
}

static const struct opt id_versao_opts[] = {
	OS_OPTS,
	END_OPTS,
};

static int aprovar_desconto(struct session *s, const struct args *a)
{
	struct _ws__AprovarDescontoOrcamento in = { 0 };
	struct _ws__AprovarDescontoOrcamentoResponse out = { 0 };

	in.Cabecalho = session_header(s);
	in.IdOrcamento = id_of(a);
	in.Versao = versao_of(a);
	int rc = soap_call___ws__AprovarDescontoOrcamento(s->soap, s->url, NULL, &in, &out);

	return session_finish(s, rc, out.Resultado);
}

static const struct opt converter_orc_opts[] = {
	OS_OPTS,
	{ "quilometragem", OPT_INT, 0, "KM", "hodômetro na entrada", NULL, 0 },
	{ "previsao-entrega", OPT_DATETIME, 0, "DATAHORA", "previsão de entrega", NULL, 0 },
	END_OPTS,
};

static int converter_orcamento(struct session *s, const struct args *a)
{
	struct _ws__ConverterOrcamentoEmOS in = { 0 };
	struct _ws__ConverterOrcamentoEmOSResponse out = { 0 };

	in.Cabecalho = session_header(s);
	in.IdOrcamento = id_of(a);
	in.Versao = versao_of(a);
	in.Quilometragem = args_int(s->soap, a, "quilometragem");
	in.PrevisaoEntrega = args_text(s->soap, a, "previsao-entrega");
	int rc = soap_call___ws__ConverterOrcamentoEmOS(s->soap, s->url, NULL, &in, &out);

	return session_finish(s, rc, out.Resultado);
}

static const struct opt consultar_orc_opts[] = {
	{ "id", OPT_ID, 0, "ID", "Id do orçamento", NULL, 0 },
	{ "id-externo", OPT_TEXT, 0, "ID", "ou a sua chave", NULL, 0 },
	END_OPTS,
};

static int consultar_orcamento(struct session *s, const struct args *a)
{
	struct _ws__ConsultarOrcamento in = { 0 };
	struct _ws__ConsultarOrcamentoResponse out = { 0 };

	in.Cabecalho = session_header(s);
	in.IdOrcamento = args_id(s->soap, a, "id");
	in.IdExterno = args_text(s->soap, a, "id-externo");
	int rc = soap_call___ws__ConsultarOrcamento(s->soap, s->url, NULL, &in, &out);

	return session_finish(s, rc, out.Resultado);
}

/* --- vehicle side ------------------------------------------------------- */
static const char *const campaign_kinds[] = { "RECALL", "SERVICO", NULL };

static const struct opt carregar_opts[] = {
	{ "codigo", OPT_TEXT, 0, "CODIGO", "código da campanha", NULL, 0 },
	{ "descricao", OPT_TEXT, 0, "TEXTO", "descrição", NULL, 0 },
	{ "tipo", OPT_CHOICE, 0, "TIPO", "RECALL ou SERVICO", campaign_kinds, 0 },
	{ "inicio", OPT_DATE, 0, "AAAA-MM-DD", "início", NULL, 0 },
	{ "fim", OPT_DATE, 0, "AAAA-MM-DD", "fim (opcional)", NULL, 0 },
	{ "chassi", OPT_TEXT, OPT_MULTI, "VIN", "chassi coberto (repita)", NULL, 0 },
	END_OPTS,
};

static int carregar_campanha(struct session *s, const struct args *a)
{
	struct _ws__IncluirCampanha in = { 0 };
	struct _ws__IncluirCampanhaResponse out = { 0 };
	struct ws__CampanhaCarga *c = soap_new_ws__CampanhaCarga(s->soap, 1);

	if (!c)
		return EXIT_TRANSPORT;
	in.Cabecalho = session_header(s);
	in.Campanha = c;
	c->Codigo = args_text(s->soap, a, "codigo");
	c->Descricao = args_text(s->soap, a, "descricao");
	c->Tipo = args_text(s->soap, a, "tipo");
	c->DataInicio = args_text(s->soap, a, "inicio");
	c->DataFim = args_text(s->soap, a, "fim");
	in.Chassi = all_texts(s->soap, a, "chassi", &in.__sizeChassi);
	int rc = soap_call___ws__IncluirCampanha(s->soap, s->url, NULL, &in, &out);

	return session_finish(s, rc, out.Resultado);
}

static const struct opt campanhas_opts[] = {
	{ "id-veiculo", OPT_ID, 0, "ID", "Id do veículo", NULL, 0 },
	{ "chassi", OPT_TEXT, 0, "VIN", "ou o chassi", NULL, 0 },
	END_OPTS,
};

static int campanhas(struct session *s, const struct args *a)
{
	struct _ws__ConsultarCampanhasVeiculo in = { 0 };
	struct _ws__ConsultarCampanhasVeiculoResponse out = { 0 };

	in.Cabecalho = session_header(s);
	in.IdVeiculo = args_id(s->soap, a, "id-veiculo");
	in.Chassi = args_text(s->soap, a, "chassi");
	int rc = soap_call___ws__ConsultarCampanhasVeiculo(s->soap, s->url, NULL, &in, &out);

	return session_finish(s, rc, out.Resultado);
}

static const struct opt historico_opts[] = {
	{ "id-veiculo", OPT_ID, 0, "ID", "Id do veículo", NULL, 0 },
	{ "placa", OPT_TEXT, 0, "PLACA", "ou a placa", NULL, 0 },
	{ "chassi", OPT_TEXT, 0, "VIN", "ou o chassi", NULL, 0 },
	ARGS_PAGING_OPTS,
	END_OPTS,
};

static int historico(struct session *s, const struct args *a)
{
	struct _ws__ConsultarHistoricoVeiculo in = { 0 };
	struct _ws__ConsultarHistoricoVeiculoResponse out = { 0 };

	in.Cabecalho = session_header(s);
	in.IdVeiculo = args_id(s->soap, a, "id-veiculo");
	in.Placa = args_text(s->soap, a, "placa");
	in.Chassi = args_text(s->soap, a, "chassi");
	in.Paginacao = args_paging(s->soap, a);
	int rc = soap_call___ws__ConsultarHistoricoVeiculo(s->soap, s->url, NULL, &in, &out);

	return session_finish(s, rc, out.Resultado);
}

static const struct opt frota_opts[] = {
	{ "id-cliente", OPT_ID, 0, "ID", "Id do cliente", NULL, 0 },
	ARGS_PAGING_OPTS,
	END_OPTS,
};

static int frota(struct session *s, const struct args *a)
{
	struct _ws__ConsultarFrota in = { 0 };
	struct _ws__ConsultarFrotaResponse out = { 0 };
	const char *v = args_value(a, "id-cliente");

	in.Cabecalho = session_header(s);
	in.IdCliente = v ? strtoll(v, NULL, 10) : 0;
	in.Paginacao = args_paging(s->soap, a);
	int rc = soap_call___ws__ConsultarFrota(s->soap, s->url, NULL, &in, &out);

	return session_finish(s, rc, out.Resultado);
}

static const struct command commands[] = {
	{ "servicos", "ListarServicosTMO", "serviços com tempo padrão (TMO)", paging_opts, NULL, false, servicos },
	{ "tipos-os", "ListarTiposOS", "tipos de OS", paging_opts, NULL, false, tipos_os },
	{ "tipos-agendamento", "ListarTiposAgendamento", "tipos de agendamento", paging_opts, NULL, false,
	  tipos_agendamento },
	{ "produtivos", "ListarProdutivos", "consultores e técnicos da empresa", produtivos_opts, NULL, false,
	  produtivos },
	{ "horarios", "ConsultarHorariosDisponiveis", "horários livres de um dia", horarios_opts, NULL, false,
	  horarios },
	{ "agendar", "IncluirAgendamento", "agenda uma visita à oficina", agendar_opts, NULL, false, agendar },
	{ "reagendar", "ReagendarAgendamento", "muda o horário (motivo obrigatório)", reagendar_opts, NULL, false,
	  reagendar },
	{ "confirmar", "ConfirmarAgendamento", "o cliente confirmou", confirmar_opts, NULL, false, confirmar },
	{ "cancelar", "CancelarAgendamento", "cancela (motivo obrigatório); libera horário e peças", cancelar_opts,
	  NULL, false, cancelar },
	{ "no-show", "RegistrarNoShow", "o cliente não compareceu", no_show_opts, NULL, false, no_show },
	{ "converter-os", "ConverterAgendamentoEmOS", "abre a OS do agendamento", converter_opts, NULL, false,
	  converter },
	{ "agendamentos", "ListarAgendamentos", "agendamentos da empresa por horário", listar_opts, NULL, false,
	  listar },
	{ "agendamento", "ConsultarAgendamento", "um agendamento com seus eventos e campanhas", consultar_opts, NULL,
	  false, consultar },
	{ "abrir-os", "AbrirOS", "abre uma OS (manual ou de um agendamento)", abrir_os_opts, NULL, false, abrir_os },
	{ "prorrogar-os", "ProrrogarEntregaOS", "nova previsão de entrega (motivo obrigatório)", prorrogar_os_opts,
	  NULL, false, prorrogar_os },
	{ "resposta-cliente", "RegistrarRespostaCliente", "respostas do cliente nos itens da OS", resposta_opts, NULL,
	  false, resposta_cliente },
	{ "encerrar-os", "EncerrarOS", "encerra a OS", encerrar_os_opts, NULL, false, encerrar_os },
	{ "os", "ConsultarOS", "uma OS com itens e campanhas", os_opts, NULL, false, consultar_os },
	{ "listar-os", "ListarOS", "OS por placa, chassi, cliente, situação...", listar_os_opts, NULL, false,
	  listar_os },
	{ "orcamento", "IncluirOrcamento", "inclui um orçamento (totais calculados pelo servidor)", orcamento_opts,
	  NULL, false, orcamento },
	{ "aprovar-orcamento", "AprovarOrcamento", "aprovação do cliente, total ou por item", aprovar_opts, NULL,
	  false, aprovar },
	{ "aprovar-desconto", "AprovarDescontoOrcamento", "gerente aprova o desconto acima do limite", id_versao_opts,
	  NULL, false, aprovar_desconto },
	{ "converter-orcamento", "ConverterOrcamentoEmOS", "abre a OS do orçamento (dentro da validade)",
	  converter_orc_opts, NULL, false, converter_orcamento },
	{ "consultar-orcamento", "ConsultarOrcamento", "um orçamento com seus itens", consultar_orc_opts, NULL, false,
	  consultar_orcamento },
	{ "carregar-campanha", "IncluirCampanha", "carrega um recall/campanha e seus chassis", carregar_opts, NULL,
	  false, carregar_campanha },
	{ "campanhas", "ConsultarCampanhasVeiculo", "campanhas abertas de um chassi", campanhas_opts, NULL, false,
	  campanhas },
	{ "historico", "ConsultarHistoricoVeiculo", "OS do veículo em todas as empresas", historico_opts, NULL, false,
	  historico },
	{ "frota", "ConsultarFrota", "veículos de um cliente", frota_opts, NULL, false, frota },
	{ NULL, NULL, NULL, NULL, NULL, false, NULL },
};

const struct area oficina_area = {
	"oficina", "oficina: horários, agendamentos e OS", commands,
};
