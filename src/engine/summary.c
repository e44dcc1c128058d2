/* summary.c - the avakhada chakra of a chart (see summary.h): table
 * lookups, each table with its published source.
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#include "engine/summary.h"

#include "engine/civil.h"
#include "engine/match.h"

static const char *const paya_names[PAYA_COUNT] = {"Swarna", "Rajat", "Tamra", "Loha"};
static const char *const tatva_names[TATVA_COUNT] = {"Agni", "Prithvi", "Vayu", "Jala"};
static const char *const yunja_names[YUNJA_COUNT] = {"Purva", "Madhya", "Para"};

/* The name syllables (namakshar, charanakshar) of the 108 padas, Ashwini 1
 * .. Revati 4: the Hindi almanac table as printed in the book "Saral
 * Jyotish" (jainqq.org/pagetext/Saral_Jyotish/009373/83, "नक्षत्रों के
 * चरण": Ashwini to Purva Ashadha) and in "Muhurtaraj" (jainqq.org/explore/
 * 001933/84, "नक्षत्र-वर्ण ... ज्ञापक सारणी": Uttara Ashadha to Revati). That table has 28 nakshatras;
 * with 27, Shravana keeps its own खी खू खे खो and Abhijit's जू जे जो खा are not used (Telugu tables,
 * e.g. the Thraitha Sakha Panchangam, give Shravana జూ జే జో ఖ instead:
 * docs/summary.md). Romanised as the common English tables do (Chu, Che,
 * Cho, La, ...), so retroflex and dental letters spell alike; the
 * Devanagari tells them apart. */
static const char *const namakshar[108] = {
    "Chu", "Che", "Cho", "La",  "Li",  "Lu",  "Le",  "Lo",  "A",   "I",    "U",   "E",   "O",  "Va",
    "Vi",  "Vu",  "Ve",  "Vo",  "Ka",  "Ki",  "Ku",  "Gha", "Nga", "Chha", "Ke",  "Ko",  "Ha", "Hi",
    "Hu",  "He",  "Ho",  "Da",  "Di",  "Du",  "De",  "Do",  "Ma",  "Mi",   "Mu",  "Me",  "Mo", "Ta",
    "Ti",  "Tu",  "Te",  "To",  "Pa",  "Pi",  "Pu",  "Sha", "Na",  "Tha",  "Pe",  "Po",  "Ra", "Ri",
    "Ru",  "Re",  "Ro",  "Ta",  "Ti",  "Tu",  "Te",  "To",  "Na",  "Ni",   "Nu",  "Ne",  "No", "Ya",
    "Yi",  "Yu",  "Ye",  "Yo",  "Bha", "Bhi", "Bhu", "Dha", "Pha", "Dha",  "Bhe", "Bho", "Ja", "Ji",
    "Khi", "Khu", "Khe", "Kho", "Ga",  "Gi",  "Gu",  "Ge",  "Go",  "Sa",   "Si",  "Su",  "Se", "So",
    "Da",  "Di",  "Du",  "Tha", "Jha", "Nya", "De",  "Do",  "Cha", "Chi",
};
static const char *const namakshar_display[108] = {
    "चू",  "चे",  "चो", "ला", "ली", "लू",  "ले",  "लो", "आ",  "ई",  "उ",  "ए",  "ओ",  "वा", "वी", "वू",
    "वे",  "वो", "का", "की", "कू",  "घ",  "ङ",  "छ",  "के",  "को", "हा", "ही", "हू",  "हे",  "हो", "डा",
    "डी", "डू",  "डे",  "डो", "मा", "मी", "मू",  "मे",  "मो", "टा", "टी", "टू",  "टे",  "टो", "पा", "पी",
    "पू",  "ष",  "ण",  "ठ",  "पे",  "पो", "रा", "री", "रू",  "रे",  "रो", "ता", "ती", "तू",  "ते",  "तो",
    "ना", "नी", "नू",  "ने",  "नो", "या", "यी", "यू",  "ये",  "यो", "भा", "भी", "भू",  "धा", "फा", "ढा",
    "भे",  "भो", "जा", "जी", "खी", "खू",  "खे",  "खो", "गा", "गी", "गू",  "गे",  "गो", "सा", "सी", "सू",
    "से",  "सो", "दा", "दी", "दू",  "थ",  "झ",  "ञ",  "दे",  "दो", "चा", "ची",
};

