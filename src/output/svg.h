/* svg.h - the chart drawn as a standalone SVG document: one divisional
 * chart (D1 .. D60) of a computed kundli in the North, South or East Indian
 * layout, with a caption. A pure function of its inputs: no I/O, no
 * allocation, no clock; the same kundli always gives the same bytes.
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#ifndef KUNDLI_SVG_H
#define KUNDLI_SVG_H

#include "common/err.h"
#include "engine/kundli.h"

#include <stddef.h>

/* The most bytes a drawing takes, NUL included: twelve cells, the lagna
 * and twelve grahas, and a caption whose user text is capped at
 * SVG_TEXT_MAX bytes each, fit with room to spare (about 7 KB typical). */
#define SVG_MAX (32 * 1024)
/* User text (name, place) longer than this is cut at a UTF-8 boundary. */
#define SVG_TEXT_MAX 120

/* The caption's user text; either may be NULL or "". Any bytes: they are
 * escaped for XML, control characters dropped and invalid UTF-8 replaced
 * by U+FFFD. */
struct svg_caption {
    const char *name;  /* the chart's title; NULL or "": "Birth chart" */
    const char *place; /* the place of birth, shown with the coordinates */
};

/* Draws divisional chart `varga` (enum varga) of k in `style` (enum
 * chart_style) into out[0 .. size), NUL-terminated, its length without the
 * NUL in *len. k must hold the vargas (SECTION_VARGAS or SECTION_SVG in
 * k->chart.options.sections) unless varga is VARGA_D1, which is drawn from
 * the D1 chart itself. cap may be NULL.
 *
 * The document's structure is stable, for programs reading it back:
 * - <svg data-style data-varga data-lagna-sign>: the chart in the square
 *   (0,0)-(400,400) of the viewBox, the caption below it (about 100 units),
 *   fonts in user units (12 for a graha) and the generic sans-serif;
 * - one <g class="house"> per cell with data-sign (1 = Aries .. 12 =
 *   Pisces), data-house (1 .. 12, whole signs from the varga's lagna) and
 *   data-lagna="true" on the lagna's cell; its id is "<varga>-house-<n>"
 *   in the North style (cells are houses) and "<varga>-sign-<n>" in the
 *   others (cells are signs), varga in lower case ("d9-sign-7");
 * - in it, one <text class="planet" data-graha="moon" data-sign
 *   data-house> per graha ("Mo 6°57'", a <tspan class="retrograde"> ℞ and
 *   a <tspan class="combust"> (c) when they apply; retrograde and combust
 *   are properties of the graha, shown in every varga), and
 *   <text class="lagna" data-graha="lagna"> "As" with its degree;
 * - with option lang (k->chart.options.lang), xml:lang="<code>" on <svg>
 *   and the labels in that language and script (lang.h: GRAHA_SHORT,
 *   SIGN_SHORT, LAGNA: "सू 21°33'", "मेष", "ल"); data-* stay English;
 * - <g class="caption"> with the title, the lagna and the birth data.
 *
 * Returns 0, ERR_INVALID_VALUE for a varga or style out of range or
 * vargas not computed, or ERR_TOO_LARGE when size is too small (below
 * SVG_MAX); out is then not a document. */
int svg_write(char *out, size_t size, size_t *len, const struct kundli *k, int varga, int style,
              const struct svg_caption *cap);

#endif
