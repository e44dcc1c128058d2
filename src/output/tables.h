/* tables.h - the readable text tables of `kundli chart`: one writer per
 * section of struct kundli, each printing a heading line and an aligned
 * plain-text (UTF-8) table, and the head of the chart (birth, UT, settings).
 * The JSON writers (*_json.h) are the API; these are for people.
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#ifndef KUNDLI_TABLES_H
#define KUNDLI_TABLES_H

#include "common/lang.h"
#include "engine/kundli.h"

#include <stddef.h>
#include <stdio.h>

/* The signature every section writer shares, so that a table of sections
 * can hold pointers to them. A writer prints nothing when its section was
 * not computed (its SECTION_* bit is not in k->chart.options.sections);
 * otherwise a blank line, a heading line and the table. */
typedef void (*table_write_fn)(FILE *f, const struct kundli *k);

/* The registry's write_table column: the writer of section id (enum
 * section_id). Never NULL for an id in range. */
table_write_fn section_table_writer(int id);

/* The lines before any section: birth (local time, zone, place), UT with
 * the Julian day and delta T, and the settings (ayanamsa, node, houses,
 * ephemeris). Always printed; not a section. */
void chart_table_head(FILE *f, const struct kundli *k);

/* SECTION_PLANETS: the lagna and each graha: sign, degree, nakshatra, pada,
 * house, bhava, dignity, R (retrograde) / C (combust) flags, chara karaka. */
void planets_table_write(FILE *f, const struct kundli *k);

/* SECTION_HOUSES: each house's sign, lord, cusp (degree within its sign)
 * and occupants. */
void houses_table_write(FILE *f, const struct kundli *k);

/* SECTION_VARGAS: the sign of the lagna and each graha in all sixteen
 * divisional charts, one column per varga (signs as three letters). */
void vargas_table_write(FILE *f, const struct kundli *k);

/* One divisional chart in detail (v is an enum varga): sign and degree
 * within it of the lagna and each graha. For `--vargas D9,D10`; prints
 * nothing when the vargas were not computed or v is out of range. */
void varga_chart_table_write(FILE *f, const struct kundli *k, int v);

/* SECTION_DASHA: Vimshottari (balance at birth, then the periods to the
 * computed depth, sub-periods indented) and Yogini (the same, each period
 * with its yogini and lord). Times to the minute in the birth's zone. */
void dasha_table_write(FILE *f, const struct kundli *k);

/* SECTION_PANCHANG: the panchang at birth: a summary line, then vara,
 * tithi, nakshatra, yoga and karana with their numbers and details, and
 * the sunrise and sunset of the birth's Vedic day. */
void panchang_table_write(FILE *f, const struct kundli *k);

/* SECTION_ASHTAKAVARGA: the bhinnashtakavarga grid (Sun .. Saturn and the
 * lagna, bindus per sign Aries .. Pisces, with row totals) and the
 * sarvashtakavarga row with its total. */
void ashtakavarga_table_write(FILE *f, const struct kundli *k);

/* SECTION_DOSHAS: manglik (Mars's house from each reference, raw dosha and
 * cancellation, the cancellations that apply), kaal sarp (status, type,
 * direction, Rahu's house, the graha outside, grahas on the axis) and sade
 * sati at the as-of date (Saturn's sign, phase, current and next cycle). */
void doshas_table_write(FILE *f, const struct kundli *k);

/* SECTION_YOGAS: the count of yogas present, then each present yoga with
 * the grahas that form it and its rule. */
void yogas_table_write(FILE *f, const struct kundli *k);

/* SECTION_SVG: the drawings are not tables; a line says how to print one
 * (`kundli chart ... --svg north|south|east [--varga D9]`). */
void svg_table_write(FILE *f, const struct kundli *k);

/* SECTION_KP: the KP cusps and grahas with their sign, star, sub and
 * sub-sub lords (and each graha's house), the significators of every house
 * at levels 1..4, and the ruling planets with their moment. */
void kp_table_write(FILE *f, const struct kundli *k);
/* SECTION_STRENGTH: shadbala, one row per component and a column per graha
 * (Sun .. Saturn), the lords of the time, then bhava bala and vimshopaka
 * bala. */
void strength_table_write(FILE *f, const struct kundli *k);
/* SECTION_SUMMARY: the native's summary (avakhada chakra), one line per
 * field: varna, vashya, yoni, gana, nadi, nakshatra and its lord, rashi,
 * lagna and their lords, paya by both methods, tatva, namakshar (romanised
 * and Devanagari), yunja, and the weekday (the Vedic and the civil one when
 * the birth precedes sunrise). */
void summary_table_write(FILE *f, const struct kundli *k);
/* The name of `index` of `kind` (enum lang_kind) as the tables print it:
 * in the chart's option lang, English when it was not given. */
const char *table_name(const struct kundli *k, int kind, int index);

/* The columns UTF-8 text s takes in a terminal: one per code point, none
 * for the combining marks of the Indic scripts (vowel signs, virama,
 * anusvara, nukta: U+0900..U+0DFF) and the zero-width (non-)joiners. An
 * approximation (terminals shape conjuncts differently), exact for ASCII. */
int table_width(const char *s);

/* Prints s and then blanks up to `width` columns (table_width), as
 * printf's "%-*s" does for ASCII; a longer s is printed whole. */
void table_put(FILE *f, const char *s, int width);

/* SECTION_ASPECTS: each graha's graha drishti and rashi drishti: the
 * houses (with their signs) and the grahas in them. */
void aspects_table_write(FILE *f, const struct kundli *k);

/* SECTION_TRANSITS: each graha at the as-of instant: sign, degree,
 * retrograde, house from the lagna and from the Moon, favourable transit
 * and its vedha house, the grahas obstructing it, its own and the sarva
 * bindus of the sign, and its next sign change; then the chandrashtama
 * windows (now and next). */
void transits_table_write(FILE *f, const struct kundli *k);

/* Formats ut (seconds since 1970) as local "YYYY-MM-DDTHH:MM" in the birth
 * chart c's zone, at the offset in force at ut (as the JSON's *_local
 * times), as every time in these tables. out needs 32 bytes. */
void table_format_time(double ut, const struct chart *c, char out[32]);

#endif
