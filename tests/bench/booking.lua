-- SPDX-License-Identifier: GPL-2.0-or-later
-- booking.lua - wrk: IncluirAgendamento with a new IdMensagem per request, at a random
-- weekday slot (08:00-17:30 São Paulo, 1 to 60 weeks ahead) of branch 01, so every
-- request is a first execution that books a slot (the bench adds consultants so the
-- capacity does not run out). WSATEND_BENCH_VEHICLE names the vehicle.
local counter = 0
local thread_id = 0
local threads = {}

function setup(thread)
	thread:set("tid", #threads + 1)
	table.insert(threads, thread)
end

function init(args)
	thread_id = tid
	math.randomseed(os.time() + tid * 7919)
end

local vehicle = os.getenv("WSATEND_BENCH_VEHICLE") or "1"
-- next Monday at noon UTC, so adding whole days never crosses a date line
local now = os.time()
local t = os.date("!*t", now)
local monday = now + ((8 - t.wday) % 7 + 1) * 86400
local template = [[<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:ws="http://wsatend.org/WSAtendimentoCadastroWeb/v1"><soap:Body><ws:IncluirAgendamento><ws:Cabecalho><ws:IdMensagem>bench-ag-%s-%d-%d</ws:IdMensagem><ws:Empresa>01</ws:Empresa></ws:Cabecalho><ws:Agendamento><ws:IdVeiculo>%s</ws:IdVeiculo><ws:DataHora>%sT%02d:%02d:00-03:00</ws:DataHora><ws:Servico><ws:Codigo>OLEO</ws:Codigo></ws:Servico></ws:Agendamento></ws:IncluirAgendamento></soap:Body></soap:Envelope>]]
local run = tostring(os.time())

request = function()
	counter = counter + 1
	local day = monday + ((math.random(0, 59) * 7) + math.random(0, 4)) * 86400
	local k = math.random(0, 19)
	local body = string.format(template, run, thread_id, counter, vehicle, os.date("!%Y-%m-%d", day),
		8 + math.floor(k / 2), (k % 2) * 30)
	return wrk.format("POST", nil, {
		["Content-Type"] = "text/xml; charset=utf-8",
		["Authorization"] = "Basic aW50ZWdyYWNhb0BkZW1vOmRlbW8tc2VuaGEtMTIz",
	}, body)
end

local failures = 0
response = function(status, headers, body)
	if not string.find(body, "<ws:Status>Sucesso</ws:Status>", 1, true) then
		failures = failures + 1
	end
end

done = function(summary, latency, requests)
	io.write(string.format("soap_requests=%d soap_errors=%d soap_seconds=%.3f\n",
		summary.requests, summary.errors.status + summary.errors.connect + summary.errors.read
		+ summary.errors.write + summary.errors.timeout, summary.duration / 1e6))
end
