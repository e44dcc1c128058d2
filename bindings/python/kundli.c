/* kundli.c - the CPython extension module `kundli`: libkundli's charts,
 * matching and panchang as Python objects (the documents of kundlid's API),
 * computed with the GIL released. Built by setup.py against libkundli.a.
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <datetime.h>

#include "kundli.h"

#include <stdio.h>
#include <string.h>

PyDoc_STRVAR(module_doc,
"Vedic birth charts (kundlis) from libkundli.\n"
"\n"
"    import kundli\n"
"    doc = kundli.chart(date='1996-12-07', time='10:34', tz='Asia/Kolkata',\n"
"                       lat=13.0878, lon=80.2785, sections='planets,dasha')\n"
"    doc['planets'][1]['nakshatra']\n"
"\n"
"chart(**params), match(boy=..., girl=...) and panchang(**params) return the\n"
"JSON documents of kundlid's API (GET /v1/kundli, POST /v1/match,\n"
"GET /v1/panchang) as dicts, lists, str, int and float. Every keyword is a\n"
"parameter of the API by the same name: date, time, tz (timezone), lat\n"
"(latitude), lon (longitude), alt (altitude), fold, ayanamsa, node, houses\n"
"(house_system), positions, topocentric, outer_planets, dasha_levels,\n"
"yogini_levels, dasha_systems, ashtottari_levels, chara_levels,\n"
"kalachakra_levels, ashtottari_rule, chara_method, dasha_year_days, hora,\n"
"sections, as_of, explain. Values may be str, int, float, bool\n"
"(true/false), datetime.date / datetime.time (ISO text), a list or tuple\n"
"of str (sections, dasha_systems: joined by commas) or None (not given).\n"
"chart_json(**params) returns the chart document as JSON text instead.\n"
"\n"
"The library computes without the GIL, so charts scale across threads.\n"
"One context (ephemeris and time zone files) serves every call; it is made\n"
"at import from the environment variables KUNDLI_EPHE_PATH and\n"
"KUNDLI_ZONEINFO (unset: Debian's /usr/share/libswe/ephe and\n"
"/usr/share/zoneinfo) and replaced by configure(ephe_path=, zoneinfo=).\n"
"\n"
"Errors raise kundli.Error or a subclass, with the attributes code (the\n"
"API's error code, e.g. 'invalid_latitude'), status (the library's\n"
"negative enum kd_status), field (the input at fault, e.g.\n"
"'birth.latitude', or None) and message (one English sentence):\n"
"\n"
"    InputError (also a ValueError)  invalid_date, invalid_time,\n"
"        date_out_of_range, unknown_timezone, nonexistent_local_time,\n"
"        ambiguous_local_time, invalid_fold, invalid_latitude,\n"
"        invalid_longitude, invalid_altitude, missing_field, unknown_field,\n"
"        invalid_value, unknown_ayanamsa, unknown_node,\n"
"        unknown_house_system, unknown_section, unknown_nakshatra,\n"
"        invalid_number, ambiguous_timezone, duplicate_parameter,\n"
"        unknown_place, ambiguous_place\n"
"    EphemerisError                  ephemeris_error (libswe failed)\n"
"    ResourceError                   out_of_memory, too_large,\n"
"                                    service_unavailable, deadline_exceeded\n"
"    Error                           internal_error, invalid_argument and\n"
"                                    any other code\n"
"\n"
"A value of a type the module cannot pass as text raises TypeError.");

/* ---- the shared context -------------------------------------------------- */

/* A context with the number of calls using it. configure() retires the
 * current one; the last call to finish with it frees it. Both counters are
 * touched only with the GIL held. */
struct ctx_ref {
    struct kd_context *ctx;
    Py_ssize_t users;
    int retired;
};

static struct ctx_ref *current;   /* NULL only before import completes */
static PyObject *json_loads;      /* json.loads */
static PyObject *Error, *InputError, *EphemerisError, *ResourceError;

static void raise_kd(int status, const char *field, const char *message);

