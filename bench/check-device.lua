-- GET /api/preferences/check?deviceId=… for browsers drawn from the seeded signalling devices.
local auth = os.getenv("PCM_BENCH_AUTH")
local devices = tonumber(os.getenv("PCM_BENCH_DEVICES") or "1000000")

function init(args)
  math.randomseed(os.time() + math.floor(os.clock() * 1000000))
end

function request()
  return wrk.format("GET", "/api/preferences/check?deviceId=bench-device-" .. math.random(1, devices),
    { ["Authorization"] = "Basic " .. auth })
end
