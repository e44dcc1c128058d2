/* jsonscan.c - a member's span in a JSON object's text (see jsonscan.h).
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#include "common/jsonscan.h"

#include <string.h>

static size_t skip_ws(const char *t, size_t len, size_t i)
{
    while (i < len && (t[i] == ' ' || t[i] == '\t' || t[i] == '\n' || t[i] == '\r'))
        i++;
    return i;
}

/* The index after the string starting at t[i] == '"'. */
static size_t skip_string(const char *t, size_t len, size_t i)
{
    for (i++; i < len; i++) {
        if (t[i] == '\\')
            i++;
        else if (t[i] == '"')
            return i + 1;
    }
    return len;
}

/* The index after the value starting at t[i]. */
static size_t skip_value(const char *t, size_t len, size_t i)
{
    if (i >= len)
        return len;
    if (t[i] == '"')
        return skip_string(t, len, i);
    if (t[i] != '{' && t[i] != '[') {
        while (i < len && !strchr(",}] \t\r\n", t[i]))
            i++;
        return i;
    }
    int depth = 0;
    while (i < len) {
        char c = t[i];
        if (c == '"') {
            i = skip_string(t, len, i);
            continue;
        }
        if (c == '{' || c == '[')
            depth++;
        else if (c == '}' || c == ']')
            depth--;
        i++;
        if (depth == 0)
            return i;
    }
    return len;
}

bool json_member(const char *text, size_t len, const char *key, const char **val, size_t *vlen)
{
    size_t klen = strlen(key);
    size_t i = skip_ws(text, len, 0);
    if (i >= len || text[i] != '{')
        return false;
    i++;
    for (;;) {
        i = skip_ws(text, len, i);
        if (i >= len || text[i] != '"')
            return false;
        size_t kstart = i + 1, kend = skip_string(text, len, i);
        bool match = kend - kstart - 1 == klen && memcmp(text + kstart, key, klen) == 0;
        i = skip_ws(text, len, kend);
        if (i >= len || text[i] != ':')
            return false;
        i = skip_ws(text, len, i + 1);
        size_t vend = skip_value(text, len, i);
        if (match) {
            *val = text + i;
            *vlen = vend - i;
            return true;
        }
        i = skip_ws(text, len, vend);
        if (i >= len || text[i] != ',')
            return false;
        i++;
    }
}

bool json_element(const char *text, size_t len, size_t index, const char **val, size_t *vlen)
{
    size_t i = skip_ws(text, len, 0);
    if (i >= len || text[i] != '[')
        return false;
    i = skip_ws(text, len, i + 1);
    if (i < len && text[i] == ']')
        return false;
    for (size_t k = 0;; k++) {
        i = skip_ws(text, len, i);
        size_t vend = skip_value(text, len, i);
        if (vend <= i)
            return false;
        if (k == index) {
            *val = text + i;
            *vlen = vend - i;
            return true;
        }
        i = skip_ws(text, len, vend);
        if (i >= len || text[i] != ',')
            return false;
        i++;
    }
}
