-- POST /engine-rest/process-definition/key/bench-trivial/start: the bare engine baseline.
local auth = os.getenv("PCM_BENCH_AUTH")

function request()
  return wrk.format("POST", "/engine-rest/process-definition/key/bench-trivial/start",
    { ["Content-Type"] = "application/json", ["Authorization"] = "Basic " .. auth }, "{}")
end
