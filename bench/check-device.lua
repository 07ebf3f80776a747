-- GET /api/preferences/check?deviceId=… for browsers drawn from seeded signalling devices (<prefix>1..<n>).
local auth = os.getenv("PCM_BENCH_AUTH")
local devices = tonumber(os.getenv("PCM_BENCH_DEVICES") or "1000000")
local prefix = os.getenv("PCM_BENCH_DEVICE_PREFIX") or "bench-device-"

function init(args)
  math.randomseed(os.time() + math.floor(os.clock() * 1000000))
end

function request()
  return wrk.format("GET", "/api/preferences/check?deviceId=" .. prefix .. math.random(1, devices),
    { ["Authorization"] = "Basic " .. auth })
end