static struct ctx_ref *ctx_ref_new(const char *ephe_path, const char *zoneinfo)
{
    struct kd_config config = KD_CONFIG_INIT;
    struct kd_error err;
    memset(&err, 0, sizeof err);
    config.ephe_path = ephe_path && *ephe_path ? ephe_path : NULL;
    config.zoneinfo_dir = zoneinfo && *zoneinfo ? zoneinfo : NULL;
    struct ctx_ref *ref = PyMem_RawCalloc(1, sizeof *ref);
    if (!ref) {
        PyErr_NoMemory();
        return NULL;
    }
    int rc = kd_context_new(&config, &ref->ctx, &err);
    if (rc != KD_OK) {
        PyMem_RawFree(ref);
        raise_kd(rc, err.field, err.message);
        return NULL;
    }
    return ref;
}

static void ctx_ref_free(struct ctx_ref *ref)
{
    kd_context_free(ref->ctx);
    PyMem_RawFree(ref);
}

static struct ctx_ref *ctx_acquire(void)
{
    current->users++;
    return current;
}

static void ctx_release(struct ctx_ref *ref)
{
    if (--ref->users == 0 && ref->retired)
        ctx_ref_free(ref);
}

/* ---- errors ------------------------------------------------------------- */

static PyObject *class_of(int status)
{
    if (status >= KD_ERR_INVALID_DATE && status <= KD_ERR_UNKNOWN_NAKSHATRA)
        return InputError;
    if (status >= KD_ERR_INVALID_NUMBER && status <= KD_ERR_AMBIGUOUS_PLACE)
        return InputError; /* invalid_number .. ambiguous_place */
    switch (status) {
    case KD_ERR_MALFORMED_JSON:
        return InputError;
    case KD_ERR_EPHEMERIS:
        return EphemerisError;
    case KD_ERR_NO_MEMORY:
    case KD_ERR_TOO_LARGE:
    case KD_ERR_UNAVAILABLE:
    case KD_ERR_DEADLINE_EXCEEDED:
        return ResourceError;
    default:
        return Error;
    }
}

/* Raises the kundli.Error subclass of status with its attributes. */
static void raise_kd(int status, const char *field, const char *message)
{
    const char *code = kd_strerror(status);
    if (!message || !*message)
        message = code;
    PyObject *cls = class_of(status);
    PyObject *text = field && *field ? PyUnicode_FromFormat("%s: %s (%s)", field, message, code)
                                     : PyUnicode_FromFormat("%s (%s)", message, code);
    if (!text)
        return;
    PyObject *exc = PyObject_CallFunctionObjArgs(cls, text, NULL);
    Py_DECREF(text);
    if (!exc)
        return;
    PyObject *v;
    int bad = 0;
    bad |= (v = PyUnicode_FromString(code)) == NULL || PyObject_SetAttrString(exc, "code", v);
    Py_XDECREF(v);
    bad |= (v = PyLong_FromLong(status)) == NULL || PyObject_SetAttrString(exc, "status", v);
    Py_XDECREF(v);
    if (field && *field) {
        bad |= (v = PyUnicode_DecodeUTF8(field, (Py_ssize_t)strnlen(field, 63), "replace")) ==
                   NULL ||
               PyObject_SetAttrString(exc, "field", v);
        Py_XDECREF(v);
    }
    bad |= (v = PyUnicode_DecodeUTF8(message, (Py_ssize_t)strlen(message), "replace")) ==
               NULL ||
           PyObject_SetAttrString(exc, "message", v);
    Py_XDECREF(v);
    if (bad) {
        Py_DECREF(exc);
        return;
    }
    PyErr_SetObject(cls, exc);
    Py_DECREF(exc);
}

/* Raises the error a library call left in err (or its status). */
static void raise_err(int rc, const struct kd_error *err)
{
    int status = err->code != KD_OK ? err->code : rc;
    raise_kd(status, err->field, err->message);
}

