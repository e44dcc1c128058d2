/* places_json.c - the JSON of a list of cities, for GET /v1/places and
 * `kundli places --json` alike.
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#include "places/places.h"

void places_json_write(struct jsonw *w, const struct place *list, int n)
{
    jw_arr(w);
    for (int i = 0; i < n; i++) {
        const struct place *p = &list[i];
        jw_obj(w);
        jw_kstr(w, "name", p->name);
        jw_kstr(w, "state", p->state);
        jw_kstr(w, "country", p->country);
        jw_kstr(w, "country_code", p->country_code);
        jw_kfixed(w, "latitude", p->latitude, 5);
        jw_kfixed(w, "longitude", p->longitude, 5);
        jw_kstr(w, "timezone", p->timezone);
        jw_kint(w, "population", p->population);
        jw_obj_end(w);
    }
    jw_arr_end(w);
}
