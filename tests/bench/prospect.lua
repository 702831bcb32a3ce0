-- SPDX-License-Identifier: GPL-2.0-or-later
-- prospect.lua - wrk: IncluirProspect with a new IdMensagem, name and e-mail per
-- request, so every request is a first execution (no replays).
local counter = 0
local thread_id = 0
local threads = {}

function setup(thread)
	thread:set("tid", #threads + 1)
	table.insert(threads, thread)
end

function init(args)
	thread_id = tid
	math.randomseed(os.time() + tid)
end

local template = [[<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:ws="http://wsatend.org/WSAtendimentoCadastroWeb/v1"><soap:Body><ws:IncluirProspect><ws:Cabecalho><ws:IdMensagem>bench-%s-%d-%d</ws:IdMensagem><ws:Empresa>01</ws:Empresa></ws:Cabecalho><ws:Prospect><ws:Nome>Cliente Bench %d</ws:Nome><ws:Telefone><ws:Numero>(11) 9%04d-%04d</ws:Numero></ws:Telefone><ws:Email>bench%d.%d@example.com</ws:Email></ws:Prospect></ws:IncluirProspect></soap:Body></soap:Envelope>]]
local run = tostring(os.time())

request = function()
	counter = counter + 1
	local body = string.format(template, run, thread_id, counter, counter,
		math.random(0, 9999), math.random(0, 9999), thread_id, counter)
	return wrk.format("POST", nil, {
		["Content-Type"] = "text/xml; charset=utf-8",
		["Authorization"] = "Basic aW50ZWdyYWNhb0BkZW1vOmRlbW8tc2VuaGEtMTIz",
	}, body)
end

done = function(summary, latency, requests)
	io.write(string.format("soap_requests=%d soap_errors=%d soap_seconds=%.3f\n",
		summary.requests, summary.errors.status + summary.errors.connect + summary.errors.read
		+ summary.errors.write + summary.errors.timeout, summary.duration / 1e6))
end
