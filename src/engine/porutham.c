/* porutham.c - the ten South Indian poruthams, papasamyam and the porutham
 * verdict (see porutham.h). Each rule cites the published Tamil (or
 * Kerala) source it follows; docs/match.md lists them with the variants
 * of other authorities.
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#include "engine/porutham.h"

#include "engine/dignity.h"

#include <stdio.h>
#include <string.h>

/* The count from the girl's star to the boy's, inclusive: 1 (the same
 * star) .. 27 (the boy's star just before the girl's). Every nakshatra
 * porutham below counts this way, "from the girl's star to the boy's"
 * ("10 Porutham", scribd document 240285402, and the same text at
 * jathakaporutham.com "Nakshathra Porutham for Marriage"). */
static int count_from_girl(const struct match_person *g, const struct match_person *b)
{
    return (b->nakshatra - g->nakshatra + 27) % 27 + 1;
}

/* Tara of a remainder 1 .. 9 (Muhurta Chintamani, nakshatra prakarana). */
static const char *const tara_names[10] = {
    "",         "Janma",   "Sampat", "Vipat", "Kshema",
    "Pratyari", "Sadhaka", "Vadha",  "Mitra", "Parama mitra",
};

/* Dina when both have the same star ("aega nakshatra"): "10 Porutham"
 * (scribd 240285402; jathakaporutham.com): uthamam for Rohini,
 * Thiruvathirai (Ardra), Poosam (Pushya), Maham (Magha), Hastham (Hasta)
 * and Thiruvonam (Shravana); mathimam (still a match) for Ashwini,
 * Bharani, Karthikai (Krittika), Mrigashirsh, Punarpoosam (Punarvasu),
 * Uthiram (Uttara Phalguni), Chithirai (Chitra) and Anusham (Anuradha);
 * "the rest 13 won't match". 2 uthamam, 1 mathimam, 0 none. */
static const unsigned char same_star_dina[27] = {
    1, 1, 1, 2, 1, 2, 1, 2, 0, 2, 0, 1, 2, 1, 0, 0, 1, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0,
};

/* Dina: the count from the girl's star to the boy's reduced mod 9 (0 read
 * as 9); remainders 2, 4, 6, 8 and 9 agree, 1, 3, 5 and 7 do not
 * (srinesiga.com "thirumana porutham": "மீதி 2,4,6,8,9 வந்தால் சுபம்.
 * மீதி 1,3,5,7 வந்தால் அசுபம்"; rajaramaneb.blogspot.com
 * "தினப்பொருத்தம்"; the star matching chart of astrology.rithanya.com
 * lists exactly these, and is the table test_match.c checks). Then:
 * count 1, the same star, by same_star_dina; counts 10 and 19
 * (anujanma, trijanma) never ("Astrology Details", scribd 40403890); count
 * 27 only when both Moons are in one sign ("10 Porutham": "If you get 27
 * while counting match is considered, only if the rasi is same"). */
static void dina(struct porutham *p, const struct match_person *g, const struct match_person *b)
{
    int c = count_from_girl(g, b);
    int r = c % 9 ? c % 9 : 9;
    const char *gn = nakshatra_name(g->nakshatra), *bn = nakshatra_name(b->nakshatra);
    if (c == 1) {
        int q = same_star_dina[g->nakshatra];
        p->present = q > 0;
        snprintf(p->reason, sizeof p->reason, "girl and boy both %s: %s", gn,
                 q == 2 ? "the same star, uthamam for this star"
                 : q    ? "the same star, madhyamam for this star"
                        : "the same star, which does not agree for this star");
        return;
    }
    if (c == 10 || c == 19) {
        p->present = false;
        snprintf(p->reason, sizeof p->reason, "girl %s to boy %s: count %d, the girl's %s star", gn,
                 bn, c, c == 10 ? "anujanma" : "trijanma");
        return;
    }
    if (c == 27) {
        p->present = g->moon_sign == b->moon_sign;
        snprintf(p->reason, sizeof p->reason,
                 "girl %s to boy %s: count 27, agrees only in one sign: %s", gn, bn,
                 p->present ? "both in one sign" : "different signs");
        return;
    }
    p->present = r == 2 || r == 4 || r == 6 || r == 8 || r == 9;
    snprintf(p->reason, sizeof p->reason, "girl %s to boy %s: count %d, remainder %d (%s)", gn, bn,
             c, r, tara_names[r]);
}

