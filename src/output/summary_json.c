/* summary_json.c - the "summary" section with the streaming writer (see
 * summary_json.h).
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#include "output/summary_json.h"

#include "engine/match.h"
#include "engine/panchang.h"
#include "output/display_json.h"

void summary_json_write(struct jsonw *w, const struct summary *s, int lang)
{
    jw_obj(w);
    jw_kstr(w, "varna", match_varna_name(s->varna));
    jw_kstr(w, "vashya", match_vashya_name(s->vashya));
    jw_kstr(w, "yoni", match_yoni_name(s->yoni));
    jw_kstr(w, "gana", match_gana_name(s->gana));
    jw_kstr(w, "nadi", match_nadi_name(s->nadi));
    jw_kstr(w, "nakshatra", nakshatra_name(s->nakshatra));
    display_json_write(w, "nakshatra_display", lang, LANG_KIND_NAKSHATRA, s->nakshatra);
    jw_kint(w, "pada", s->pada);
    jw_kstr(w, "nakshatra_lord", graha_name(s->nakshatra_lord));
    display_json_write(w, "nakshatra_lord_display", lang, LANG_KIND_GRAHA, s->nakshatra_lord);
    jw_kstr(w, "rashi", sign_name(s->rashi));
    display_json_write(w, "rashi_display", lang, LANG_KIND_SIGN, s->rashi);
    jw_kstr(w, "rashi_lord", graha_name(s->rashi_lord));
    display_json_write(w, "rashi_lord_display", lang, LANG_KIND_GRAHA, s->rashi_lord);
    jw_kstr(w, "lagna", sign_name(s->lagna));
    display_json_write(w, "lagna_display", lang, LANG_KIND_SIGN, s->lagna);
    jw_kstr(w, "lagna_lord", graha_name(s->lagna_lord));
    display_json_write(w, "lagna_lord_display", lang, LANG_KIND_GRAHA, s->lagna_lord);
    jw_key(w, "paya");
    jw_obj(w);
    jw_kint(w, "moon_house", s->moon_house);
    jw_kstr(w, "by_moon_house", summary_paya_name(s->paya_moon_house));
    jw_kstr(w, "by_nakshatra", summary_paya_name(s->paya_nakshatra));
    jw_obj_end(w);
    jw_kstr(w, "tatva", summary_tatva_name(s->tatva));
    jw_key(w, "namakshar");
    jw_obj(w);
    jw_kstr(w, "name", s->name);
    jw_kstr(w, "devanagari", s->display);
    jw_obj_end(w);
    jw_kstr(w, "yunja", summary_yunja_name(s->yunja));
    jw_key(w, "weekday");
    jw_obj(w);
    jw_kstr(w, "vedic", panchang_vara_name(s->vedic_weekday));
    display_json_write(w, "vedic_display", lang, LANG_KIND_VARA, s->vedic_weekday);
    jw_kstr(w, "civil", panchang_vara_name(s->civil_weekday));
    display_json_write(w, "civil_display", lang, LANG_KIND_VARA, s->civil_weekday);
    jw_kbool(w, "before_sunrise", s->before_sunrise);
    jw_obj_end(w);
    jw_obj_end(w);
}
