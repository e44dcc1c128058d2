/* summary_json.h - the native's summary (avakhada chakra) as the API's
 * "summary" value (docs/summary.md documents every field).
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#ifndef KUNDLI_SUMMARY_JSON_H
#define KUNDLI_SUMMARY_JSON_H

#include "common/jsonw.h"
#include "common/lang.h"
#include "engine/summary.h"

/* Appends one JSON object: varna, vashya, yoni, gana, nadi, nakshatra,
 * pada, nakshatra_lord, rashi, rashi_lord, lagna, lagna_lord, paya
 * {moon_house, by_moon_house, by_nakshatra}, tatva, namakshar {name,
 * display}, yunja, weekday {vedic, civil, before_sunrise}. The caller
 * writes the key ("summary"). lang (enum lang): LANG_NONE, or the language
 * of the display fields beside the nakshatra, rashi and lagna, their lords
 * and the weekdays (nakshatra_display, ..., weekday.vedic_display); the
 * avakhada names (varna .. nadi, paya, tatva, yunja) stay English, and
 * namakshar.devanagari is the syllable in Devanagari whatever lang is. */
void summary_json_write(struct jsonw *w, const struct summary *s, int lang);

#endif