/* Gana, the girl's against the boy's (manakkalayyampet.blogspot.com,
 * "கணப்பொருத்தம்"): the same gana is uthamam; a Deva girl with a Manushya
 * or Rakshasa boy, and a Manushya girl with a Deva boy, are good; a
 * Manushya girl with a Rakshasa boy, and a Rakshasa girl with a Deva or
 * Manushya boy, are not. Gana of each star as match_gana (all sources
 * agree). */
static void gana(struct porutham *p, const struct match_person *g, const struct match_person *b)
{
    int gg = match_gana(g->nakshatra), bg = match_gana(b->nakshatra);
    p->present = gg == bg || gg == GANA_DEVA || (gg == GANA_MANUSHYA && bg == GANA_DEVA);
    snprintf(p->reason, sizeof p->reason, "girl %s (%s) and boy %s (%s)%s",
             nakshatra_name(g->nakshatra), match_gana_name(gg), nakshatra_name(b->nakshatra),
             match_gana_name(bg),
             gg == bg              ? ": the same gana"
             : gg == GANA_DEVA     ? ": a Deva girl agrees with a boy of any gana"
             : p->present          ? ": a Manushya girl with a Deva boy agrees"
             : gg == GANA_RAKSHASA ? ": a Rakshasa girl agrees only with a Rakshasa boy"
                                   : ": a Manushya girl with a Rakshasa boy does not agree");
}

/* Mahendra: the boy's star 4th, 7th, 10th, 13th, 16th, 19th, 22nd or 25th
 * from the girl's (astrosiva.in "மகேந்திர பொருத்தம்": "4, 7, 10, 13, 16,
 * 19, 22, 25"; marriage-matching-astrology.blogspot.com "Star Matching
 * Method": girl Chitra, boy Shravana, 9th, no mahendra). */
static void mahendra(struct porutham *p, const struct match_person *g, const struct match_person *b)
{
    int c = count_from_girl(g, b);
    p->present = c >= 4 && c % 3 == 1;
    snprintf(p->reason, sizeof p->reason, "girl %s to boy %s: count %d%s",
             nakshatra_name(g->nakshatra), nakshatra_name(b->nakshatra), c,
             p->present ? "" : " (4, 7, 10, 13, 16, 19, 22 or 25 agree)");
}

/* Stree deergha: the boy's star beyond the 13th from the girl's
 * (marriage-matching-astrology.blogspot.com "Star Matching Method": "From
 * the Girl's star if the boy's star exceeds 13th then it is ok"). Kerala
 * texts ask for more than 15 (malayalam.samayam.com); docs/match.md. */
static void stree_deergha(struct porutham *p, const struct match_person *g,
                          const struct match_person *b)
{
    int c = count_from_girl(g, b);
    p->present = c > 13;
    snprintf(p->reason, sizeof p->reason, "girl %s to boy %s: count %d%s",
             nakshatra_name(g->nakshatra), nakshatra_name(b->nakshatra), c,
             p->present ? ", beyond 13" : ", 13 or less");
}

/* Yoni: agrees unless the two animals are sworn enemies: horse-buffalo,
 * elephant-lion, sheep-monkey, serpent-mongoose, dog-deer, cat-rat,
 * cow-tiger (Muhurta Chintamani, vivaha prakarana; the same seven in the
 * Tamil yoni porutham of prokerala.com and astroved.com). The animal of
 * each star as match_yoni. PyJHora's south method adds serpent-rat
 * (docs/match.md). */
static bool yoni_enemies(int a, int b)
{
    static const signed char enemy[14] = {
        YONI_BUFFALO, YONI_LION,  YONI_MONKEY,  YONI_MONGOOSE, YONI_DEER,
        YONI_RAT,     YONI_CAT,   YONI_TIGER,   YONI_HORSE,    YONI_COW,
        YONI_DOG,     YONI_SHEEP, YONI_SERPENT, YONI_ELEPHANT,
    };
    return enemy[a] == b;
}

