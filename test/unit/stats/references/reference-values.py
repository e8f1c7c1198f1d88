"""Prints the scipy/mpmath reference values used by test/unit/stats/*.test.ts.

scipy 1.17.1, numpy 2.4.6, mpmath 1.3.0. Run: python3 test/unit/stats/references/reference-values.py
"""
import numpy as np, scipy
from scipy import stats, integrate, special
print("scipy", scipy.__version__, "numpy", np.__version__)
r = lambda v: repr(float(v))
print("== ttest golden 0/1 arrays")
c = np.r_[np.ones(979), np.zeros(1564-979)]; t = np.r_[np.ones(1003), np.zeros(1412-1003)]
for ev in (True, False):
    res = stats.ttest_ind(c, t, equal_var=ev); ci = res.confidence_interval(0.95)
    print(ev, r(res.statistic), r(res.pvalue), r(res.df), r(ci.low), r(ci.high))
print("== linregress anscombe")
x1=[10,8,13,9,11,14,6,4,12,7,5]; y1=[8.04,6.95,7.58,8.81,8.33,9.96,7.24,4.26,10.84,4.82,5.68]
lr = stats.linregress(x1,y1); print([r(v) for v in (lr.slope, lr.intercept, lr.rvalue, lr.pvalue, lr.stderr, lr.intercept_stderr)])
print("perfect", stats.linregress([0,1,2,3],[1,3,5,7]))
print("const", stats.linregress([0,1,2,3],[2,2,2,2]))
print("negperfect", stats.linregress([0,1,2,3,4],[4,2,0,-2,-4]))
print("== theilslopes")
y = [0.0, 0.4, 0.5, 0.6666666666666666, 1.0, 0.6666666666666666, 1.0]
print([r(v) for v in stats.theilslopes(y, np.arange(7))])
xs=[1,2,2,3,4,5,6,6,7,8,9,10]; ys=[2.1,2.9,3.5,3.5,5.2,4.8,6.9,6.1,7.7,7.7,9.4,9.9]
print([r(v) for v in stats.theilslopes(ys, xs)])
print([r(v) for v in stats.theilslopes(ys, xs, 0.90)])
print([r(v) for v in stats.theilslopes([1,3,2,5,4], [0,1,2,3,4])])
print("== chisquare")
print(stats.chisquare([314,286])); print(stats.chisquare([5000,4000])); print(stats.chisquare([700,300],[750,250])); print(stats.chisquare([10,20,30]))
print("== kendalltau cross-check (no continuity)")
print(stats.kendalltau(np.arange(7), y))
print("== user-level welch")
ua=[(3,1),(5,5),(2,0),(4,3),(1,1),(6,2),(2,2)]; ub=[(4,4),(3,2),(5,5),(2,1),(7,6),(1,1)]
ra=[s/n for n,s in ua]; rb=[s/n for n,s in ub]
res=stats.ttest_ind(ra, rb, equal_var=False); ci=res.confidence_interval(0.95)
print(r(res.statistic), r(res.pvalue), r(res.df), r(ci.low), r(ci.high))
res=stats.ttest_ind([0.5,0.25],[1,2/3], equal_var=False); print(r(res.statistic), r(res.pvalue))
print("== bayes quad")
def bayes(sa, na, sb, nb):
    A = stats.beta(1+sa, 1+na-sa); B = stats.beta(1+sb, 1+nb-sb)
    lo = min(A.ppf(1e-15), B.ppf(1e-15)); hi = max(A.isf(1e-15), B.isf(1e-15))
    opts = dict(epsabs=1e-15, epsrel=1e-13, limit=500)
    pB = integrate.quad(lambda x: B.pdf(x)*A.cdf(x), lo, hi, **opts)[0]
    pA = integrate.quad(lambda x: A.pdf(x)*B.cdf(x), lo, hi, **opts)[0]
    # loss choose B = E[(pA-pB)+] = int f_A(a) * E[(a-pB)+] da ; E[(a-B)+] = a F_B(a) - mB F_B'(a)
    Bp = stats.beta(2+sb, 1+nb-sb); mB = B.mean(); Ap = stats.beta(2+sa, 1+na-sa); mA = A.mean()
    lossB = integrate.quad(lambda a: A.pdf(a)*(a*B.cdf(a) - mB*Bp.cdf(a)), lo, hi, **opts)[0]
    lossA = integrate.quad(lambda b: B.pdf(b)*(b*A.cdf(b) - mA*Ap.cdf(b)), lo, hi, **opts)[0]
    return pB, pA, lossB, lossA
