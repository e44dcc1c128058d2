/* table_text.c - names in the chart's language and column alignment of
 * UTF-8 text for the readable tables (see tables.h).
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#include "output/tables.h"

#include <stdint.h>
#include <string.h>

const char *table_name(const struct kundli *k, int kind, int index)
{
    return lang_name(k->chart.options.lang, kind, index);
}

/* Whether code point cp is a combining mark of one of the Indic blocks
 * U+0900..U+0DFF, which share one layout (Unicode ch. 12): the signs at
 * 0x00..0x03 of a block (candrabindu, anusvara, visarga), nukta at
 * 0x3A..0x3C, the dependent vowel signs and virama at 0x3E..0x4F, the
 * length and stress marks at 0x51..0x57 and the vocalic L/LL signs at
 * 0x62..0x63. */
static int indic_mark(uint32_t cp)
{
    if (cp < 0x0900 || cp > 0x0DFF)
        return 0;
    unsigned off = cp & 0x7F;
    return off <= 0x03 || (off >= 0x3A && off <= 0x3C) || (off >= 0x3E && off <= 0x4F) ||
           (off >= 0x51 && off <= 0x57) || off == 0x62 || off == 0x63;
}

int table_width(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    int width = 0;
    while (*p) {
        uint32_t cp = *p;
        int n = cp < 0x80 ? 1 : cp >= 0xF0 ? 4 : cp >= 0xE0 ? 3 : cp >= 0xC0 ? 2 : 1;
        if (n > 1)
            cp &= 0x3Fu >> (n - 1);
        for (int i = 1; i < n; i++) {
            if ((p[i] & 0xC0) != 0x80) { /* broken sequence: count the lead byte alone */
                n = i;
                break;
            }
            cp = cp << 6 | (p[i] & 0x3F);
        }
        if (!indic_mark(cp) && cp != 0x200C && cp != 0x200D)
            width++;
        p += n;
    }
    return width;
}

void table_put(FILE *f, const char *s, int width)
{
    fputs(s, f);
    for (int w = table_width(s); w < width; w++)
        fputc(' ', f);
}
