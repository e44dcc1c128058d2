/* request_json.c - JSON request bodies to births and options
 * (see request_json.h).
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#include "service/request_json.h"

#include <cjson/cJSON.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

/* Whether a valid JSON text has a \u0000 escape. cJSON decodes it into its
 * NUL-terminated strings, which would silently cut the value short.
 * Outside strings a backslash cannot occur, so every backslash starts an
 * escape: of one character, or of five for \u. */
static bool has_nul_escape(const char *body, size_t len)
{
    for (size_t i = 0; i + 1 < len; i++) {
        if (body[i] != '\\')
            continue;
        if (body[i + 1] == 'u' && i + 6 <= len && memcmp(body + i + 2, "0000", 4) == 0)
            return true;
        i++; /* the escaped character */
    }
    return false;
}

int request_parse_json(const char *body, size_t len, cJSON **out, struct error *err)
{
    const char *end = NULL;
    if (memchr(body, '\0', len))
        return err_set(err, ERR_INVALID_CHARACTER, "", "the request body contains a NUL byte");
    cJSON *root = cJSON_ParseWithLengthOpts(body, len, &end, 0);
    if (!root) {
        const char *at = cJSON_GetErrorPtr();
        long pos = at && at >= body && at <= body + len ? (long)(at - body) : 0;
        return err_set(err, ERR_MALFORMED_JSON, "", "request body is not valid JSON (near byte %ld)",
                       pos);
    }
    while (end && end < body + len && (*end == ' ' || *end == '\n' || *end == '\r' || *end == '\t'))
        end++;
    if (end && end < body + len && *end != '\0') {
        cJSON_Delete(root);
        return err_set(err, ERR_MALFORMED_JSON, "", "unexpected data after the JSON value (byte %ld)",
                       (long)(end - body));
    }
    if (has_nul_escape(body, len)) {
        cJSON_Delete(root);
        return err_set(err, ERR_INVALID_CHARACTER, "",
                       "a JSON string contains a NUL character (\\u0000)");
    }
    *out = root;
    return 0;
}

void request_prefix_field(struct error *err, const char *prefix)
{
    if (!prefix[0])
        return;
    char field[sizeof err->field];
    snprintf(field, sizeof field, "%s%s", prefix, err->field);
    memcpy(err->field, field, sizeof field);
}

/* Renders a JSON scalar as the text the field parser takes. Arrays of
 * strings become comma lists (for "sections"); objects and null become ""
 * so that the field's own error reports them. */
static void as_text(const cJSON *v, char *out, size_t cap)
{
    out[0] = '\0';
    if (cJSON_IsString(v)) {
        snprintf(out, cap, "%s", v->valuestring);
    } else if (cJSON_IsNumber(v)) {
        snprintf(out, cap, "%.17g", v->valuedouble);
    } else if (cJSON_IsBool(v)) {
        snprintf(out, cap, "%s", cJSON_IsTrue(v) ? "true" : "false");
    } else if (cJSON_IsArray(v)) {
        size_t n = 0;
        for (const cJSON *it = v->child; it && n < cap; it = it->next) {
            if (!cJSON_IsString(it)) {
                out[0] = '\0';
                return;
            }
            n += (size_t)snprintf(out + n, cap - n, "%s%s", n ? "," : "", it->valuestring);
        }
    }
}

typedef int (*setter)(void *target, const char *key, const char *value, struct error *err);

static int set_birth(void *t, const char *k, const char *v, struct error *e)
{
    return birth_set(t, k, v, e);
}

static int set_option(void *t, const char *k, const char *v, struct error *e)
{
    return options_set(t, k, v, e);
}

static int read_members(const cJSON *obj, const char *group, setter set, void *target,
                        struct error *err)
{
    char text[256];
    if (!cJSON_IsObject(obj))
        return err_set(err, ERR_INVALID_VALUE, group, "%s must be a JSON object", group);
    for (const cJSON *m = obj->child; m; m = m->next) {
        if (strlen(m->string) > 40) {
            char field[64];
            snprintf(field, sizeof field, "%s.%.40s", group, m->string);
            return err_set(err, ERR_UNKNOWN_FIELD, field, "unknown field %s...", field);
        }
        for (const cJSON *e = obj->child; e != m; e = e->next)
            if (strcmp(e->string, m->string) == 0) { /* cJSON keeps both members */
                birth_param_duplicate(m->string, e->string, err);
                snprintf(err->field, sizeof err->field, "%s.%.40s", group, m->string);
                return ERR_DUPLICATE_PARAMETER;
            }
        as_text(m, text, sizeof text);
        int rc = set(target, m->string, text, err);
        if (rc)
            return rc;
    }
    return 0;
}

int request_chart(const cJSON *obj, struct birth *b, struct chart_options *o, const char *prefix,
                  struct error *err)
{
    int rc = 0;
    birth_init(b);
    options_init(o);
    if (!cJSON_IsObject(obj)) {
        rc = err_set(err, ERR_INVALID_VALUE, "", "expected an object {\"birth\": {...}, "
                                                 "\"options\": {...}}");
        goto out;
    }
    const cJSON *birth = NULL, *options = NULL;
    for (const cJSON *m = obj->child; m; m = m->next) {
        if ((strcmp(m->string, "birth") == 0 && birth) ||
            (strcmp(m->string, "options") == 0 && options)) {
            rc = err_set(err, ERR_DUPLICATE_PARAMETER, m->string, "'%s' is given twice; give it "
                         "once", m->string);
        } else if (strcmp(m->string, "birth") == 0) {
            birth = m;
            rc = read_members(m, "birth", set_birth, b, err);
        } else if (strcmp(m->string, "options") == 0) {
            options = m;
            rc = read_members(m, "options", set_option, o, err);
        } else {
            rc = err_set(err, ERR_UNKNOWN_FIELD, "", "unknown field '%.40s'", m->string);
            snprintf(err->field, sizeof err->field, "%.40s", m->string);
        }
        if (rc)
            goto out;
    }
    if (!birth)
        rc = err_set(err, ERR_MISSING_FIELD, "birth", "birth is required");
out:
    if (rc)
        request_prefix_field(err, prefix);
    return rc;
}