/* Puts prefix ("boy.") before the field of err. */
static void prefix_field(struct kd_error *err, const char *prefix)
{
    size_t np = strlen(prefix), nf = strnlen(err->field, sizeof err->field - 1);
    if (np + nf >= sizeof err->field)
        nf = sizeof err->field - 1 - np;
    memmove(err->field + np, err->field, nf);
    memcpy(err->field, prefix, np);
    err->field[np + nf] = '\0';
}

/* ---- parameters: Python values as text ---------------------------------- */

struct param {
    const char *key;
    const char *value;
};

/* Parameters converted with the GIL held, read by the library without it.
 * `keep` owns every object whose UTF-8 buffer a pointer refers to, so that
 * another thread changing the caller's dict cannot free them meanwhile. */
struct params {
    struct param *v;
    Py_ssize_t n, cap;
    PyObject *keep; /* list */
};

static int params_init(struct params *p)
{
    memset(p, 0, sizeof *p);
    p->keep = PyList_New(0);
    return p->keep ? 0 : -1;
}

static void params_done(struct params *p)
{
    PyMem_Free(p->v);
    Py_CLEAR(p->keep);
    p->v = NULL;
    p->n = p->cap = 0;
}

/* The UTF-8 text of str s, kept alive by p; NULL with an exception set. */
static const char *keep_utf8(struct params *p, PyObject *s, const char *what)
{
    Py_ssize_t len;
    const char *text = PyUnicode_AsUTF8AndSize(s, &len);
    if (!text)
        return NULL;
    if ((size_t)len != strlen(text)) {
        PyErr_Format(PyExc_ValueError, "kundli: %s contains a NUL character", what);
        return NULL;
    }
    if (PyList_Append(p->keep, s) != 0)
        return NULL;
    return text;
}

/* The text a value stands for, as a new str; NULL and an exception if its
 * type cannot be passed, or (with *skip set) None. */
static PyObject *value_text(PyObject *key, PyObject *value, int *skip)
{
    *skip = 0;
    if (value == Py_None) {
        *skip = 1;
        return NULL;
    }
    if (PyBool_Check(value))
        return PyUnicode_FromString(value == Py_True ? "true" : "false");
    if (PyUnicode_Check(value)) {
        Py_INCREF(value);
        return value;
    }
    if (PyFloat_Check(value)) {
        /* The shortest text that reads back the same (repr of a subclass,
         * such as numpy's, may say more). */
        double d = PyFloat_AsDouble(value);
        char *text = PyOS_double_to_string(d, 'r', 0, 0, NULL);
        if (!text)
            return PyErr_NoMemory();
        PyObject *s = PyUnicode_FromString(text);
        PyMem_Free(text);
        return s;
    }
    if (PyLong_Check(value) || PyIndex_Check(value)) {
        PyObject *i = PyNumber_Index(value);
        if (!i)
            return NULL;
        PyObject *s = PyObject_Str(i);
        Py_DECREF(i);
        return s;
    }
    if (PyDate_Check(value) && !PyDateTime_Check(value))
        return PyObject_CallMethod(value, "isoformat", NULL);
    if (PyTime_Check(value))
        return PyObject_CallMethod(value, "isoformat", NULL);
    if (PyList_Check(value) || PyTuple_Check(value)) {
        PyObject *comma = PyUnicode_FromString(",");
        if (!comma)
            return NULL;
        PyObject *s = PyUnicode_Join(comma, value);
        Py_DECREF(comma);
        return s;
    }
    PyErr_Format(PyExc_TypeError,
                 "kundli: %U must be str, int, float, bool, date, time or a list of str, "
                 "not %.100s",
                 key, Py_TYPE(value)->tp_name);
    return NULL;
}

