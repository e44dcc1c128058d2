/* lru.h - an intrusive doubly linked list in recency order (head = most
 * recently used), for the least-recently-used eviction of the chart cache
 * (cache.c) and the rate-limit buckets (ratelimit.c). An element embeds a
 * struct lru_node; LRU_ENTRY gets the element back from its node. The
 * caller serialises access (each shard's lock).
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#ifndef KUNDLI_LRU_H
#define KUNDLI_LRU_H

#include <stddef.h>

struct lru_node {
    struct lru_node *prev, *next;
};

struct lru {
    struct lru_node *head, *tail; /* NULL when empty */
};

/* The element of type `type` whose member `member` is node. */
#define LRU_ENTRY(node, type, member) ((type *)(void *)((char *)(node)-offsetof(type, member)))

/* Takes n out of l. */
static inline void lru_unlink(struct lru *l, struct lru_node *n)
{
    if (n->prev)
        n->prev->next = n->next;
    else
        l->head = n->next;
    if (n->next)
        n->next->prev = n->prev;
    else
        l->tail = n->prev;
    n->prev = n->next = NULL;
}

/* Puts n (not in l) at the head of l: the most recently used. */
static inline void lru_push_front(struct lru *l, struct lru_node *n)
{
    n->prev = NULL;
    n->next = l->head;
    if (l->head)
        l->head->prev = n;
    else
        l->tail = n;
    l->head = n;
}

#endif