static void yoni(struct porutham *p, const struct match_person *g, const struct match_person *b)
{
    int gy = match_yoni(g->nakshatra), by = match_yoni(b->nakshatra);
    p->present = !yoni_enemies(gy, by);
    snprintf(p->reason, sizeof p->reason, "girl %s (%s) and boy %s (%s)%s",
             nakshatra_name(g->nakshatra), match_yoni_name(gy), nakshatra_name(b->nakshatra),
             match_yoni_name(by),
             p->present ? (gy == by ? ": the same yoni" : ": not enemies") : ": sworn enemies");
}

static const char *ordinal(int n)
{
    static const char *const ord[13] = {"",    "1st", "2nd", "3rd",  "4th",  "5th", "6th",
                                        "7th", "8th", "9th", "10th", "11th", "12th"};
    return n >= 1 && n <= 12 ? ord[n] : "?";
}

/* Rasi: the boy's Moon sign counted from the girl's (raajayogam.com "Raasi
 * Porutham", the same text at prokerala.com): the 6th, 8th and 12th from
 * either to the other do not agree (2nd, 6th, 8th, 12th from the girl's);
 * the 7th agrees best, except Cancer-Capricorn and Leo-Aquarius; the 3rd,
 * 4th, 5th, 9th, 10th and 11th agree; the same sign "subject to
 * conditions", taken from "10 Porutham" (scribd 240285402): "When both
 * have same rashi boys nakshatra should precede girls". */
static void rasi(struct porutham *p, const struct match_person *g, const struct match_person *b)
{
    int gs = g->moon_sign, bs = b->moon_sign;
    int d = (bs - gs + 12) % 12 + 1;
    const char *why;
    if (d == 1) {
        p->present = b->nakshatra < g->nakshatra;
        why = p->present ? ": the same sign, the boy's star first"
                         : ": the same sign, the boy's star not before the girl's";
    } else if (d == 2 || d == 6 || d == 8 || d == 12) {
        p->present = false;
        why = d == 2 || d == 12 ? ": 2nd/12th from each other" : ": 6th/8th from each other";
    } else if (d == 7) {
        bool cc = (gs == CANCER || gs == CAPRICORN) && (bs == CANCER || bs == CAPRICORN);
        bool la = (gs == LEO || gs == AQUARIUS) && (bs == LEO || bs == AQUARIUS);
        p->present = !(cc || la);
        why = p->present ? ": 7th from each other"
                         : ": 7th, but Cancer-Capricorn and "
                           "Leo-Aquarius do not agree";
    } else {
        p->present = true;
        why = "";
    }
    snprintf(p->reason, sizeof p->reason, "girl %s and boy %s: boy's sign %s from girl's%s",
             sign_name(gs), sign_name(bs), ordinal(d), why);
}

/* Rasi adhipati: the lords of the two Moon signs (tirumanaporutham.blogspot
 * .com "Raasi Athipathi Porutham"): the same lord or mutual friends agree,
 * friend and neutral or both neutral agree moderately, any enmity (friend
 * and enemy, neutral and enemy) does not. Friendship is the natural one of
 * BPHS ch. 3 v. 55 (dignity_natural), which gives that page's examples
 * (Mars's signs do not agree with Mercury's and Saturn's, Venus's with the
 * Sun's, the Moon's and Jupiter's). */
static void rasi_adhipati(struct porutham *p, const struct match_person *g,
                          const struct match_person *b)
{
    int gl = sign_lord(g->moon_sign), bl = sign_lord(b->moon_sign);
    if (gl == bl) {
        p->present = true;
        snprintf(p->reason, sizeof p->reason, "girl %s and boy %s: the same lord, %s",
                 sign_name(g->moon_sign), sign_name(b->moon_sign), graha_name(gl));
        return;
    }
    int gb = dignity_natural(gl, bl), bg = dignity_natural(bl, gl);
    static const char *const word[3] = {"an enemy", "neutral", "a friend"};
    p->present = gb >= 0 && bg >= 0;
    snprintf(p->reason, sizeof p->reason,
             "lords %s (girl, %s) and %s (boy, %s): %s regards %s as "
             "%s, %s regards %s as %s",
             graha_name(gl), sign_name(g->moon_sign), graha_name(bl), sign_name(b->moon_sign),
             graha_name(gl), graha_name(bl), word[gb + 1], graha_name(bl), graha_name(gl),
             word[bg + 1]);
}