/* Adds key=value to p. 0, or -1 with an exception set. */
static int params_add(struct params *p, PyObject *key, PyObject *value)
{
    if (!PyUnicode_Check(key)) {
        PyErr_Format(PyExc_TypeError, "kundli: parameter names must be str, not %.100s",
                     Py_TYPE(key)->tp_name);
        return -1;
    }
    int skip;
    PyObject *text = value_text(key, value, &skip);
    if (!text)
        return skip ? 0 : -1;
    const char *k = keep_utf8(p, key, "a parameter name");
    const char *v = k ? keep_utf8(p, text, "a parameter value") : NULL;
    Py_DECREF(text);
    if (!v)
        return -1;
    if (p->n == p->cap) {
        Py_ssize_t cap = p->cap ? 2 * p->cap : 16;
        struct param *nv = PyMem_Realloc(p->v, (size_t)cap * sizeof *nv);
        if (!nv) {
            PyErr_NoMemory();
            return -1;
        }
        p->v = nv;
        p->cap = cap;
    }
    p->v[p->n].key = k;
    p->v[p->n].value = v;
    p->n++;
    return 0;
}

/* Adds every item of dict d (may be NULL) to p. */
static int params_add_dict(struct params *p, PyObject *d)
{
    if (!d)
        return 0;
    PyObject *key, *value;
    Py_ssize_t pos = 0;
    while (PyDict_Next(d, &pos, &key, &value))
        if (params_add(p, key, value) != 0)
            return -1;
    return 0;
}

static int no_positional(PyObject *args, const char *fn)
{
    if (args && PyTuple_GET_SIZE(args) > 0) {
        PyErr_Format(PyExc_TypeError, "kundli.%s() takes keyword arguments only", fn);
        return -1;
    }
    return 0;
}

/* ---- work done without the GIL ------------------------------------------ */

/* A birth and options from p. KD_OK, or the first error in err. */
static int make_inputs(struct kd_context *ctx, const struct params *p, struct kd_birth **birth,
                       struct kd_options **options, struct kd_error *err)
{
    *birth = NULL;
    *options = NULL;
    int rc = kd_birth_new(ctx, birth, err);
    if (rc == KD_OK)
        rc = kd_options_new(ctx, options, err);
    for (Py_ssize_t i = 0; rc == KD_OK && i < p->n; i++)
        rc = kd_birth_parse_param(*birth, *options, p->v[i].key, p->v[i].value, err);
    return rc;
}

static void free_inputs(struct kd_birth *birth, struct kd_options *options)
{
    kd_options_free(options);
    kd_birth_free(birth);
}

/* The chart document of p as JSON text in *out. */
static int run_chart(struct kd_context *ctx, const struct params *p, char **out, size_t *len,
                     struct kd_error *err)
{
    struct kd_birth *birth;
    struct kd_options *options;
    struct kd_chart *chart = NULL;
    int rc = make_inputs(ctx, p, &birth, &options, err);
    if (rc == KD_OK)
        rc = kd_chart_new(ctx, &chart, err);
    if (rc == KD_OK)
        rc = kd_compute(ctx, birth, options, KD_SECTIONS_FROM_OPTIONS, chart, err);
    if (rc == KD_OK)
        rc = kd_json_string(chart, KD_SECTIONS_FROM_OPTIONS, out, len, err);
    kd_chart_free(chart);
    free_inputs(birth, options);
    return rc;
}

/* One side of a match: a birth with options, or a Moon "NAKSHATRA[:PADA]". */
struct side {
    const char *name; /* "boy" or "girl" */
    const char *star; /* NULL for a birth */
    struct params params;
};

