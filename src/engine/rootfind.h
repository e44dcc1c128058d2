/* rootfind.h - one-dimensional root finding for the searches in time: a
 * safeguarded Newton iteration (the panchang's limb end times, the events'
 * level crossings) and Brent's method (the events' stations). Pure
 * arithmetic around a caller's function; the ephemeris is behind it.
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#ifndef KUNDLI_ROOTFIND_H
#define KUNDLI_ROOTFIND_H

#include "common/err.h"

/* A function of time t (Julian day): its value and its slope (units per
 * day) at t. Returns 0 or an error code with err filled; an error ends the
 * search and is passed on. Brent's method ignores the slope. */
typedef int (*rootfind_fn)(void *arg, double t, double *value, double *slope, struct error *err);

/* The root of fn, which increases through it (negative before, positive or
 * zero after), near guess: Newton steps (the slope clamped below at
 * min_slope) kept inside the bracket [lo, hi] that the signs seen so far
 * build; a step leaving it bisects instead. lo and hi may be -INFINITY and
 * INFINITY (no bracket yet: the first steps are plain Newton). Stops when a
 * step or the bracket is below tol (days) and writes the last Newton
 * estimate to *root (not evaluated again: its error is about the square of
 * the last step). At most 60 evaluations. Returns 0 or fn's error. */
int rootfind_newton(rootfind_fn fn, void *arg, double lo, double hi, double guess, double min_slope,
                    double tol, double *root, struct error *err);

/* A root of fn in [lo, hi], where flo = fn(lo) and fhi = fn(hi) have
 * opposite signs (or one is zero), to within tol (days), by Brent's method
 * (R. P. Brent, "Algorithms for Minimization without Derivatives", 1973,
 * ch. 4: bisection, secant and inverse quadratic interpolation, never
 * slower than bisection). At most 100 evaluations. Returns 0, fn's error,
 * or ERR_INTERNAL when the values do not bracket a root. */
int rootfind_brent(rootfind_fn fn, void *arg, double lo, double hi, double flo, double fhi,
                   double tol, double *root, struct error *err);

#endif
