/* strength_json.c - serialises struct strength with the streaming writer
 * (see strength_json.h).
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#include "output/strength_json.h"

#include "output/display_json.h"

#define V(key, value) jw_kfixed(w, key, value, 2)

static void write_graha(struct jsonw *w, int g, const struct shadbala *b, int lang)
{
    jw_obj(w);
    jw_kstr(w, "graha", graha_name(g));
    display_json_write(w, "graha_display", lang, LANG_KIND_GRAHA, g);
    jw_kbool(w, "benefic", b->benefic);
    jw_key(w, "sthana");
    jw_obj(w);
    V("uchcha", b->uchcha);
    V("saptavargaja", b->saptavargaja);
    V("ojayugma", b->ojayugma);
    V("kendradi", b->kendradi);
    V("drekkana", b->drekkana);
    V("total", b->sthana);
    jw_obj_end(w);
    V("dig", b->dig);
    jw_key(w, "kala");
    jw_obj(w);
    V("nathonnatha", b->nathonnatha);
    V("paksha", b->paksha);
    V("tribhaga", b->tribhaga);
    V("abda", b->abda);
    V("masa", b->masa);
    V("vara", b->vara);
    V("hora", b->hora);
    V("ayana", b->ayana);
    V("yuddha", b->yuddha);
    V("total", b->kala);
    jw_obj_end(w);
    V("cheshta", b->cheshta);
    V("naisargika", b->naisargika);
    V("drik", b->drik);
    V("total", b->total);
    V("rupas", b->rupas);
    V("required", b->required);
    V("ratio", b->ratio);
    jw_kbool(w, "strong", b->rupas >= b->required);
    V("ishta_phala", b->ishta);
    V("kashta_phala", b->kashta);
    jw_obj_end(w);
}

void strength_json_write(struct jsonw *w, const struct strength *s, const struct chart *c)
{
    int lang = c->options.lang;
    jw_obj(w);
    jw_kstr(w, "school", strength_school_name(s->school));
    jw_key(w, "shadbala");
    jw_arr(w);
    for (int g = 0; g < STRENGTH_GRAHAS; g++)
        write_graha(w, g, &s->graha[g], lang);
    jw_arr_end(w);
    jw_key(w, "lords");
    jw_obj(w);
    jw_kstr(w, "abda", graha_name(s->abda_lord));
    display_json_write(w, "abda_display", lang, LANG_KIND_GRAHA, s->abda_lord);
    jw_kstr(w, "masa", graha_name(s->masa_lord));
    display_json_write(w, "masa_display", lang, LANG_KIND_GRAHA, s->masa_lord);
    jw_kstr(w, "vara", graha_name(s->vara_lord));
    display_json_write(w, "vara_display", lang, LANG_KIND_GRAHA, s->vara_lord);
    jw_kstr(w, "hora", graha_name(s->hora_lord));
    display_json_write(w, "hora_display", lang, LANG_KIND_GRAHA, s->hora_lord);
    jw_obj_end(w);
    jw_key(w, "war");
    if (s->war_winner < 0) {
        jw_null(w);
    } else {
        jw_obj(w);
        jw_kstr(w, "winner", graha_name(s->war_winner));
        display_json_write(w, "winner_display", lang, LANG_KIND_GRAHA, s->war_winner);
        jw_kstr(w, "loser", graha_name(s->war_loser));
        display_json_write(w, "loser_display", lang, LANG_KIND_GRAHA, s->war_loser);
        jw_obj_end(w);
    }
    jw_key(w, "bhava_bala");
    jw_arr(w);
    for (int h = 0; h < 12; h++) {
        const struct bhava_bala *b = &s->bhava[h];
        jw_obj(w);
        jw_kint(w, "house", h + 1);
        jw_kstr(w, "sign", sign_name(b->sign));
        display_json_write(w, "sign_display", lang, LANG_KIND_SIGN, b->sign);
        jw_kfixed(w, "madhya", b->madhya, 4);
        jw_kstr(w, "lord", graha_name(b->lord));
        display_json_write(w, "lord_display", lang, LANG_KIND_GRAHA, b->lord);
        V("adhipati", b->adhipati);
        V("dig", b->dig);
        V("drishti", b->drishti);
        V("total", b->total);
        V("rupas", b->rupas);
        jw_obj_end(w);
    }
    jw_arr_end(w);
    jw_key(w, "vimshopaka");
    jw_arr(w);
    for (int g = 0; g < STRENGTH_GRAHAS; g++) {
        jw_obj(w);
        jw_kstr(w, "graha", graha_name(g));
        display_json_write(w, "graha_display", lang, LANG_KIND_GRAHA, g);
        for (int k = 0; k < VIMSHOPAKA_COUNT; k++)
            V(strength_vimshopaka_name(k), s->vimshopaka[g][k]);
        jw_obj_end(w);
    }
    jw_arr_end(w);
    jw_obj_end(w);
}
