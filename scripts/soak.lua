-- Mixed load for scripts/soak (wrk): mostly checks, some registry imports and audit CSV exports.
-- Tokens come from the environment (SOAK_SCREENER, SOAK_ADMIN, SOAK_AUDITOR). Each thread counts answers per kind
-- and status; done() prints them as "kind status count" lines after the marker "SOAK-COUNTS".

local screener = os.getenv("SOAK_SCREENER")
local admin = os.getenv("SOAK_ADMIN")
local auditor = os.getenv("SOAK_AUDITOR")
local threads = {}
local given = {"Nurlan", "Aigerim", "Dauren", "Asel", "Yerlan", "Madina", "Timur", "Dana", "Arman", "Saule"}
local family = {"Seitkali", "Nurlanova", "Zhaksylykov", "Omarova", "Bekov", "Ivanova", "Kim", "Tulegenov"}

function setup(thread)
  thread:set("id", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  counts = {}
  kinds = {}
  n = 0
  math.randomseed(os.time() + wrk.thread:get("id") * 7919)
end

local function check()
  local name = given[math.random(#given)] .. " " .. family[math.random(#family)]
  local dob = string.format("%d-%02d-%02d", math.random(1960, 2004), math.random(12), math.random(28))
  local body = '{"candidate":{"fullName":"' .. name .. '","dateOfBirth":"' .. dob ..
      '"},"purpose":"EMPLOYMENT","consentReference":"SOAK"}'
  return wrk.format("POST", "/v1/checks",
      {["Authorization"] = "Bearer " .. screener, ["Content-Type"] = "application/json"}, body)
end

local function import()
  local lines = {}
  imports = (imports or 0) + 1
  for i = 1, 10 do
    -- ids repeat across imports (updates and unchanged entries), never within one file
    local id = string.format("SOAK-%d-%d-%d", wrk.thread:get("id"), imports % 50, i)
    lines[#lines + 1] = '{"externalId":"' .. id .. '","fullName":"' .. given[math.random(#given)] .. " " ..
        family[math.random(#family)] .. '","dateOfBirth":"' .. math.random(1950, 1990) ..
        '","offence":"UK RK 121"}'
  end
  return wrk.format("POST", "/v1/registry/imports?mode=upsert",
      {["Authorization"] = "Bearer " .. admin, ["Content-Type"] = "application/x-ndjson"},
      table.concat(lines, "\n") .. "\n")
end

local function export()
  local from = os.date("!%Y-%m-%dT%H:%M:%SZ", os.time() - 20)
  return wrk.format("GET", "/v1/audit/events?type=CHECK_PERFORMED&from=" .. from,
      {["Authorization"] = "Bearer " .. auditor, ["Accept"] = "text/csv"})
end

function request()
  n = n + 1
  local r = math.random(1000)
  if r <= 5 then
    kind = "import"
    kinds[n] = kind
    return import()
  elseif r <= 25 then
    kind = "export"
    kinds[n] = kind
    return export()
  end
  kind = "check"
  kinds[n] = kind
  return check()
end

function response(status, headers, body)
  -- wrk pipelines one request at a time per connection, so the oldest pending kind is this answer's
  local key = (kind or "?") .. " " .. status
  counts[key] = (counts[key] or 0) + 1
end

function done(summary, latency, requests)
  local total = {}
  for _, thread in ipairs(threads) do
    local c = thread:get("counts")
    for key, value in pairs(c) do
      total[key] = (total[key] or 0) + value
    end
  end
  io.write("SOAK-COUNTS\n")
  for key, value in pairs(total) do
    io.write(key .. " " .. value .. "\n")
  end
  io.write(string.format("SOAK-ERRORS connect=%d read=%d write=%d timeout=%d status=%d\n",
      summary.errors.connect, summary.errors.read, summary.errors.write, summary.errors.timeout,
      summary.errors.status))
  io.write(string.format("SOAK-LATENCY p50=%.1fms p99=%.1fms max=%.1fms requests=%d\n",
      latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000, summary.requests))
end
