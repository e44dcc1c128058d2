/* test_yoga.c - each common yoga on a hand-built chart where it is present
 * (with the grahas that form it) and on a variant where it is absent. The
 * charts set only what the rules read: the lagna's sign and each graha's
 * sign (at 15 degrees). Cases were worked by hand from the rules in
 * docs/yoga.md.
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "engine/yoga.h"
#include "testutil.h"

enum { AR, TA, GE, CN, LE, VI, LI, SC, SG, CP, AQ, PI };

struct yoga_case {
    const char *what;
    int yoga;
    int lagna;
    int sign[GRAHA_CLASSICAL]; /* Sun Moon Mars Mercury Jupiter Venus Saturn Rahu Ketu */
    bool present;
    const char *planets;       /* expected, comma-separated, in order */
};

static const struct yoga_case cases[] = {
    {"Ruchaka: Mars exalted in the 10th", YOGA_RUCHAKA, AR,
     {LE, TA, CP, LE, SG, VI, AQ, GE, SG}, true, "Mars"},
    {"Ruchaka: Mars exalted in the 9th", YOGA_RUCHAKA, TA,
     {LE, TA, CP, LE, SG, VI, AQ, GE, SG}, false, ""},
    {"Bhadra: Mercury in Virgo, 4th", YOGA_BHADRA, GE,
     {LE, TA, AR, VI, SG, LI, AQ, GE, SG}, true, "Mercury"},
    {"Bhadra: Mercury in Leo, 3rd", YOGA_BHADRA, GE,
     {LE, TA, AR, LE, SG, LI, AQ, GE, SG}, false, ""},
    {"Hamsa: Jupiter exalted in the 4th", YOGA_HAMSA, AR,
     {LE, TA, AR, LE, CN, LI, AQ, GE, SG}, true, "Jupiter"},
    {"Hamsa: Jupiter exalted in the 2nd", YOGA_HAMSA, GE,
     {LE, TA, AR, LE, CN, LI, AQ, GE, SG}, false, ""},
    {"Malavya: Venus exalted in the lagna", YOGA_MALAVYA, PI,
     {AQ, TA, AR, AQ, CN, PI, LE, GE, SG}, true, "Venus"},
    {"Malavya: Venus debilitated in the 7th", YOGA_MALAVYA, PI,
     {AQ, TA, AR, AQ, CN, VI, LE, GE, SG}, false, ""},
    {"Sasa: Saturn exalted in the 7th", YOGA_SASA, AR,
     {LE, TA, GE, LE, SG, VI, LI, GE, SG}, true, "Saturn"},
    {"Sasa: Saturn debilitated in the lagna", YOGA_SASA, AR,
     {LE, TA, GE, LE, SG, VI, AR, GE, SG}, false, ""},
    {"Gaja Kesari: Jupiter 4th from the Moon", YOGA_GAJA_KESARI, AR,
     {LE, TA, GE, LE, LE, VI, AQ, GE, SG}, true, "Jupiter,Moon"},
    {"Gaja Kesari: Jupiter 2nd from the Moon", YOGA_GAJA_KESARI, AR,
     {LE, TA, GE, LE, GE, VI, AQ, GE, SG}, false, ""},
    {"Budha-Aditya: Sun and Mercury in Leo", YOGA_BUDHA_ADITYA, AR,
     {LE, TA, GE, LE, SG, VI, AQ, GE, SG}, true, "Sun,Mercury"},
    {"Budha-Aditya: Mercury a sign ahead", YOGA_BUDHA_ADITYA, AR,
     {LE, TA, GE, VI, SG, VI, AQ, GE, SG}, false, ""},
    {"Chandra-Mangala: Moon and Mars in Cancer", YOGA_CHANDRA_MANGALA, AR,
     {LE, CN, CN, LE, SG, VI, AQ, GE, SG}, true, "Moon,Mars"},
    {"Chandra-Mangala: apart", YOGA_CHANDRA_MANGALA, AR,
     {LE, CN, LE, LE, SG, VI, AQ, GE, SG}, false, ""},
    {"Sunapha: Mars 2nd from the Moon", YOGA_SUNAPHA, AR,
     {LE, AR, TA, LE, SG, VI, LI, GE, SG}, true, "Moon,Mars"},
    {"Sunapha: nothing beside the Moon", YOGA_SUNAPHA, AR,
     {LE, AR, LE, LE, SG, VI, LI, GE, SG}, false, ""},
    {"Sunapha: only the Sun 2nd from the Moon", YOGA_SUNAPHA, AR,
     {TA, AR, LE, LE, SG, VI, LI, CN, CP}, false, ""},
    {"Anapha: Saturn 12th from the Moon", YOGA_ANAPHA, AR,
     {LE, AR, LE, LE, SG, VI, PI, GE, SG}, true, "Moon,Saturn"},
    {"Anapha: Saturn 12th but Mars 2nd", YOGA_ANAPHA, AR,
     {LE, AR, TA, LE, SG, VI, PI, GE, SG}, false, ""},
    {"Durudhara: Mars 2nd and Saturn 12th", YOGA_DURUDHARA, AR,
     {LE, AR, TA, LE, SG, VI, PI, GE, SG}, true, "Moon,Mars,Saturn"},
    {"Durudhara: only the 12th", YOGA_DURUDHARA, AR,
     {LE, AR, LE, LE, SG, VI, PI, GE, SG}, false, ""},
    {"Kemadruma: the Moon alone, no kendra held", YOGA_KEMADRUMA, AR,
     {TA, GE, LE, LE, SC, LE, AQ, CN, CP}, true, "Moon"},
    {"Kemadruma: Jupiter in the 7th cancels", YOGA_KEMADRUMA, AR,
     {TA, GE, LE, LE, LI, LE, AQ, CN, CP}, false, ""},
    {"Kemadruma Bhanga: Jupiter in the 7th", YOGA_KEMADRUMA_BHANGA, AR,
     {TA, GE, LE, LE, LI, LE, AQ, CN, CP}, true, "Moon,Jupiter"},
    {"Kemadruma Bhanga: no Kemadruma to cancel", YOGA_KEMADRUMA_BHANGA, AR,
     {TA, GE, CN, LE, LI, LE, AQ, CN, CP}, false, ""},
    {"Vesi: Mars 2nd from the Sun", YOGA_VESI, AR,
     {LE, CN, VI, LE, SG, LI, AQ, GE, SG}, true, "Sun,Mars"},
    {"Vesi: Mars 4th from the Sun", YOGA_VESI, AR,
     {LE, CN, SC, LE, SG, LI, AQ, GE, SG}, false, ""},
    {"Vasi: Venus 12th from the Sun", YOGA_VASI, AR,
     {LE, TA, SC, LE, SG, CN, AQ, GE, SG}, true, "Sun,Venus"},
    {"Vasi: only the Moon 12th from the Sun", YOGA_VASI, AR,
     {LE, CN, SC, LE, SG, LI, AQ, GE, SG}, false, ""},
    {"Ubhayachari: Mercury 2nd, Venus 12th", YOGA_UBHAYACHARI, AR,
     {LE, TA, SC, VI, SG, CN, AQ, GE, SG}, true, "Sun,Mercury,Venus"},
    {"Ubhayachari: only the 2nd", YOGA_UBHAYACHARI, AR,
     {LE, TA, SC, VI, SG, LI, AQ, GE, SG}, false, ""},
    {"Neecha Bhanga: Sun in Libra, Venus in the 10th", YOGA_NEECHA_BHANGA, AR,
     {LI, AR, GE, SC, SG, CP, LE, TA, SC}, true, "Sun,Venus"},
    {"Neecha Bhanga: Venus, Mars, Saturn off the kendras", YOGA_NEECHA_BHANGA, AR,
     {LI, AR, GE, SC, SG, TA, LE, TA, SC}, false, ""},
    {"Harsha: 6th lord Mercury in the 8th", YOGA_HARSHA, AR,
     {LE, TA, GE, SC, SG, VI, AQ, GE, SG}, true, "Mercury"},
    {"Harsha: 6th lord Mercury in the 3rd", YOGA_HARSHA, AR,
     {LE, TA, GE, GE, SG, VI, AQ, GE, SG}, false, ""},
    {"Sarala: 8th lord Mars in the 12th", YOGA_SARALA, AR,
     {LE, TA, PI, LE, SG, VI, AQ, GE, SG}, true, "Mars"},
    {"Sarala: 8th lord Mars in the 5th", YOGA_SARALA, AR,
     {LE, TA, LE, LE, SG, VI, AQ, GE, SG}, false, ""},
    {"Vimala: 12th lord Jupiter in the 6th", YOGA_VIMALA, AR,
     {LE, TA, GE, LE, VI, VI, AQ, GE, SG}, true, "Jupiter"},
    {"Vimala: 12th lord Jupiter in the 9th", YOGA_VIMALA, AR,
     {LE, TA, GE, LE, SG, VI, AQ, GE, SG}, false, ""},
    {"Raja: 4th lord Moon with 9th lord Jupiter", YOGA_RAJA, AR,
     {TA, CN, AQ, AR, CN, GE, LI, LE, AQ}, true, "Moon,Jupiter"},
    {"Raja: no kendra lord meets a trikona lord", YOGA_RAJA, AR,
     {TA, CN, AQ, AR, VI, GE, LI, LE, AQ}, false, ""},
    {"Dhana: 2nd lord Venus with 9th lord Jupiter", YOGA_DHANA, AR,
     {GE, VI, LE, TA, PI, PI, LI, CN, CP}, true, "Venus,Jupiter"},
    {"Dhana: Venus and Jupiter apart", YOGA_DHANA, AR,
     {GE, VI, LE, TA, SG, PI, LI, CN, CP}, false, ""},
    {"Lakshmi: 9th lord Jupiter exalted in the 4th, lagna lord in Aries", YOGA_LAKSHMI, AR,
     {LE, TA, AR, LE, CN, VI, AQ, GE, SG}, true, "Jupiter,Mars"},
    {"Lakshmi: lagna lord debilitated", YOGA_LAKSHMI, AR,
     {LE, TA, CN, LE, CN, VI, AQ, GE, SG}, false, ""},
    {"Saraswati: Jupiter 9th, Venus 2nd, Mercury 5th", YOGA_SARASWATI, AR,
     {LE, TA, GE, LE, SG, TA, AQ, GE, SG}, true, "Jupiter,Venus,Mercury"},
    {"Saraswati: Mercury in the 6th", YOGA_SARASWATI, AR,
     {LE, TA, GE, VI, SG, TA, AQ, GE, SG}, false, ""},
    {"Amala: only Jupiter in the 10th", YOGA_AMALA, AR,
     {LE, TA, GE, VI, CP, LI, SC, SG, GE}, true, "Jupiter"},
    {"Amala: Saturn joins Jupiter in the 10th", YOGA_AMALA, AR,
     {LE, TA, GE, VI, CP, LI, CP, SG, GE}, false, ""},
    {"Shakata: Moon 6th from Jupiter, 5th from the lagna", YOGA_SHAKATA, TA,
     {LE, VI, GE, LE, AR, LI, AQ, GE, SG}, true, "Moon,Jupiter"},
    {"Shakata: cancelled, the Moon in the 4th", YOGA_SHAKATA, GE,
     {LE, VI, GE, LE, AR, LI, AQ, GE, SG}, false, ""},
    {"Chatussagara: all four kendras held", YOGA_CHATUSSAGARA, AR,
     {AR, CN, CP, TA, SG, PI, LI, GE, SG}, true, "Sun,Moon,Mars,Saturn"},
    {"Chatussagara: the 10th empty", YOGA_CHATUSSAGARA, AR,
     {AR, CN, AQ, TA, SG, PI, LI, GE, SG}, false, ""},
    {"Parivartana: Mars and Venus exchange", YOGA_PARIVARTANA, AR,
     {LE, CN, TA, GE, SG, AR, CP, GE, SG}, true, "Mars,Venus"},
    {"Parivartana: no exchange", YOGA_PARIVARTANA, AR,
     {LE, CN, TA, GE, SG, GE, CP, GE, SG}, false, ""},
    {"Adhi: Mercury, Jupiter, Venus 6th-8th from the Moon", YOGA_ADHI, AR,
     {LE, AR, GE, VI, LI, SC, CP, TA, SC}, true, "Moon,Mercury,Jupiter,Venus"},
    {"Adhi: Mercury with the Sun is no benefic", YOGA_ADHI, AR,
     {VI, AR, GE, VI, LI, SC, CP, TA, SC}, false, ""},
    {"Kahala: 4th lord Moon and Jupiter in mutual kendras, Mars own", YOGA_KAHALA, AR,
     {LE, CN, AR, LE, LI, VI, AQ, GE, SG}, true, "Moon,Jupiter,Mars"},
    {"Kahala: Jupiter 3rd from the Moon", YOGA_KAHALA, AR,
     {LE, CN, AR, LE, VI, VI, AQ, GE, SG}, false, ""},
    {"Parvata: only benefics in kendras, 6th and 8th empty", YOGA_PARVATA, AR,
     {GE, TA, LE, TA, AR, CN, SG, GE, SG}, true, "Jupiter,Venus"},
    {"Parvata: Saturn in the 8th", YOGA_PARVATA, AR,
     {GE, TA, LE, TA, AR, CN, SC, GE, SG}, false, ""},
};