/* Paya by the Moon's house from the lagna: 1, 6, 11 swarna; 2, 5, 9 rajat;
 * 3, 7, 10 tamra; 4, 8, 12 loha (gargastro.com "Sona, chandi aur lohe ka
 * paya": "लग्न, 6, 11 भावों में चन्द्रमा हो तो सोने का पाया ... 2,5,9 ...
 * चांदी ... 3,7,10 ... तांबे ... 4,8,12 ... लोहे"; the same in
 * shrijijyotish.com and vastutapeshwar.com). Indexed by house - 1. */
static const signed char paya_of_house[12] = {
    PAYA_SWARNA, PAYA_RAJAT, PAYA_TAMRA, PAYA_LOHA,  PAYA_RAJAT,  PAYA_SWARNA,
    PAYA_TAMRA,  PAYA_LOHA,  PAYA_RAJAT, PAYA_TAMRA, PAYA_SWARNA, PAYA_LOHA,
};

/* Paya by the Moon's nakshatra (pragya-path.blogspot.com "पाया विचार",
 * "नक्षत्र से पाया विचार"): swarna Revati, Ashwini, Bharani, Krittika,
 * Rohini, Mrigashira; rajat Ardra .. Swati; tamra Vishakha .. Shatabhisha;
 * loha Purva and Uttara Bhadrapada. Indexed by nakshatra. */
static const signed char paya_of_nakshatra[27] = {
    PAYA_SWARNA, PAYA_SWARNA, PAYA_SWARNA, PAYA_SWARNA, PAYA_SWARNA, PAYA_RAJAT,  PAYA_RAJAT,
    PAYA_RAJAT,  PAYA_RAJAT,  PAYA_RAJAT,  PAYA_RAJAT,  PAYA_RAJAT,  PAYA_RAJAT,  PAYA_RAJAT,
    PAYA_RAJAT,  PAYA_TAMRA,  PAYA_TAMRA,  PAYA_TAMRA,  PAYA_TAMRA,  PAYA_TAMRA,  PAYA_TAMRA,
    PAYA_TAMRA,  PAYA_TAMRA,  PAYA_TAMRA,  PAYA_LOHA,   PAYA_LOHA,   PAYA_SWARNA,
};

/* Yunja of each nakshatra: purva the six from Revati (Revati .. Mrigashira),
 * madhya the twelve from Ardra (Ardra .. Anuradha), para the nine from
 * Jyeshtha (Jyeshtha .. Uttara Bhadrapada) (Muhurta Chintamani, vivaha
 * prakarana, the yunja of the stars for the couple's mutual love; the three
 * classes adi, madhya, ant as in hi.tryxyz.com "वर वधू मिलान में यून्जा
 * विचार"). */
static const signed char yunja_of[27] = {
    YUNJA_PURVA,  YUNJA_PURVA,  YUNJA_PURVA,  YUNJA_PURVA,  YUNJA_PURVA,  YUNJA_MADHYA,
    YUNJA_MADHYA, YUNJA_MADHYA, YUNJA_MADHYA, YUNJA_MADHYA, YUNJA_MADHYA, YUNJA_MADHYA,
    YUNJA_MADHYA, YUNJA_MADHYA, YUNJA_MADHYA, YUNJA_MADHYA, YUNJA_MADHYA, YUNJA_PARA,
    YUNJA_PARA,   YUNJA_PARA,   YUNJA_PARA,   YUNJA_PARA,   YUNJA_PARA,   YUNJA_PARA,
    YUNJA_PARA,   YUNJA_PARA,   YUNJA_PURVA,
};

