/* error_json.c - the error document (see error_json.h).
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#include "output/error_json.h"

void error_json_write(struct jsonw *w, const struct error *e)
{
    jw_obj(w);
    jw_key(w, "error");
    jw_obj(w);
    jw_kstr(w, "code", err_name(e->code));
    jw_kstr(w, "message", e->message);
    jw_kstr(w, "field", e->field);
    jw_obj_end(w);
    jw_obj_end(w);
}
