/* book_cases.h - testdata/book_cases.json for the tests that check against
 * it: cmocka group setup/teardown that parse it once into `cases`, and the
 * chart of any case's birth and options.
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#ifndef KUNDLI_BOOK_CASES_H
#define KUNDLI_BOOK_CASES_H

#include "engine/chart.h"
#include "testutil.h"

#include <cjson/cJSON.h>

static cJSON *cases;

static int book_setup(void **state)
{
    (void)state;
    char *text = tu_read_file(KUNDLI_TESTDATA "/book_cases.json");
    cases = text ? cJSON_Parse(text) : NULL;
    free(text);
    return cases ? 0 : -1;
}

static int book_teardown(void **state)
{
    (void)state;
    cJSON_Delete(cases);
    return 0;
}

/* The birth and options of case `name` (its "birth" and "options"), set
 * through the one birth parser as a client would send them. */
static inline void book_birth(const char *name, struct birth *b, struct chart_options *o)
{
    const cJSON *cs = cJSON_GetObjectItem(cases, name);
    const cJSON *bj = cJSON_GetObjectItem(cs, "birth");
    struct error err;
    char text[64];
    tu_birth(b, o, NULL);
    for (const cJSON *f = bj->child; f; f = f->next) {
        if (cJSON_IsNumber(f))
            snprintf(text, sizeof text, "%.6f", f->valuedouble);
        else
            snprintf(text, sizeof text, "%s", f->valuestring);
        if (birth_set(b, f->string, text, &err))
            fail_msg("%s birth.%s: %s", name, f->string, err.message);
    }
    for (const cJSON *f = cJSON_GetObjectItem(cs, "options")->child; f; f = f->next)
        if (options_set(o, f->string, f->valuestring, &err))
            fail_msg("%s options.%s: %s", name, f->string, err.message);
}

/* Computes the chart of case `name` into c; true_positions selects
 * geometric positions, as the textbook prints. */
static inline void book_chart(const char *name, struct chart *c, bool true_positions)
{
    struct birth b;
    struct chart_options o;
    struct error err;
    book_birth(name, &b, &o);
    o.true_positions = true_positions;
    if (chart_compute(tu_ctx(), &b, &o, c, NULL, &err))
        fail_msg("%s: %s", name, err.message);
}

#endif