static int run_match(struct kd_context *ctx, const struct side *boy, const struct side *girl,
                     const struct kd_match_options *mo, char **out, size_t *len,
                     struct kd_error *err)
{
    const struct side *s[2] = {boy, girl};
    struct kd_birth *b[2] = {NULL, NULL};
    struct kd_options *o[2] = {NULL, NULL};
    struct kd_match_side m[2] = {KD_MATCH_SIDE_INIT, KD_MATCH_SIDE_INIT};
    int rc = KD_OK;
    for (int i = 0; i < 2 && rc == KD_OK; i++) {
        if (s[i]->star) {
            m[i].nakshatra = s[i]->star;
            continue;
        }
        rc = make_inputs(ctx, &s[i]->params, &b[i], &o[i], err);
        if (rc != KD_OK && err->field[0] && strncmp(err->field, s[i]->name, strlen(s[i]->name)))
            prefix_field(err, i ? "girl." : "boy.");
        m[i].birth = b[i];
        m[i].options = o[i];
    }
    if (rc == KD_OK)
        rc = kd_match_with(ctx, &m[0], &m[1], mo, out, len, err);
    /* The star is "NAKSHATRA:PADA" built from the dict: a bad pada is the
     * only invalid_value it can give, and the API names that key. */
    if (rc == KD_ERR_INVALID_VALUE && strstr(err->field, ".nakshatra"))
        memcpy(strstr(err->field, ".nakshatra"), ".pada", sizeof ".pada");
    for (int i = 0; i < 2; i++)
        free_inputs(b[i], o[i]);
    return rc;
}

static int run_panchang(struct kd_context *ctx, const struct params *p, char **out, size_t *len,
                        struct kd_error *err)
{
    struct kd_birth *day;
    struct kd_options *options;
    int rc = make_inputs(ctx, p, &day, &options, err);
    if (rc == KD_OK)
        rc = kd_panchang_day(ctx, day, options, out, len, err);
    free_inputs(day, options);
    return rc;
}

/* ---- results ------------------------------------------------------------ */

/* The text out (freed here) as str, or parsed by json.loads. */
static PyObject *result(struct ctx_ref *ref, int rc, const struct kd_error *err, char *out,
                        size_t len, int parse)
{
    PyObject *res = NULL;
    if (rc != KD_OK) {
        raise_err(rc, err);
    } else {
        PyObject *text = PyUnicode_DecodeUTF8(out, (Py_ssize_t)len, "strict");
        if (text && parse) {
            res = PyObject_CallFunctionObjArgs(json_loads, text, NULL);
            Py_DECREF(text);
        } else {
            res = text;
        }
    }
    kd_free(ref->ctx, out);
    ctx_release(ref);
    return res;
}

/* The library work of a call whose keywords are flat parameters. */
typedef int (*flat_fn)(struct kd_context *ctx, const struct params *p, char **out, size_t *len,
                       struct kd_error *err);

/* kundli.fn(**kwargs): the keywords as text, run without the GIL, the
 * result as JSON text or (parse) Python objects. */
static PyObject *call_flat(PyObject *args, PyObject *kwargs, const char *fn, flat_fn run,
                           int parse)
{
    if (no_positional(args, fn) != 0)
        return NULL;
    struct params p;
    if (params_init(&p) != 0)
        return NULL;
    if (params_add_dict(&p, kwargs) != 0) {
        params_done(&p);
        return NULL;
    }
    struct ctx_ref *ref = ctx_acquire();
    struct kd_error err;
    char *out = NULL;
    size_t len = 0;
    int rc;
    memset(&err, 0, sizeof err);
    Py_BEGIN_ALLOW_THREADS
    rc = run(ref->ctx, &p, &out, &len, &err);
    Py_END_ALLOW_THREADS
    params_done(&p);
    return result(ref, rc, &err, out, len, parse);
}

PyDoc_STRVAR(chart_doc,
"chart(*, date, time, tz, lat, lon, **options) -> dict\n"
"\n"
"The chart document of GET /v1/kundli for these parameters (see the module\n"
"help for the names), e.g. sections='planets,houses', ayanamsa='raman',\n"
"houses='placidus', dasha_levels=3, outer_planets=True, as_of='2026-01-01'.");

static PyObject *py_chart(PyObject *self, PyObject *args, PyObject *kwargs)
{
    (void)self;
    return call_flat(args, kwargs, "chart", run_chart, 1);
}

PyDoc_STRVAR(chart_json_doc,
"chart_json(**params) -> str\n"
"\n"
"As chart(), but the document as JSON text, byte for byte the API's.");

