/* rootfind.c - safeguarded Newton and Brent's method (see rootfind.h).
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#include "engine/rootfind.h"

#include <float.h>
#include <math.h>

int rootfind_newton(rootfind_fn fn, void *arg, double lo, double hi, double guess, double min_slope,
                    double tol, double *root, struct error *err)
{
    double t = guess;
    for (int it = 0; it < 60; it++) {
        double v, s;
        int rc = fn(arg, t, &v, &s, err);
        if (rc)
            return rc;
        if (v < 0)
            lo = t;
        else
            hi = t;
        double next = t - v / (s > min_slope ? s : min_slope);
        if (!(next > lo && next < hi) && isfinite(lo) && isfinite(hi))
            next = 0.5 * (lo + hi);
        double step = fabs(next - t);
        t = next;
        if (step < tol || (isfinite(lo) && isfinite(hi) && hi - lo < tol))
            break;
    }
    *root = t;
    return 0;
}

int rootfind_brent(rootfind_fn fn, void *arg, double lo, double hi, double flo, double fhi,
                   double tol, double *root, struct error *err)
{
    /* b is the best estimate, a the previous one, c the point that keeps
     * the root bracketed with b; d the last step, e the one before. */
    double a = lo, b = hi, c = lo, fa = flo, fb = fhi, fc = flo;
    double d = b - a, e = d;
    if ((fa > 0 && fb > 0) || (fa < 0 && fb < 0))
        return err_set(err, ERR_INTERNAL, "", "root finding: no sign change in the bracket");
    for (int it = 0; it < 100; it++) {
        if ((fb > 0 && fc > 0) || (fb < 0 && fc < 0)) {
            c = a;
            fc = fa;
            d = e = b - a;
        }
        if (fabs(fc) < fabs(fb)) {
            a = b;
            b = c;
            c = a;
            fa = fb;
            fb = fc;
            fc = fa;
        }
        double tol1 = 2.0 * DBL_EPSILON * fabs(b) + 0.5 * tol;
        double xm = 0.5 * (c - b);
        if (fabs(xm) <= tol1 || fb == 0) {
            *root = b;
            return 0;
        }
        if (fabs(e) >= tol1 && fabs(fa) > fabs(fb)) {
            double s = fb / fa, p, q;
            if (a == c) { /* two points: secant */
                p = 2.0 * xm * s;
                q = 1.0 - s;
            } else { /* three: inverse quadratic interpolation */
                double qa = fa / fc, r = fb / fc;
                p = s * (2.0 * xm * qa * (qa - r) - (b - a) * (r - 1.0));
                q = (qa - 1.0) * (r - 1.0) * (s - 1.0);
            }
            if (p > 0)
                q = -q;
            else
                p = -p;
            /* accept the interpolation only while it shrinks fast enough */
            if (2.0 * p < fmin(3.0 * xm * q - fabs(tol1 * q), fabs(e * q))) {
                e = d;
                d = p / q;
            } else {
                d = xm;
                e = d;
            }
        } else {
            d = xm;
            e = d;
        }
        a = b;
        fa = fb;
        b += fabs(d) > tol1 ? d : (xm > 0 ? tol1 : -tol1);
        double slope;
        int rc = fn(arg, b, &fb, &slope, err);
        if (rc)
            return rc;
    }
    *root = b;
    return 0;
}