static void build(struct chart *c, const struct yoga_case *k)
{
    memset(c, 0, sizeof *c);
    zodiac_locate(30.0 * k->lagna + 15.0, &c->ascendant);
    c->ngrahas = GRAHA_CLASSICAL;
    for (int g = 0; g < GRAHA_CLASSICAL; g++) {
        c->grahas[g].graha = g;
        zodiac_locate(30.0 * k->sign[g] + 15.0, &c->grahas[g].pos);
    }
}

static void test_cases(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const struct yoga_case *k = &cases[i];
        struct chart c;
        struct yogas ys;
        char got[96] = "";
        build(&c, k);
        yoga_compute(&c, &ys);
        const struct yoga *y = &ys.y[k->yoga];
        for (int p = 0; p < y->nplanets; p++) {
            if (p)
                strncat(got, ",", sizeof got - strlen(got) - 1);
            strncat(got, graha_name(y->planets[p]), sizeof got - strlen(got) - 1);
        }
        if (y->present != k->present || strcmp(got, k->planets) != 0)
            fail_msg("%s (%s): present %d [%s], want %d [%s]", k->what, yoga_name(k->yoga),
                     y->present, got, k->present, k->planets);
    }
}

/* Every yoga of the table is exercised both ways above, and the table has
 * a name, rule and source for each. */
static void test_table(void **state)
{
    (void)state;
    bool seen[YOGA_COUNT][2] = {{false}};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        seen[cases[i].yoga][cases[i].present] = true;
    assert_true(YOGA_COUNT >= 25);
    for (int id = 0; id < YOGA_COUNT; id++) {
        assert_true(strlen(yoga_name(id)) > 2);
        assert_true(strlen(yoga_description(id)) > 10);
        assert_true(strlen(yoga_source(id)) > 5);
        if (!seen[id][0] || !seen[id][1])
            fail_msg("%s is not tested both ways", yoga_name(id));
    }
    assert_string_equal(yoga_name(YOGA_GAJA_KESARI), "Gaja Kesari");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cases),
        cmocka_unit_test(test_table),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
