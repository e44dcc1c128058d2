/* section.c - names of the registry's sections and their parser (see
 * section.h).
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#include "engine/section.h"

#include <string.h>

static const struct {
    const char *name;
    const char *stage;
} rows[SECTION_COUNT] = {
#define SECTION(id, name, stage, compute, write_json, write_table) {name, stage},
#include "engine/sections.def"
#undef SECTION
};

const char *section_name(int id)
{
    return id >= 0 && id < SECTION_COUNT ? rows[id].name : NULL;
}

const char *section_stage(int id)
{
    return id >= 0 && id < SECTION_COUNT ? rows[id].stage : NULL;
}

/* The list of names for messages: "planets, houses, ..." */
static void list_names(char *out, size_t size)
{
    size_t n = 0;
    out[0] = '\0';
    for (int i = 0; i < SECTION_COUNT && n < size; i++) {
        size_t len = strlen(rows[i].name);
        if (n + len + 3 > size)
            break;
        if (i > 0) {
            memcpy(out + n, ", ", 2);
            n += 2;
        }
        memcpy(out + n, rows[i].name, len + 1);
        n += len;
    }
}

int sections_parse(const char *s, unsigned *out, struct error *err)
{
    unsigned bits = 0;
    const char *p = s;
    char names[128];
    if (!*s)
        return err_set(err, ERR_UNKNOWN_SECTION, "options.sections", "sections must not be empty");
    for (;;) {
        const char *comma = strchr(p, ',');
        size_t n = comma ? (size_t)(comma - p) : strlen(p);
        int found = -1;
        for (int i = 0; i < SECTION_COUNT; i++)
            if (strlen(rows[i].name) == n && memcmp(rows[i].name, p, n) == 0)
                found = i;
        if (found < 0) {
            list_names(names, sizeof names);
            return err_set(err, ERR_UNKNOWN_SECTION, "options.sections",
                           "unknown section '%.*s'; use %s", (int)(n > 32 ? 32 : n), p, names);
        }
        bits |= 1u << found;
        if (!comma)
            break;
        p = comma + 1;
    }
    *out = bits;
    return 0;
}

static const char *const style_names[CHART_STYLE_COUNT] = {"north", "south", "east"};

const char *chart_style_name(int style)
{
    return style >= 0 && style < CHART_STYLE_COUNT ? style_names[style] : NULL;
}

int chart_style_parse(const char *name, int *out, const char *field, struct error *err)
{
    for (int i = 0; i < CHART_STYLE_COUNT; i++)
        if (strcmp(name, style_names[i]) == 0) {
            *out = i;
            return 0;
        }
    const char *dot = strrchr(field, '.');
    return err_set(err, ERR_INVALID_VALUE, field, "%s must be north, south or east; got '%.32s'",
                   dot ? dot + 1 : field, name);
}
