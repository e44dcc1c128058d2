/* webpage.h - the web page kundlid serves at / and its assets under
 * /assets/: the files of web/, embedded at build time (cmake/embed.cmake),
 * with their content types and strong validators.
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#ifndef KUNDLI_WEBPAGE_H
#define KUNDLI_WEBPAGE_H

#include <stddef.h>

/* The Content-Security-Policy of every page file: only this origin, no
 * inline script or style, no plugins, not framed. */
#define WEBPAGE_CSP                                                                          \
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "      \
    "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "        \
    "frame-ancestors 'none'"

/* One embedded file. All members point to static storage. */
struct webpage_file {
    const char *path;         /* the URL path: "/", "/assets/app.js" */
    const char *content_type; /* with charset */
    const char *body;
    size_t len;
    const char *etag;         /* quoted strong ETag: 32 hex digits of the SHA-256 */
};

/* The file served at URL path, or NULL when there is none. */
const struct webpage_file *webpage_find(const char *path);

#endif
