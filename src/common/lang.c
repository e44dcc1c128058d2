/* lang.c - the lookup of display names in the generated tables (see
 * lang.h); the tables themselves are lang_tables.c in the build tree.
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#include "common/lang.h"

#include <stddef.h>
#include <string.h>

static const struct {
    int first, count;
    const char *name;
} kinds[LANG_KIND_COUNT] = {
#define X(id, name, count) {LANG_FIRST_##id, count, name},
    LANG_KIND_LIST(X)
#undef X
};

static const char *const codes[LANG_COUNT] = {
#define X(id, code, english) code,
    LANG_LIST(X)
#undef X
};

static const char *const english_names[LANG_COUNT] = {
#define X(id, code, english) english,
    LANG_LIST(X)
#undef X
};

const char *lang_name(int lang, int kind, int index)
{
    if (kind < 0 || kind >= LANG_KIND_COUNT || index < 0 || index >= kinds[kind].count)
        return "?";
    if (lang < 0 || lang >= LANG_COUNT)
        lang = LANG_EN;
    return lang_names[lang][kinds[kind].first + index];
}

int lang_kind_count(int kind)
{
    return kind >= 0 && kind < LANG_KIND_COUNT ? kinds[kind].count : 0;
}

const char *lang_kind_name(int kind)
{
    return kind >= 0 && kind < LANG_KIND_COUNT ? kinds[kind].name : NULL;
}

const char *lang_code(int lang)
{
    return lang >= 0 && lang < LANG_COUNT ? codes[lang] : NULL;
}

const char *lang_english(int lang)
{
    return lang >= 0 && lang < LANG_COUNT ? english_names[lang] : NULL;
}

int lang_find(const char *code)
{
    for (int i = 0; i < LANG_COUNT; i++)
        if (strcmp(codes[i], code) == 0)
            return i;
    return LANG_NONE;
}
