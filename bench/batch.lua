-- batch.lua - wrk script for scenario (c): POST /v1/kundli/batch with 100 births per
-- request, every birth new (see lib.lua), sections planets,houses. Args: -- SALT THREADS.
-- SPDX-License-Identifier: AGPL-3.0-or-later
local lib = dofile((os.getenv("BENCH_LUA_DIR") or "bench") .. "/lib.lua")

local ITEMS = 100
local headers = {["Content-Type"] = "application/json"}

local threads = 0
function setup(thread)
    thread:set("tid", threads)
    threads = threads + 1
end

function init(args)
    lib.init(args)
end

function request()
    local items = {}
    for i = 1, ITEMS do
        local date, time, lat, lon = lib.next_birth()
        items[i] = '{"birth":{"date":"' .. date .. '","time":"' .. time
                   .. '","timezone":"Asia/Kolkata","latitude":' .. lat .. ',"longitude":'
                   .. lon .. '},"options":{"sections":"planets,houses"}}'
    end
    local body = '{"items":[' .. table.concat(items, ",") .. "]}"
    return wrk.format("POST", "/v1/kundli/batch", headers, body)
end

function done(summary, latency, requests)
    lib.report(summary, latency)
end