static PyObject *py_chart_json(PyObject *self, PyObject *args, PyObject *kwargs)
{
    (void)self;
    return call_flat(args, kwargs, "chart_json", run_chart, 0);
}

/* Reads one side of a match from a dict. 0, or -1 with an exception set. */
static int side_from(struct side *s, PyObject *d)
{
    if (!d) {
        raise_kd(KD_ERR_MISSING_FIELD, s->name, "both boy and girl must be given");
        return -1;
    }
    if (!PyDict_Check(d)) {
        PyErr_Format(PyExc_TypeError, "kundli.match: %s must be a dict, not %.100s", s->name,
                     Py_TYPE(d)->tp_name);
        return -1;
    }
    PyObject *nak = PyDict_GetItemString(d, "nakshatra"); /* borrowed */
    if (nak) {
        PyObject *pada = PyDict_GetItemString(d, "pada");
        PyObject *key, *value;
        Py_ssize_t pos = 0;
        while (PyDict_Next(d, &pos, &key, &value)) {
            if (PyUnicode_Check(key) && (PyUnicode_CompareWithASCIIString(key, "nakshatra") == 0 ||
                                         PyUnicode_CompareWithASCIIString(key, "pada") == 0))
                continue;
            char field[64];
            PyObject *k = PyObject_Str(key);
            snprintf(field, sizeof field, "%s.%s", s->name, k ? PyUnicode_AsUTF8(k) : "?");
            Py_XDECREF(k);
            PyErr_Clear();
            raise_kd(KD_ERR_UNKNOWN_FIELD, field, "a nakshatra side takes nakshatra and pada only");
            return -1;
        }
        if (!pada) {
            char field[64];
            snprintf(field, sizeof field, "%s.pada", s->name);
            raise_kd(KD_ERR_MISSING_FIELD, field, "a nakshatra needs its pada, 1 to 4");
            return -1;
        }
        PyObject *text = PyUnicode_FromFormat("%S:%S", nak, pada);
        if (!text)
            return -1;
        s->star = keep_utf8(&s->params, text, "a nakshatra");
        Py_DECREF(text);
        return s->star ? 0 : -1;
    }
    PyObject *birth = PyDict_GetItemString(d, "birth");
    if (birth && PyDict_Check(birth)) {
        /* The API's shape: {"birth": {...}, "options": {...}}. */
        PyObject *options = PyDict_GetItemString(d, "options");
        if (options && !PyDict_Check(options)) {
            PyErr_Format(PyExc_TypeError, "kundli.match: %s['options'] must be a dict",
                         s->name);
            return -1;
        }
        if (PyDict_Size(d) > (options ? 2 : 1)) {
            char field[64];
            snprintf(field, sizeof field, "%s", s->name);
            raise_kd(KD_ERR_UNKNOWN_FIELD, field,
                     "a side with birth takes birth and options only");
            return -1;
        }
        return params_add_dict(&s->params, birth) || params_add_dict(&s->params, options) ? -1
                                                                                            : 0;
    }
    return params_add_dict(&s->params, d);
}

PyDoc_STRVAR(match_doc,
"match(*, boy, girl, system=None, school=None, lang=None) -> dict\n"
"\n"
"The match document of POST /v1/match (ashtakoota guna milan, 36 points).\n"
"boy and girl are dicts: both births, as chart()'s parameters (or the\n"
"API's {'birth': {...}, 'options': {...}}), with manglik compatibility; or\n"
"a Moon given directly, {'nakshatra': 'Rohini' or 1..27, 'pada': 1..4}, for\n"
"either side or both. system 'ashtakoota' or 'porutham', school 'north' or\n"
"'jhora', lang a language code for display names: the API's match options.");