/* Vasya: the boy's sign among the signs vasya to the girl's: Aries: Leo,
 * Scorpio; Taurus: Cancer, Libra; Gemini: Virgo; Cancer: Scorpio,
 * Sagittarius; Leo: Libra; Virgo: Gemini, Pisces; Libra: Virgo,
 * Capricorn; Scorpio: Cancer; Sagittarius: Pisces; Capricorn: Aries,
 * Aquarius; Aquarius: Aries; Pisces: Capricorn (the rasi vasya table of
 * PyJHora's compatibility.py, vasiya_porutham_south, which checks the boy's
 * sign in the girl's list; prokerala.com "Vasya Porutham"). Bit s of
 * vasya_signs[girl] is set when sign s is vasya to the girl's. */
static const unsigned short vasya_signs[12] = {
    1u << LEO | 1u << SCORPIO,
    1u << CANCER | 1u << LIBRA,
    1u << VIRGO,
    1u << SCORPIO | 1u << SAGITTARIUS,
    1u << LIBRA,
    1u << GEMINI | 1u << PISCES,
    1u << VIRGO | 1u << CAPRICORN,
    1u << CANCER,
    1u << PISCES,
    1u << ARIES | 1u << AQUARIUS,
    1u << ARIES,
    1u << CAPRICORN,
};

static void vasya(struct porutham *p, const struct match_person *g, const struct match_person *b)
{
    p->present = (vasya_signs[g->moon_sign] >> b->moon_sign) & 1u;
    snprintf(p->reason, sizeof p->reason, "boy's %s %s vasya to girl's %s", sign_name(b->moon_sign),
             p->present ? "is" : "is not", sign_name(g->moon_sign));
}

/* Rajju of each star (jathagamporutham.com "Rajju Porutham"; the same five
 * groups in PyJHora's head/neck/stomach/waist/foot_rajju): Siro
 * Mrigashira, Chitra, Dhanishta; Kantha Rohini, Ardra, Hasta, Swati,
 * Shravana, Shatabhisha; Nabhi Krittika, Punarvasu, Uttara Phalguni,
 * Vishakha, Uttara Ashadha, Purva Bhadrapada; Kati Bharani, Pushya, Purva
 * Phalguni, Anuradha, Purva Ashadha, Uttara Bhadrapada; Pada Ashwini,
 * Ashlesha, Magha, Jyeshtha, Mula, Revati. */
static const signed char rajju_of[27] = {
    RAJJU_PADA,   RAJJU_KATI,  RAJJU_NABHI,  RAJJU_KANTHA, RAJJU_SIRO,  RAJJU_KANTHA, RAJJU_NABHI,
    RAJJU_KATI,   RAJJU_PADA,  RAJJU_PADA,   RAJJU_KATI,   RAJJU_NABHI, RAJJU_KANTHA, RAJJU_SIRO,
    RAJJU_KANTHA, RAJJU_NABHI, RAJJU_KATI,   RAJJU_PADA,   RAJJU_PADA,  RAJJU_KATI,   RAJJU_NABHI,
    RAJJU_KANTHA, RAJJU_SIRO,  RAJJU_KANTHA, RAJJU_NABHI,  RAJJU_KATI,  RAJJU_PADA,
};
static const char *const rajju_names[RAJJU_COUNT] = {"Pada", "Kati", "Nabhi", "Kantha", "Siro"};

int porutham_rajju(int nakshatra)
{
    return nakshatra >= 0 && nakshatra < 27 ? rajju_of[nakshatra] : -1;
}

const char *porutham_rajju_name(int r)
{
    return r >= 0 && r < RAJJU_COUNT ? rajju_names[r] : "?";
}

/* Rajju: the two stars in different rajjus; the same one is a dosha that
 * no other agreement outweighs (jathagamporutham.com: "Male & female
 * should not be the same rajju"; "the most important of the ten"). */
