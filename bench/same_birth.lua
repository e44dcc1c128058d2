-- same_birth.lua - wrk script for scenario (b): the same GET /v1/kundli birth on every
-- request (cache hits on kundlid); wrk builds the static request once. Env THINK_MS.
-- SPDX-License-Identifier: AGPL-3.0-or-later
local lib = dofile((os.getenv("BENCH_LUA_DIR") or "bench") .. "/lib.lua")

wrk.method = "GET"
wrk.path = "/v1/kundli?date=1996-12-07&time=10:34&tz=Asia/Kolkata&lat=13.0878&lon=80.2785"
           .. "&sections=planets,houses"

if lib.think > 0 then
    function delay()
        return lib.delay()
    end
end

function done(summary, latency, requests)
    lib.report(summary, latency)
end
