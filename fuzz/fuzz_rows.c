/* fuzz_rows.c - libFuzzer harness for the rows of `kundli bulk` and
 * `kundli match-matrix` (cli/rows.c): the input is read as a file in each
 * of the three modes (found from its first byte, CSV with a header, NDJSON)
 * and every row's fields, id and error are touched.
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#include "cli/rows.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const enum rows_format modes[] = {ROWS_AUTO, ROWS_CSV, ROWS_NDJSON};
    if (size == 0)
        return 0;
    for (size_t m = 0; m < sizeof modes / sizeof modes[0]; m++) {
        FILE *f = fmemopen((void *)data, size, "r");
        if (!f)
            return 0;
        struct error err;
        struct rows *rs = rows_open(f, modes[m], &err);
        struct row r;
        row_init(&r);
        size_t sum = 0;
        while (rs && rows_next(rs, &r) == 1) {
            sum += strlen(r.id) + (size_t)r.line + strlen(r.err.message);
            for (int i = 0; i < r.n; i++)
                sum += strlen(ROW_KEY(&r, i)) + strlen(ROW_VALUE(&r, i));
        }
        row_free(&r);
        rows_close(rs);
        fclose(f);
        if (sum == 1) /* keeps the reads */
            fputc('\n', stderr);
    }
    return 0;
}