static void rajju(struct porutham *p, const struct match_person *g, const struct match_person *b)
{
    int gr = rajju_of[g->nakshatra], br = rajju_of[b->nakshatra];
    p->present = gr != br;
    p->deciding = true;
    snprintf(p->reason, sizeof p->reason, "girl %s (%s rajju) and boy %s (%s rajju)%s",
             nakshatra_name(g->nakshatra), rajju_names[gr], nakshatra_name(b->nakshatra),
             rajju_names[br], p->present ? "" : ": the same rajju");
}

/* Vedha pairs (rajaramaneb.blogspot.com "வேதைப்பொருத்தம்"; astroved.com
 * "Vedha Porutham"): Ashwini-Jyeshtha, Bharani-Anuradha,
 * Krittika-Vishakha, Rohini-Swati, Ardra-Shravana, Punarvasu-Uttara
 * Ashadha, Pushya-Purva Ashadha, Ashlesha-Mula, Magha-Revati, Purva
 * Phalguni-Uttara Bhadrapada, Uttara Phalguni-Purva Bhadrapada,
 * Hasta-Shatabhisha, and Mrigashira, Chitra, Dhanishta each with the other
 * two. vedha_pair[n] is n's partner (the triad's are handled apart). */
static const signed char vedha_pair[27] = {
    17, 16, 15, 14, -1, 21, 20, 19, 18, 26, 25, 24, 23, -1,
    3,  2,  1,  0,  8,  7,  6,  5,  -1, 12, 11, 10, 9,
};

bool porutham_vedha(int a, int b)
{
    if (a < 0 || a > 26 || b < 0 || b > 26 || a == b)
        return false;
    bool triad_a = a == 4 || a == 13 || a == 22, triad_b = b == 4 || b == 13 || b == 22;
    return (triad_a && triad_b) || vedha_pair[a] == b;
}

/* Vedha: the two stars must not obstruct each other; like rajju, its
 * absence is decisive ("10 Porutham"; Suni Nair, "Kerala System of
 * Marriage Matching", scribd 284053526: "the absence of Doshas like Rejju
 * and vedha is a must"). */
static void vedha(struct porutham *p, const struct match_person *g, const struct match_person *b)
{
    p->present = !porutham_vedha(g->nakshatra, b->nakshatra);
    p->deciding = true;
    snprintf(p->reason, sizeof p->reason, "girl %s and boy %s: %s", nakshatra_name(g->nakshatra),
             nakshatra_name(b->nakshatra), p->present ? "not vedha" : "vedha to each other");
}

/* Papasamyam (Astro-Vision's "Horoscope compatibility: papasamya",
 * blog.indianastrologysoftware.com): the malefics Mars, Sun, Saturn and
 * Rahu in the 1st, 2nd, 4th, 7th, 8th or 12th counted from the lagna, the
 * Moon and Venus; "values are given in the form of 1 for ascendant, 1/2
 * for Moon and 1/4 for Venus". Whole signs, the reference's own sign the
 * 1st. Ketu, which some add (jathakaporutham.com), is not counted. */
void porutham_papa_points(const struct chart *c, double out[PAPA_REF_COUNT])
{
    static const int malefic[4] = {GRAHA_SUN, GRAHA_MARS, GRAHA_SATURN, GRAHA_RAHU};
    static const double weight[PAPA_REF_COUNT] = {1.0, 0.5, 0.25};
    int ref[PAPA_REF_COUNT] = {c->ascendant.sign, c->grahas[GRAHA_MOON].pos.sign,
                               c->grahas[GRAHA_VENUS].pos.sign};
    for (int r = 0; r < PAPA_REF_COUNT; r++) {
        out[r] = 0;
        for (int i = 0; i < 4; i++) {
            int h = (c->grahas[malefic[i]].pos.sign - ref[r] + 12) % 12 + 1;
            if (h == 1 || h == 2 || h == 4 || h == 7 || h == 8 || h == 12)
                out[r] += weight[r];
        }
    }
}

static double papa_total(const struct match_person *p)
{
    return p->papa[PAPA_LAGNA] + p->papa[PAPA_MOON] + p->papa[PAPA_VENUS];
}