static PyObject *py_match(PyObject *self, PyObject *args, PyObject *kwargs)
{
    (void)self;
    if (no_positional(args, "match") != 0)
        return NULL;
    struct side s[2] = {{"boy", NULL, {0}}, {"girl", NULL, {0}}};
    PyObject *res = NULL;
    if (params_init(&s[0].params) != 0)
        return NULL;
    if (params_init(&s[1].params) != 0)
        goto done;
    static const char *const option_keys[] = {"system", "school", "lang"};
    const char *option[3] = {NULL, NULL, NULL};
    if (kwargs) {
        PyObject *key, *value;
        Py_ssize_t pos = 0;
        while (PyDict_Next(kwargs, &pos, &key, &value)) {
            if (PyUnicode_CompareWithASCIIString(key, "boy") == 0 ||
                PyUnicode_CompareWithASCIIString(key, "girl") == 0)
                continue;
            int k = 0;
            while (k < 3 && PyUnicode_CompareWithASCIIString(key, option_keys[k]) != 0)
                k++;
            PyObject *name = PyObject_Str(key);
            const char *field = name ? PyUnicode_AsUTF8(name) : "";
            if (k == 3)
                raise_kd(KD_ERR_UNKNOWN_FIELD, field,
                         "match takes boy, girl, system, school and lang only");
            else if (value != Py_None && !PyUnicode_Check(value))
                raise_kd(KD_ERR_INVALID_VALUE, field, "a match option is a string");
            else if (value != Py_None)
                option[k] = PyUnicode_AsUTF8(value);
            Py_XDECREF(name);
            if (k == 3 || PyErr_Occurred())
                goto done;
        }
    }
    for (int i = 0; i < 2; i++)
        if (side_from(&s[i], kwargs ? PyDict_GetItemString(kwargs, s[i].name) : NULL) != 0)
            goto done;
    struct ctx_ref *ref = ctx_acquire();
    struct kd_error err;
    char *out = NULL;
    size_t len = 0;
    int rc;
    memset(&err, 0, sizeof err);
    Py_BEGIN_ALLOW_THREADS
    struct kd_match_options mo = KD_MATCH_OPTIONS_INIT;
    mo.system = option[0];
    mo.school = option[1];
    mo.lang = option[2];
    rc = run_match(ref->ctx, &s[0], &s[1], &mo, &out, &len, &err);
    Py_END_ALLOW_THREADS
    res = result(ref, rc, &err, out, len, 1);
done:
    params_done(&s[0].params);
    params_done(&s[1].params);
    return res;
}

PyDoc_STRVAR(panchang_doc,
"panchang(*, date, tz, lat, lon, ayanamsa='lahiri') -> dict\n"
"\n"
"The panchang document of GET /v1/panchang: the Vedic day from the date's\n"
"sunrise at the place, with end times, sunrise and sunset, rahu kalam, ...");

static PyObject *py_panchang(PyObject *self, PyObject *args, PyObject *kwargs)
{
    (void)self;
    return call_flat(args, kwargs, "panchang", run_panchang, 1);
}

PyDoc_STRVAR(configure_doc,
"configure(ephe_path=None, zoneinfo=None)\n"
"\n"
"Replaces the module's context: Swiss Ephemeris files from ephe_path and\n"
"IANA time zone files from zoneinfo (None: Debian's defaults; the\n"
"environment is read only at import). Calls already running finish with\n"
"the old context.");

static PyObject *py_configure(PyObject *self, PyObject *args, PyObject *kwargs)
{
    (void)self;
    static char *kwlist[] = {"ephe_path", "zoneinfo", NULL};
    const char *ephe = NULL, *zoneinfo = NULL;
    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "|zz:configure", kwlist, &ephe, &zoneinfo))
        return NULL;
    struct ctx_ref *ref = ctx_ref_new(ephe, zoneinfo);
    if (!ref)
        return NULL;
    struct ctx_ref *old = current;
    current = ref;
    old->retired = 1;
    if (old->users == 0)
        ctx_ref_free(old);
    Py_RETURN_NONE;
}