const char *summary_paya_name(int paya)
{
    return paya >= 0 && paya < PAYA_COUNT ? paya_names[paya] : "?";
}

const char *summary_tatva_name(int tatva)
{
    return tatva >= 0 && tatva < TATVA_COUNT ? tatva_names[tatva] : "?";
}

const char *summary_yunja_name(int yunja)
{
    return yunja >= 0 && yunja < YUNJA_COUNT ? yunja_names[yunja] : "?";
}

const char *summary_namakshar(int nakshatra, int pada)
{
    if (nakshatra < 0 || nakshatra > 26 || pada < 1 || pada > 4)
        return NULL;
    return namakshar[nakshatra * 4 + pada - 1];
}

const char *summary_namakshar_display(int nakshatra, int pada)
{
    if (nakshatra < 0 || nakshatra > 26 || pada < 1 || pada > 4)
        return NULL;
    return namakshar_display[nakshatra * 4 + pada - 1];
}

int summary_paya_of_house(int house)
{
    return house >= 1 && house <= 12 ? paya_of_house[house - 1] : -1;
}

int summary_paya_of_nakshatra(int nakshatra)
{
    return nakshatra >= 0 && nakshatra < 27 ? paya_of_nakshatra[nakshatra] : -1;
}

/* Tatva of a sign by its triplicity: Aries, Leo, Sagittarius agni;
 * Taurus, Virgo, Capricorn prithvi; Gemini, Libra, Aquarius vayu; Cancer,
 * Scorpio, Pisces jala ("Fiery Signs Agni tatwa, Earth signs Prithvi
 * tatwa, Air Signs Vayu tatwa, Watery Signs Jala tatwa", the sign table of
 * pdfcoffee.com "Astrology 6"; scribd "Rasi and Rulers"). The avakhada
 * chakra gives the tatva of the Moon's sign (docs/summary.md). */
int summary_tatva_of_sign(int sign)
{
    return sign >= 0 && sign < 12 ? sign % 4 : -1;
}

int summary_yunja_of_nakshatra(int nakshatra)
{
    return nakshatra >= 0 && nakshatra < 27 ? yunja_of[nakshatra] : -1;
}

void summary_compute(const struct chart *c, int vedic_weekday, struct summary *out)
{
    const struct zodiac_pos *moon = &c->grahas[GRAHA_MOON].pos;
    struct match_person p;
    /* The koota categories are a person's, from the chart's Moon as
     * matching takes it (match.c, the north tables). */
    p.nakshatra = moon->nakshatra;
    p.pada = moon->pada;
    p.moon_sign = moon->sign;
    p.moon_degree = moon->degree;
    out->varna = match_varna(moon->sign);
    out->vashya = match_vashya(&p);
    out->yoni = match_yoni(moon->nakshatra);
    out->gana = match_gana(moon->nakshatra);
    out->nadi = match_nadi(moon->nakshatra);
    out->nakshatra = moon->nakshatra;
    out->pada = moon->pada;
    out->nakshatra_lord = nakshatra_lord(moon->nakshatra);
    out->rashi = moon->sign;
    out->rashi_lord = sign_lord(moon->sign);
    out->lagna = c->ascendant.sign;
    out->lagna_lord = sign_lord(c->ascendant.sign);
    out->moon_house = (moon->sign - c->ascendant.sign + 12) % 12 + 1;
    out->paya_moon_house = paya_of_house[out->moon_house - 1];
    out->paya_nakshatra = paya_of_nakshatra[moon->nakshatra];
    out->tatva = summary_tatva_of_sign(moon->sign);
    out->name = summary_namakshar(moon->nakshatra, moon->pada);
    out->display = summary_namakshar_display(moon->nakshatra, moon->pada);
    out->yunja = yunja_of[moon->nakshatra];
    out->vedic_weekday = vedic_weekday;
    out->civil_weekday =
        civil_weekday(c->birth.local.year, c->birth.local.month, c->birth.local.day);
    out->before_sunrise = vedic_weekday != out->civil_weekday;
}
