-- list.lua - wrk script for bench/store.sh: GET /v1/kundlis?limit=20, the caller's 20 newest
-- saved charts, with the API key from BENCH_KEY. Args: -- SALT THREADS.
-- SPDX-License-Identifier: AGPL-3.0-or-later
local lib = dofile((os.getenv("BENCH_LUA_DIR") or "bench") .. "/lib.lua")

local headers = {["Authorization"] = "Bearer " .. (os.getenv("BENCH_KEY") or "")}

function init(args)
    lib.init(args)
end

function request()
    return wrk.format("GET", "/v1/kundlis?limit=" .. (os.getenv("LIST_LIMIT") or "20"), headers)
end

function done(summary, latency, requests)
    lib.report(summary, latency)
end