static PyMethodDef methods[] = {
    {"chart", (PyCFunction)(void (*)(void))py_chart, METH_VARARGS | METH_KEYWORDS, chart_doc},
    {"chart_json", (PyCFunction)(void (*)(void))py_chart_json, METH_VARARGS | METH_KEYWORDS,
     chart_json_doc},
    {"match", (PyCFunction)(void (*)(void))py_match, METH_VARARGS | METH_KEYWORDS, match_doc},
    {"panchang", (PyCFunction)(void (*)(void))py_panchang, METH_VARARGS | METH_KEYWORDS,
     panchang_doc},
    {"configure", (PyCFunction)(void (*)(void))py_configure, METH_VARARGS | METH_KEYWORDS,
     configure_doc},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module_def = {
    PyModuleDef_HEAD_INIT, "kundli", module_doc, -1, methods, NULL, NULL, NULL, NULL,
};

/* A new exception class kundli.NAME with the attributes' defaults. */
static PyObject *new_error(PyObject *module, const char *name, const char *doc, PyObject *bases)
{
    char qual[64];
    snprintf(qual, sizeof qual, "kundli.%s", name);
    PyObject *dict = Py_BuildValue("{s:O,s:O,s:O,s:O}", "code", Py_None, "status", Py_None,
                                   "field", Py_None, "message", Py_None);
    if (!dict)
        return NULL;
    PyObject *cls = PyErr_NewExceptionWithDoc(qual, doc, bases, dict);
    Py_DECREF(dict);
    if (cls && PyModule_AddObject(module, name, cls) != 0) {
        Py_DECREF(cls);
        return NULL;
    }
    if (cls)
        Py_INCREF(cls); /* one reference for the module, one for this file */
    return cls;
}

PyMODINIT_FUNC PyInit_kundli(void)
{
    PyDateTime_IMPORT;
    if (!PyDateTimeAPI)
        return NULL;
    PyObject *m = PyModule_Create(&module_def);
    if (!m)
        return NULL;
    PyObject *json = PyImport_ImportModule("json");
    if (!json)
        goto fail;
    json_loads = PyObject_GetAttrString(json, "loads");
    Py_DECREF(json);
    if (!json_loads)
        goto fail;

    Error = new_error(m, "Error",
                      "A libkundli error: code (e.g. 'invalid_latitude'), status, field, "
                      "message.",
                      NULL);
    if (!Error)
        goto fail;
    PyObject *bases = PyTuple_Pack(2, Error, PyExc_ValueError);
    if (!bases)
        goto fail;
    InputError = new_error(m, "InputError",
                           "Invalid, missing or unknown input: a field, time zone or local "
                           "time.",
                           bases);
    Py_DECREF(bases);
    if (!InputError)
        goto fail;
    EphemerisError = new_error(m, "EphemerisError",
                               "The Swiss Ephemeris could not compute a position.", Error);
    ResourceError = new_error(m, "ResourceError",
                              "Out of memory or past an output limit.", Error);
    if (!EphemerisError || !ResourceError)
        goto fail;

    /* The data sections: every bit of KD_SECTIONS_ALL, in bit order. */
    int nsections = 0;
    for (int i = 0; i < 32; i++)
        nsections += (KD_SECTIONS_ALL >> i) & 1u;
    PyObject *sections = PyTuple_New(nsections);
    if (!sections)
        goto fail;
    for (int i = 0, n = 0; i < 32; i++) {
        if (!((KD_SECTIONS_ALL >> i) & 1u))
            continue;
        const char *name = kd_section_name(1u << i);
        PyObject *s = PyUnicode_FromString(name ? name : "");
        if (!s) {
            Py_DECREF(sections);
            goto fail;
        }
        PyTuple_SET_ITEM(sections, n++, s);
    }
    if (PyModule_AddObject(m, "SECTIONS", sections) != 0) {
        Py_DECREF(sections);
        goto fail;
    }
    if (PyModule_AddStringConstant(m, "__version__", kd_version()) != 0)
        goto fail;

    if (!current) {
        current = ctx_ref_new(getenv("KUNDLI_EPHE_PATH"), getenv("KUNDLI_ZONEINFO"));
        if (!current)
            goto fail;
    }
    return m;
fail:
    Py_DECREF(m);
    return NULL;
}
