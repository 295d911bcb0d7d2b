#!/usr/bin/python3
"""Reference values for the Polypose.Tracking filters, computed independently of the C# code.

Run with Debian's python3-scipy / python3-numpy:  /usr/bin/python3 make_fixtures.py
Writes filters.json beside this script. The inputs are fixed (seeded) and stored in the file too.

- Butterworth: scipy.signal.butter + scipy.signal.filtfilt (default padding: odd, padlen = 3 * max(len(a), len(b))).
- Kalman / RTS: constant-acceleration model written out below in numpy (same model and initialisation as the C#).
- Hampel: numpy median / MAD over a window cut at the ends.
- Cubic gap filling: scipy.interpolate.CubicSpline(bc_type="natural") through the present samples.
- One-euro: a direct numpy transcription of Casiez et al. (CHI 2012).
"""
import json
import os

import numpy as np
import scipy
from scipy.interpolate import CubicSpline
from scipy.signal import butter, filtfilt, lfilter_zi

FPS = 30.0
rng = np.random.RandomState(20261201)
n = 200
t = np.arange(n) / FPS
clean = 300.0 * np.sin(2 * np.pi * 0.7 * t) + 120.0 * np.cos(2 * np.pi * 1.9 * t + 0.3) + 50.0 * t
noisy = clean + rng.normal(0.0, 15.0, n)

out = {"scipy": scipy.__version__, "numpy": np.__version__, "fps": FPS, "input": noisy.tolist()}

# Butterworth low-pass, zero phase.
out["butterworth"] = []
for order, cutoff in [(4, 6.0), (2, 3.0), (5, 10.0), (1, 1.5)]:
    b, a = butter(order, cutoff, btype="low", fs=FPS)
    out["butterworth"].append({
        "order": order, "cutoff": cutoff, "b": b.tolist(), "a": a.tolist(),
        "zi": lfilter_zi(b, a).tolist(), "output": filtfilt(b, a, noisy).tolist(),
    })


# Constant-acceleration Kalman filter + Rauch-Tung-Striebel smoother.
def kalman_rts(z, dt, q, r):
    F = np.array([[1, dt, dt * dt / 2], [0, 1, dt], [0, 0, 1]], dtype=float)
    Q = q * np.array([[dt**5 / 20, dt**4 / 8, dt**3 / 6],
                      [dt**4 / 8, dt**3 / 3, dt**2 / 2],
                      [dt**3 / 6, dt**2 / 2, dt]], dtype=float)
    H = np.array([[1.0, 0.0, 0.0]])
    R = np.array([[r * r]])
    m = len(z)
    xf = np.zeros((m, 3)); Pf = np.zeros((m, 3, 3))
    xp = np.zeros((m, 3)); Pp = np.zeros((m, 3, 3))
    x = np.array([z[0], 0.0, 0.0])
    P = np.diag([r * r, 1e8, 1e10])
    for k in range(m):
        if k > 0:
            x = F @ x
            P = F @ P @ F.T + Q
        xp[k] = x; Pp[k] = P
        S = H @ P @ H.T + R
        K = P @ H.T @ np.linalg.inv(S)
        x = x + (K @ (np.array([z[k]]) - H @ x))
        P = (np.eye(3) - K @ H) @ P
        xf[k] = x; Pf[k] = P
    xs = xf.copy(); Ps = Pf.copy()
    for k in range(m - 2, -1, -1):
        C = Pf[k] @ F.T @ np.linalg.inv(Pp[k + 1])
        xs[k] = xf[k] + C @ (xs[k + 1] - xp[k + 1])
        Ps[k] = Pf[k] + C @ (Ps[k + 1] - Pp[k + 1]) @ C.T
    return xs[:, 0]


out["kalman"] = [{"q": q, "r": r, "output": kalman_rts(noisy, 1 / FPS, q, r).tolist()}
                 for q, r in [(1e9, 10.0), (1e7, 15.0), (1e11, 5.0)]]

# Hampel outlier rejection on a signal with planted outliers.
spiky = noisy.copy()
for i, jump in [(17, 400.0), (60, -350.0), (61, 500.0), (120, 900.0), (199, -600.0), (0, 300.0)]:
    spiky[i] += jump


def hampel(x, half, sigmas):
    y = x.copy()
    rejected = []
    for i in range(len(x)):
        w = x[max(0, i - half):min(len(x), i + half + 1)]
        med = np.median(w)
        s = 1.4826 * np.median(np.abs(w - med))
        if abs(x[i] - med) > sigmas * s:
            y[i] = med
            rejected.append(i)
    return y, rejected


out["hampel"] = []
for half, sigmas in [(3, 3.0), (5, 2.5), (2, 3.0)]:
    y, rej = hampel(spiky, half, sigmas)
    out["hampel"].append({"halfwidth": half, "sigmas": sigmas, "input": spiky.tolist(), "output": y.tolist(), "rejected": rej})

# Gap filling: natural cubic spline through the present samples, evaluated in the gaps.
present = np.ones(n, dtype=bool)
for a, b in [(10, 13), (40, 41), (70, 80), (150, 158)]:
    present[a:b] = False
knots = np.nonzero(present)[0]
spline = CubicSpline(knots.astype(float), noisy[knots], bc_type="natural")
filled = noisy.copy()
missing = np.nonzero(~present)[0]
filled[missing] = spline(missing.astype(float))
out["cubic"] = {"present": present.astype(int).tolist(), "output": filled.tolist()}
linear = noisy.copy()
linear[missing] = np.interp(missing.astype(float), knots.astype(float), noisy[knots])
out["linear"] = {"present": present.astype(int).tolist(), "output": linear.tolist()}


# One-euro filter.
def one_euro(x, fps, mincutoff, beta, dcutoff):
    dt = 1.0 / fps

    def alpha(fc):
        tau = 1.0 / (2 * np.pi * fc)
        return 1.0 / (1.0 + tau / dt)

    y = np.empty_like(x)
    y[0] = x[0]
    dx_hat = 0.0
    for i in range(1, len(x)):
        dx = (x[i] - y[i - 1]) / dt
        ad = alpha(dcutoff)
        dx_hat = ad * dx + (1 - ad) * dx_hat
        a = alpha(mincutoff + beta * abs(dx_hat))
        y[i] = a * x[i] + (1 - a) * y[i - 1]
    return y


out["oneeuro"] = [{"mincutoff": mc, "beta": be, "dcutoff": dc, "output": one_euro(noisy, FPS, mc, be, dc).tolist()}
                  for mc, be, dc in [(1.0, 0.01, 1.0), (0.5, 0.1, 2.0), (3.0, 0.0, 1.0)]]

path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "filters.json")
with open(path, "w") as f:
    json.dump(out, f, indent=1)
print("wrote", path)
