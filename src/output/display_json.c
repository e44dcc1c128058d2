/* display_json.c - the localised `display` fields (see display_json.h).
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#include "output/display_json.h"

void display_json_put(struct jsonw *w, const char *key, int lang, int kind, int index)
{
    jw_kstr(w, key, lang_name(lang, kind, index));
}

void display_json_write_lang(struct jsonw *w, int lang)
{
    const char *code = lang_code(lang);
    if (code)
        jw_kstr(w, "lang", code);
}
