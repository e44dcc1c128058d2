/* jsonscan.h - finds a member of a JSON object in its text, without
 * parsing the rest: for splicing parts of stored or rendered documents
 * into a response byte for byte. The text must be valid JSON (a document
 * this program or its database wrote); nothing is allocated.
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#ifndef KUNDLI_JSONSCAN_H
#define KUNDLI_JSONSCAN_H

#include <stdbool.h>
#include <stddef.h>

/* The value of the top-level object's member key (a plain key without
 * escapes): true with *val and *vlen its text, or false when text is not
 * an object or has no such member. */
bool json_member(const char *text, size_t len, const char *key, const char **val, size_t *vlen);

/* The element `index` (0-based) of the array that text is: true with *val
 * and *vlen its text, or false when text is not an array or is shorter. */
bool json_element(const char *text, size_t len, size_t index, const char **val, size_t *vlen);

#endif
