/* openapi.h - the OpenAPI 3 description of the HTTP API, served at
 * /openapi.json. The text is docs/openapi.json, embedded at build time.
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#ifndef KUNDLI_OPENAPI_H
#define KUNDLI_OPENAPI_H

#include <stddef.h>

/* The document (static storage) and its length. */
const char *openapi_document(size_t *len);

#endif
