-- SPDX-License-Identifier: GPL-2.0-or-later
-- stock_search.lua - wrk: PesquisarEstoque in branch 01 with a model pattern (one of
-- six prefixes, as stock_search.sql), Situacao DISPONIVEL, 20 per page.
local counter = 0
local patterns = {"Onix%", "Co%", "Polo%", "T-Cross%", "Hilux%", "Cr%"}
local template = [[<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:ws="http://wsatend.org/WSAtendimentoCadastroWeb/v1"><soap:Body><ws:PesquisarEstoque><ws:Cabecalho><ws:Empresa>01</ws:Empresa></ws:Cabecalho><ws:Filtro><ws:Modelo>%s</ws:Modelo><ws:Situacao>DISPONIVEL</ws:Situacao></ws:Filtro><ws:Paginacao><ws:MaxItens>20</ws:MaxItens></ws:Paginacao></ws:PesquisarEstoque></soap:Body></soap:Envelope>]]

request = function()
	counter = counter + 1
	local body = string.format(template, patterns[1 + counter % #patterns])
	return wrk.format("POST", nil, {
		["Content-Type"] = "text/xml; charset=utf-8",
		["Authorization"] = "Basic aW50ZWdyYWNhb0BkZW1vOmRlbW8tc2VuaGEtMTIz",
	}, body)
end

done = function(summary, latency, requests)
	io.write(string.format("soap_requests=%d soap_errors=%d soap_seconds=%.3f soap_mean_ms=%.2f soap_p50_ms=%.2f soap_p99_ms=%.2f\n",
		summary.requests, summary.errors.status + summary.errors.connect + summary.errors.read
		+ summary.errors.write + summary.errors.timeout, summary.duration / 1e6,
		latency.mean / 1000, latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
