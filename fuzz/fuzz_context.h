/* fuzz_context.h - the engine context every harness computes with: the
 * default ephemeris and zoneinfo directories, made on the first input.
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#ifndef KUNDLI_FUZZ_CONTEXT_H
#define KUNDLI_FUZZ_CONTEXT_H

#include "engine/context.h"

#include <stdlib.h>

static const struct context *engine(void)
{
    static struct context ctx;
    static int ready;
    if (!ready) {
        struct error err;
        if (context_init(&ctx, NULL, NULL, NULL, &err) != 0)
            abort();
        ready = 1;
    }
    return &ctx;
}

#endif
