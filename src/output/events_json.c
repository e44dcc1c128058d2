/* events_json.c - serialises the events list with the streaming writer.
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#include "output/events_json.h"

#include "engine/civil.h"
#include "engine/zodiac.h"

void events_json_write(struct jsonw *w, const struct events_list *l)
{
    char iso[32], buf[32];
    jw_obj(w);
    jw_key(w, "events");
    jw_arr(w);
    for (size_t i = 0; i < l->count; i++) {
        const struct event *e = &l->items[i];
        jw_obj(w);
        jw_kstr(w, "kind", event_kind_name(e->kind));
        jw_kstr(w, "body", graha_name(e->body));
        civil_format_iso(e->ut, NULL, iso);
        jw_kstr(w, "time_ut", iso);
        civil_format_iso(e->ut, &e->offset, iso);
        jw_kstr(w, "time", iso);
        jw_kstr(w, "from", event_state_name(e, false, buf));
        jw_kstr(w, "to", event_state_name(e, true, buf));
        jw_obj_end(w);
    }
    jw_arr_end(w);
    jw_obj_end(w);
}
