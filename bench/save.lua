-- save.lua - wrk script for bench/store.sh: POST /v1/kundlis, a different birth on every
-- request (see lib.lua), with the API key from the environment (BENCH_KEY).
-- Args: -- SALT THREADS.
-- SPDX-License-Identifier: AGPL-3.0-or-later
local lib = dofile((os.getenv("BENCH_LUA_DIR") or "bench") .. "/lib.lua")

local headers = {
    ["Content-Type"] = "application/json",
    ["Authorization"] = "Bearer " .. (os.getenv("BENCH_KEY") or ""),
}

local threads = 0
function setup(thread)
    thread:set("tid", threads)
    threads = threads + 1
end

local n = 0
function init(args)
    lib.init(args)
end

function request()
    local date, time, lat, lon = lib.next_birth()
    n = n + 1
    local body = '{"name":"bench ' .. (tid or 0) .. "-" .. n .. '","birth":{"date":"' .. date
                 .. '","time":"' .. time .. '","timezone":"Asia/Kolkata","latitude":' .. lat
                 .. ',"longitude":' .. lon .. '},"options":{"ayanamsa":"lahiri"},'
                 .. '"tags":["bench","store"],"notes":"saved by bench/save.lua"}'
    return wrk.format("POST", "/v1/kundlis", headers, body)
end

function done(summary, latency, requests)
    lib.report(summary, latency)
end
