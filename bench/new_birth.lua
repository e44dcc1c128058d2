-- new_birth.lua - wrk script for scenario (a): GET /v1/kundli with a different birth on
-- every request (see lib.lua), sections planets,houses. Args: -- SALT THREADS; env THINK_MS.
-- SPDX-License-Identifier: AGPL-3.0-or-later
local lib = dofile((os.getenv("BENCH_LUA_DIR") or "bench") .. "/lib.lua")

local threads = 0
function setup(thread)
    thread:set("tid", threads)
    threads = threads + 1
end

function init(args)
    lib.init(args)
end

function request()
    local date, time, lat, lon = lib.next_birth()
    return wrk.format("GET", "/v1/kundli?date=" .. date .. "&time=" .. time
                      .. "&tz=Asia/Kolkata&lat=" .. lat .. "&lon=" .. lon
                      .. "&sections=planets,houses")
end

if lib.think > 0 then
    function delay()
        return lib.delay()
    end
end

function done(summary, latency, requests)
    lib.report(summary, latency)
end
