-- wrk script for scripts/measure-national-store-load: each connection alternates recording a
-- dispensation (POST /fhir/MedicationDispense, a fresh actor dispatch id each time) and reversing
-- it (POST /fhir/MedicationDispense/{id}/$reverse), so the prescription's uttag never run out.
-- Run with one connection per thread (-t N -c N): the alternation is per thread.
-- Argument: the file holding the dispense JSON, with LOAD-ACTOR where the actor id goes.
local threads = {}

function setup(thread)
  thread:set("tid", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  local file = assert(io.open(args[1], "r"))
  template = file:read("*a")
  file:close()
  count = 0
  failures = 0
  reverse_id = nil
end

local headers = { ["Content-Type"] = "application/fhir+json" }

function request()
  if reverse_id then
    local path = "/fhir/MedicationDispense/" .. reverse_id .. "/$reverse"
    reverse_id = nil
    return wrk.format("POST", path, headers, "")
  end
  count = count + 1
  local body = template:gsub("LOAD%-ACTOR", "LOAD-" .. tid .. "-" .. count)
  return wrk.format("POST", "/fhir/MedicationDispense", headers, body)
end

function response(status, headers, body)
  if status == 201 then
    reverse_id = body:match('"id":"([^"]+)"')
  elseif status ~= 200 then
    failures = failures + 1
  end
end

function done(summary, latency, requests)
  local failed = 0
  for _, thread in ipairs(threads) do
    failed = failed + thread:get("failures")
  end
  io.write(string.format("unexpected answers: %d\n", failed))
end
