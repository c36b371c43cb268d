-- wrk script of scripts/load-benchmark: POST /v1/checks with rotating bodies (one JSON object per line of a file).
--   [WRK_RATE=R] wrk -t T -s checks.lua URL -- BODIES_FILE BEARER_TOKEN T
-- Without WRK_RATE: as fast as the connections allow (closed loop). With WRK_RATE: each wrk thread paces its requests on a
-- fixed schedule of WRK_RATE/T per second (delay() until the next slot), so the total rate is WRK_RATE whatever the
-- latency, as long as enough connections are free. done() prints one JSON line that the benchmark scripts parse, with
-- the errors (transport failures, timeouts and every answer of 400 or more except the designed 422 too-broad refusal,
-- which is counted apart) and wrk's own CPU time from the end of the last thread's init() (wrk's clock starts there)
-- to the end of the run.
local ffi = require("ffi")
ffi.cdef [[
  typedef struct { long tv_sec; long tv_usec; } qtimeval;
  int gettimeofday(qtimeval *tv, void *tz);
]]
local tv = ffi.new("qtimeval")
local function now_ms()
  ffi.C.gettimeofday(tv, nil)
  return tonumber(tv.tv_sec) * 1000 + tonumber(tv.tv_usec) / 1000
end

local threads = {}
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("tid", counter)
  table.insert(threads, thread)
end

local bodies = {}
local n = 0
local i = 0
local step = 1
local period = nil
local next_slot = nil
local headers = nil

function init(args)
  local file = args[1]
  for line in io.lines(file) do
    if #line > 0 then
      n = n + 1
      bodies[n] = line
    end
  end
  headers = { ["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. args[2] }
  local t = tonumber(tid) or 1
  local total = tonumber(args[3]) or 1
  i = math.floor((t - 1) * n / total)
  local rate = tonumber(os.getenv("WRK_RATE") or "")
  if rate and rate > 0 then
    period = 1000.0 * total / rate
  end
  init_cpu = os.clock() -- global, read by done(): the whole process's CPU seconds so far (every thread's)
end

function request()
  i = i + 1
  if i > n then i = 1 end
  return wrk.format("POST", "/v1/checks", headers, bodies[i])
end

if os.getenv("WRK_RATE") then
  function delay()
    if period == nil then return 0 end
    local t = now_ms()
    if next_slot == nil then next_slot = t end
    next_slot = next_slot + period
    local d = next_slot - t
    if d < 0 then
      if d < -1000 then next_slot = t end -- fell far behind: do not burst to catch up
      return 0
    end
    return d
  end
end

-- Answers other than 2xx, by status (each thread counts its own; done() adds them up). A 422 whose problem type is
-- too-broad (the check matched more entries than one answer may disclose) is the service's designed answer, counted
-- apart from the other refusals as "422-too-broad".
refused = {} -- global: done() reads each thread's copy with thread:get

function response(status, headers, body)
  if status >= 300 then
    local key = status
    if status == 422 and body and string.find(body, "problems/too-broad", 1, true) then
      key = "422-too-broad"
    end
    refused[key] = (refused[key] or 0) + 1
  end
end

function done(summary, latency, requests)
  local e = summary.errors
  local total = {}
  for _, thread in ipairs(threads) do
    for status, count in pairs(thread:get("refused") or {}) do
      total[status] = (total[status] or 0) + count
    end
  end
  local parts = {}
  local too_broad = 0
  for status, count in pairs(total) do
    table.insert(parts, status .. "x" .. count)
    if status == "422-too-broad" then too_broad = count end
  end
  table.sort(parts)
  local start_cpu = 0
  for _, thread in ipairs(threads) do
    start_cpu = math.max(start_cpu, tonumber(thread:get("init_cpu")) or 0)
  end
  local cpu_ms = (os.clock() - start_cpu) * 1000
  -- wrk counts every answer of 400 or more among e.status, the too-broad refusals included
  local errors = e.connect + e.read + e.write + e.timeout + e.status - too_broad
  io.write(string.format(
    'WRKJSON {"requests":%d,"duration_us":%d,"rps":%.1f,"p50_ms":%.2f,"p95_ms":%.2f,"p99_ms":%.2f,"max_ms":%.2f,'
      .. '"mean_ms":%.2f,"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d,"too_broad":%d,"errors":%d,'
      .. '"refused":"%s","cpu_ms":%.0f}\n',
    summary.requests, summary.duration, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000, latency.mean / 1000, e.connect, e.read, e.write, e.status, e.timeout, too_broad, errors,
    table.concat(parts, " "), cpu_ms))
end
