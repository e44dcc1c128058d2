/* openapi.c - serves the embedded docs/openapi.json (see openapi.h).
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#include "service/openapi.h"

extern const char openapi_doc[];
extern const size_t openapi_doc_len;

const char *openapi_document(size_t *len)
{
    *len = openapi_doc_len;
    return openapi_doc;
}
