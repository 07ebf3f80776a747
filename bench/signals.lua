-- POST /api/signals with 1,000 signals of browsers never seen before (a counter per thread and connection).
local auth = os.getenv("PCM_BENCH_AUTH")
local per_call = tonumber(os.getenv("PCM_BENCH_SIGNALS_PER_CALL") or "1000")
local counter = 0
local prefix

function init(args)
  math.randomseed(os.time() + math.floor(os.clock() * 1000000))
  prefix = string.format("wrk-%08x", math.random(0, 0x7fffffff))
end

function request()
  local parts = {}
  for i = 1, per_call do
    counter = counter + 1
    parts[i] = '{"deviceId":"' .. prefix .. "-" .. counter .. '"}'
  end
  return wrk.format("POST", "/api/signals",
    { ["Authorization"] = "Basic " .. auth, ["Content-Type"] = "application/json" },
    '{"signals":[' .. table.concat(parts, ",") .. "]}")
end