for case in [(0,1,1,1),(40,100,45,100),(979,1564,1003,1412),(3,10,7,12)]:
    print(case, [r(v) for v in bayes(*case)])
print("== mulberry32")
def mulberry32(seed):
    a = seed & 0xffffffff
    out=[]
    def imul(x,y): return (x*y) & 0xffffffff
    for _ in range(5):
        a = (a + 0x6D2B79F5) & 0xffffffff
        t = a
        t = imul(t ^ (t >> 15), t | 1)
        t ^= (t + imul(t ^ (t >> 7), t | 61)) & 0xffffffff
        out.append(((t ^ (t >> 14)) & 0xffffffff) / 4294967296)
    return out
print(mulberry32(1)); print(mulberry32(42)); print(mulberry32(0xdeadbeef))
print("== msprt hand", r(0.5*np.exp(6)), r(2*np.exp(-6)))
print("== MAD", r(stats.median_abs_deviation([1.2,3.8,2.2,9.7,4.1,3.3,2.9], scale=1/1.4826)))
print("== distributions (distributions.test.ts)")
print('t.sf', r(stats.t.sf(2, 10)), r(stats.t.sf(30, 2974)), r(stats.t.sf(4.89, 100000)), r(stats.t.sf(0.5, 1)), r(stats.t.cdf(-3, 3.5)))
print('erfc', r(special.erfc(10)), r(special.erfc(0.5)), r(special.erfc(-1)), r(special.erfc(26)))
print('norm.ppf', r(stats.norm.ppf(0.975)), r(stats.norm.ppf(1e-10)), r(stats.norm.ppf(0.8)), r(stats.norm.ppf(1e-300)))
print('t.ppf', r(stats.t.ppf(0.975, 10)), r(stats.t.ppf(0.995, 2974)), r(stats.t.ppf(0.025, 2.5)), r(stats.t.ppf(1e-12, 30)))
print('chi2.sf', r(stats.chi2.sf(50, 1)), r(stats.chi2.sf(1500, 100)), r(stats.chi2.sf(0.1, 10)), r(stats.chi2.ppf(0.95, 1)))
print('gammaln', r(special.gammaln(0.3)), r(special.gammaln(100)), r(special.gammaln(1e6)), r(special.betaln(1500, 1400)), r(special.gammaincc(50, 80)))
print('norm', r(stats.norm.cdf(-1)), r(stats.norm.sf(8)))
import mpmath as mp
mp.mp.dps = 40
print('mpmath', mp.log(mp.beta(mp.mpf('0.5'), 50000)), mp.betainc(1500, 1500, 0, mp.mpf('0.45'), regularized=True))
print("== power, unequal allocation (two-proportion-power.test.ts)")
import math
from scipy.optimize import brentq
from scipy.stats import norm
def n_control(p1, d, a, pw, k):
    p2 = p1 + d; pb = (p1 + k * p2) / (1 + k)
    return (norm.isf(a / 2) * math.sqrt(pb * (1 - pb) * (1 + 1 / k)) + norm.ppf(pw) * math.sqrt(p1 * (1 - p1) + p2 * (1 - p2) / k)) ** 2 / d ** 2
def power(p1, p2, na, nb, a):
    pb = (na * p1 + nb * p2) / (na + nb); sd0 = math.sqrt(pb * (1 - pb) * (1 / na + 1 / nb)); sd1 = math.sqrt(p1 * (1 - p1) / na + p2 * (1 - p2) / nb)
    return norm.cdf((abs(p2 - p1) - norm.isf(a / 2) * sd0) / sd1)
print(r(n_control(0.72, 0.03, 0.05, 0.8, 2)), r(n_control(0.10, 0.02, 0.01, 0.9, 0.5)), r(power(0.72, 0.75, 1000, 2000, 0.05)))
print(r(brentq(lambda d: power(0.72, 0.72 - d, 1000, 2000, 0.05) - 0.8, 1e-9, 0.72, xtol=1e-15, rtol=1e-15)))
