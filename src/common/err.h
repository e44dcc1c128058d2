/* err.h - the project-wide result type.
 * Functions return 0 (ERR_OK) on success or a negative enum err code. A
 * struct error carries the code, the request field it concerns and a human
 * message; the service maps codes to HTTP status in one place.
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#ifndef KUNDLI_ERR_H
#define KUNDLI_ERR_H

/* X(symbol, wire name). The wire name is the stable "code" in JSON errors. */
#define ERR_TABLE(X)                                        \
    X(ERR_INVALID_DATE, "invalid_date")                     \
    X(ERR_INVALID_TIME, "invalid_time")                     \
    X(ERR_DATE_OUT_OF_RANGE, "date_out_of_range")           \
    X(ERR_UNKNOWN_TIMEZONE, "unknown_timezone")             \
    X(ERR_NONEXISTENT_LOCAL_TIME, "nonexistent_local_time") \
    X(ERR_AMBIGUOUS_LOCAL_TIME, "ambiguous_local_time")     \
    X(ERR_INVALID_FOLD, "invalid_fold")                     \
    X(ERR_INVALID_LATITUDE, "invalid_latitude")             \
    X(ERR_INVALID_LONGITUDE, "invalid_longitude")           \
    X(ERR_INVALID_ALTITUDE, "invalid_altitude")             \
    X(ERR_MISSING_FIELD, "missing_field")                   \
    X(ERR_UNKNOWN_FIELD, "unknown_field")                   \
    X(ERR_INVALID_VALUE, "invalid_value")                   \
    X(ERR_UNKNOWN_AYANAMSA, "unknown_ayanamsa")             \
    X(ERR_UNKNOWN_NODE, "unknown_node")                     \
    X(ERR_UNKNOWN_HOUSE_SYSTEM, "unknown_house_system")     \
    X(ERR_UNKNOWN_SECTION, "unknown_section")               \
    X(ERR_UNKNOWN_NAKSHATRA, "unknown_nakshatra")           \
    X(ERR_EPHEMERIS, "ephemeris_error")                     \
    X(ERR_TOO_LARGE, "too_large")                           \
    X(ERR_MALFORMED_JSON, "malformed_json")                 \
    X(ERR_NOT_FOUND, "not_found")                           \
    X(ERR_METHOD_NOT_ALLOWED, "method_not_allowed")         \
    X(ERR_UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type") \
    X(ERR_DEADLINE_EXCEEDED, "deadline_exceeded")           \
    X(ERR_UNAVAILABLE, "service_unavailable")               \
    X(ERR_INTERNAL, "internal_error")                       \
    X(ERR_NO_MEMORY, "out_of_memory")                       \
    X(ERR_INVALID_ARGUMENT, "invalid_argument")             \
    X(ERR_INVALID_CHARACTER, "invalid_character")           \
    X(ERR_MALFORMED_REQUEST, "malformed_request")           \
    X(ERR_OVERLOADED, "overloaded")                         \
    X(ERR_STORE_UNAVAILABLE, "store_unavailable")           \
    X(ERR_STORE_BUSY, "store_busy")                         \
    X(ERR_UNAUTHORIZED, "unauthorized")                     \
    X(ERR_FORBIDDEN, "forbidden")                           \
    X(ERR_RATE_LIMITED, "rate_limited")                     \
    X(ERR_INVALID_NUMBER, "invalid_number")                 \
    X(ERR_AMBIGUOUS_TIMEZONE, "ambiguous_timezone")         \
    X(ERR_DUPLICATE_PARAMETER, "duplicate_parameter")       \
    X(ERR_UNKNOWN_PLACE, "unknown_place")                   \
    X(ERR_AMBIGUOUS_PLACE, "ambiguous_place")

enum err {
    ERR_OK = 0,
    ERR_FIRST_ = -1000,
#define X(sym, name) sym,
    ERR_TABLE(X)
#undef X
    ERR_LAST_
};

struct error {
    enum err code;      /* ERR_OK when nothing went wrong */
    char field[64];     /* request field, e.g. "birth.latitude"; "" if none */
    char message[192];  /* one sentence for humans */
};

/* The wire name of code ("invalid_latitude"), or "internal_error". */
const char *err_name(int code);

/* Fills e (if not NULL) and returns code, so callers can write
 * `return err_set(e, ERR_INVALID_DATE, "birth.date", "...%d", x);`. */
int err_set(struct error *e, int code, const char *field, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* Resets e (if not NULL) to ERR_OK with empty field and message. */
void err_clear(struct error *e);

#endif
