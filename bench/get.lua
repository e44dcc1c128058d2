-- get.lua - wrk script for bench/store.sh: GET /v1/kundlis/{id} over the ids saved before
-- the run, read from the file IDS_FILE (one id per line); each thread walks the list from
-- its own random place. API key from BENCH_KEY. Args: -- SALT THREADS.
-- SPDX-License-Identifier: AGPL-3.0-or-later
local lib = dofile((os.getenv("BENCH_LUA_DIR") or "bench") .. "/lib.lua")

local headers = {["Authorization"] = "Bearer " .. (os.getenv("BENCH_KEY") or "")}

local threads = 0
function setup(thread)
    thread:set("tid", threads)
    threads = threads + 1
end

local ids, pos = {}, 1
function init(args)
    lib.init(args)
    local path = os.getenv("IDS_FILE") or ""
    local f = io.open(path, "r")
    if not f then
        error("get.lua: cannot read IDS_FILE '" .. path .. "'")
    end
    for line in f:lines() do
        if line:match("^%w+$") then
            ids[#ids + 1] = line
        end
    end
    f:close()
    if #ids == 0 then
        error("get.lua: no ids in " .. path)
    end
    pos = math.random(#ids)
end

function request()
    local id = ids[pos]
    pos = pos % #ids + 1
    return wrk.format("GET", "/v1/kundlis/" .. id, headers)
end

function done(summary, latency, requests)
    lib.report(summary, latency)
end