/* The balance (the same blog): "It is always better if the malefic planets
 * in both the horoscopes are equal. A slight increase in the malefic
 * points (up to value 1) of the male horoscope can be passed. The malefic
 * points in the female horoscope should not in any way be greater than
 * that in the male horoscope." */
static void papasamyam(struct match *m)
{
    m->papa_boy = papa_total(&m->boy);
    m->papa_girl = papa_total(&m->girl);
    double d = m->papa_boy - m->papa_girl;
    m->papa_balanced = d >= 0 && d <= 1;
    snprintf(m->papa_reason, sizeof m->papa_reason, "boy %g, girl %g: %s", m->papa_boy,
             m->papa_girl,
             d < 0    ? "the girl's points exceed the boy's"
             : d > 1  ? "the boy's points exceed the girl's by more than 1"
             : d == 0 ? "equal"
                      : "the boy's exceed the girl's by at most 1");
}

/* The verdict ("10 Porutham", jathakaporutham.com "Nakshathra Porutham for
 * Marriage": "At least 6 or 7 Poruthams including the 5, Dinam - Ganam -
 * Yoni - Rasi and Rajju must be available. This is considered as
 * Madyamam. 8 or More Poruthams if available is Excellent"), with rajju
 * and vedha required first (Suni Nair, above). */
static const char porutham_source[] =
    "jathakaporutham.com, Nakshathra Porutham for Marriage: 8 or more excellent; 6 or 7 "
    "including dina, gana, yoni, rasi and rajju madhyamam; rajju and vedha required (Suni Nair, "
    "Kerala System of Marriage Matching)";

static void verdict(struct match *m)
{
    const struct porutham *p = m->poruthams;
    struct match_verdict *v = &m->verdict;
    bool five = p[PORUTHAM_DINA].present && p[PORUTHAM_GANA].present && p[PORUTHAM_YONI].present &&
                p[PORUTHAM_RASI].present;
    v->source = porutham_source;
    if (!m->rajju_ok || !m->vedha_ok) {
        v->band = MATCH_BAND_NOT_RECOMMENDED;
        snprintf(v->text, sizeof v->text, "%d of 10, but %s: not recommended", m->count,
                 !m->rajju_ok && !m->vedha_ok ? "rajju and vedha are absent"
                 : !m->rajju_ok               ? "rajju is absent"
                                              : "vedha is absent");
    } else if (m->count >= 8) {
        v->band = MATCH_BAND_EXCELLENT;
        snprintf(v->text, sizeof v->text, "%d of 10 with rajju and vedha: excellent (8 or more)",
                 m->count);
    } else if (m->count >= 6 && five) {
        v->band = MATCH_BAND_AVERAGE;
        snprintf(v->text, sizeof v->text,
                 "%d of 10 with dina, gana, yoni, rasi and rajju: average (madhyamam)", m->count);
    } else {
        v->band = MATCH_BAND_NOT_RECOMMENDED;
        snprintf(v->text, sizeof v->text, "%d of 10: not recommended (%s)", m->count,
                 m->count < 6 ? "fewer than 6" : "dina, gana, yoni and rasi are not all present");
    }
}

void porutham_compute(struct match *m)
{
    typedef void (*rule_fn)(struct porutham *, const struct match_person *,
                            const struct match_person *);
    static const rule_fn rules[PORUTHAM_COUNT] = {
        dina, gana, mahendra, stree_deergha, yoni, rasi, rasi_adhipati, vasya, rajju, vedha,
    };
    m->count = 0;
    for (int i = 0; i < PORUTHAM_COUNT; i++) {
        memset(&m->poruthams[i], 0, sizeof m->poruthams[i]);
        rules[i](&m->poruthams[i], &m->girl, &m->boy);
        m->count += m->poruthams[i].present;
    }
    m->rajju_ok = m->poruthams[PORUTHAM_RAJJU].present;
    m->vedha_ok = m->poruthams[PORUTHAM_VEDHA].present;
    m->have_papasamyam = m->boy.have_papa && m->girl.have_papa;
    if (m->have_papasamyam)
        papasamyam(m);
    verdict(m);
}
