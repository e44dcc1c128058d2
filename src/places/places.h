/* places.h - the gazetteer: cities by name from GeoNames (Debian's
 * libgeonames: ~24,000 cities with their IANA zone, coordinates and
 * population, compiled into the library), searched in-process. Only
 * places.c sees geonames.h and GLib.
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#ifndef KUNDLI_PLACES_H
#define KUNDLI_PLACES_H

#include "common/err.h"
#include "common/jsonw.h"
#include "engine/birth.h"

#include <stdbool.h>

#define PLACES_LIMIT_DEFAULT 10
#define PLACES_LIMIT_MAX 50
#define PLACES_QUERY_MAX 128 /* bytes of a query */

struct places; /* the gazetteer's index, built on first use */

/* One city. The strings belong to the gazetteer and live as long as it. */
struct place {
    const char *name;         /* "Chennai" */
    const char *state;        /* "Tamil Nadu"; "" if none */
    const char *country;      /* "India" */
    const char *country_code; /* "IN" (ISO 3166-1 alpha-2) */
    const char *timezone;     /* "Asia/Kolkata" */
    double latitude;          /* degrees north */
    double longitude;         /* degrees east */
    unsigned population;
};

/* Makes an empty gazetteer; its index (a copy of GeoNames' cities with
 * folded names, ~3 MB) is built on the first search, which takes about half
 * a second. Aborts only through the allocator: returns NULL when out of
 * memory. Thread-safe after creation. */
struct places *places_new(void);
/* Frees it; no place found in it may be used after. */
void places_free(struct places *p);

/* The cities matching query, ranked: the name equal to it first, then
 * names starting with it, then names with a later word starting with it;
 * within each, by population (largest first), then name. Matching ignores
 * case and accents ("sao paulo" finds São Paulo). The query may add
 * qualifiers after commas ("springfield, illinois"): each must be the
 * start of the city's state or country name, or its country code. Fills
 * out[0 .. limit-1] (limit 1 .. PLACES_LIMIT_MAX) and returns how many, or
 * ERR_NO_MEMORY. An empty or over-long query finds nothing. */
int places_search(struct places *p, const char *query, int limit, struct place *out);

/* The one city that text ("Chennai, India") names: the cities whose name
 * equals the text before the first comma, kept where the qualifiers after
 * it match; the most populous when it has ten times the people of the next
 * (London, not London in Ontario). Returns 0 with out filled,
 * ERR_UNKNOWN_PLACE (up to 5 similar names in the message) or
 * ERR_AMBIGUOUS_PLACE (up to 5 of the cities, as their state and country,
 * in the message); field "birth.place". gazetteer is a struct places: this
 * is the engine's context_place_fn. */
int places_resolve(void *gazetteer, const char *text, struct birth_place *out, struct error *err);

/* Writes list[0 .. n-1] as the JSON array of GET /v1/places and `kundli
 * places --json`: [{name, state, country, country_code, latitude,
 * longitude, timezone, population}] (places_json.c). */
void places_json_write(struct jsonw *w, const struct place *list, int n);

#endif
