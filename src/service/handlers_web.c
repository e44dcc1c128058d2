/* handlers_web.c - GET / and /assets/{name}: the web page's embedded files
 * (webpage.h) with their ETag (304 on a match), gzip when accepted, and the
 * page's security headers.
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#include "service/handlers.h"

#include "app/mem.h"
#include "service/webpage.h"

#include <stdlib.h>
#include <string.h>

void handle_web(struct request *rq, struct reply *r)
{
    const struct webpage_file *f = webpage_find(rq->path);
    if (!f) {
        reply_error(r, ERR_NOT_FOUND, "", "no such file");
        return;
    }
    r->content_type = f->content_type;
    r->csp = WEBPAGE_CSP;
    memcpy(r->etag, f->etag, strlen(f->etag) + 1);
    /* Revalidated on every use: the file names carry no version, and a new
     * kundlid must not pair a cached page with new scripts. */
    r->cache_control = "no-cache";
    if (http_etag_match(http_header(rq, "If-None-Match"), f->etag)) {
        r->status = 304;
        return;
    }
    r->status = 200;
    r->body = xmalloc(f->len);
    memcpy(r->body, f->body, f->len);
    r->len = f->len;
    reply_gzip(rq, r);
}
