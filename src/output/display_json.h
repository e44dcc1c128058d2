/* display_json.h - the localised `display` fields of option lang in the
 * JSON documents: written next to the machine names they translate, and
 * only when the caller gave lang (docs/API.md, "Display names").
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#ifndef KUNDLI_DISPLAY_JSON_H
#define KUNDLI_DISPLAY_JSON_H

#include "common/jsonw.h"
#include "common/lang.h"

/* Writes "key": the name of `index` of `kind` (enum lang_kind) in `lang`
 * (enum lang). Call it through display_json_write. */
void display_json_put(struct jsonw *w, const char *key, int lang, int kind, int index);

/* Writes "key": the name of `index` of `kind` (enum lang_kind) in `lang`
 * (enum lang), or nothing when lang is LANG_NONE (so a document without
 * lang has no display field at all, and costs one comparison: inline, so
 * that the arguments are not even computed then). The key names the field
 * translated: "display" beside "name", "<field>_display" beside any other
 * field ("sign_display", "lord_display"). */
static inline void display_json_write(struct jsonw *w, const char *key, int lang, int kind,
                                      int index)
{
    if (lang != LANG_NONE)
        display_json_put(w, key, lang, kind, index);
}

/* Writes "settings"-style "lang": its code, or nothing for LANG_NONE. */
void display_json_write_lang(struct jsonw *w, int lang);

#endif
