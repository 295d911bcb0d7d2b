#!/usr/bin/python3
"""Offline fusion of two `polypose detect` runs of the same images (the "mixed" rows of BENCHMARKS.md, issue 10 item 7).

usage: BASE=DIR_A SECOND=DIR_B fuse.py mix OUT MAX_MEDIAN_PX SCORE_RATIO
       BASE=DIR_A THUNDER=DIR_T fuse.py thunder OUT MIN_SCORE MAX_SHIFT

mix: people from DIR_A; each is matched to the unused person of DIR_B with the smallest median keypoint distance
(over keypoints both score >= 0.3, below MAX_MEDIAN_PX), whose keypoints replace A's where B's score >= A's * SCORE_RATIO.
thunder: DIR_T holds the same people refined by Thunder with every keypoint accepted (same order as DIR_A); a refined
keypoint replaces A's where its score >= MIN_SCORE and it moved <= MAX_SHIFT x 1.25 x the longer keypoint extent.
Directories are absolute or relative to /tmp/d2 (where the measurements of BENCHMARKS.md were made).
"""
import json, glob, os, sys, numpy as np
mode, out = sys.argv[1], sys.argv[2]
params = [float(x) for x in sys.argv[3:]]
folder = lambda name, default: os.path.join('/tmp/d2', os.environ.get(name, default))
for f in sorted(glob.glob(os.path.join(folder('BASE', 'mp640'), '*/*.json'))):
    rel = os.path.relpath(f, folder('BASE', 'mp640'))
    A = [np.array(p['pose_keypoints_2d']).reshape(-1, 3) for p in json.load(open(f))['people']]
    res = []
    if mode == 'thunder':
        T = [np.array(p['pose_keypoints_2d']).reshape(-1, 3) for p in json.load(open(os.path.join(folder('THUNDER', 'thall'), rel)))['people']]
        minscore, shift = params
        for P, Q in zip(A, T):
            side = 1.25 * max(np.ptp(P[:, 0]), np.ptp(P[:, 1]))
            d = np.linalg.norm(P[:, :2] - Q[:, :2], axis=1)
            ok = (Q[:, 2] >= minscore) & (d <= shift * side)
            R = P.copy(); R[ok] = Q[ok]
            res.append(R)
    elif mode == 'mix':
        B = [np.array(p['pose_keypoints_2d']).reshape(-1, 3) for p in json.load(open(os.path.join(folder('SECOND', 'mp960'), rel)))['people']]
        used = set()
        for P in A:
            best, bi = 1e9, -1
            for i, Q in enumerate(B):
                ok = (P[:, 2] >= 0.3) & (Q[:, 2] >= 0.3)
                if i in used or ok.sum() < 3: continue
                m = np.median(np.linalg.norm(P[ok, :2] - Q[ok, :2], axis=1))
                if m < best: best, bi = m, i
            R = P.copy()
            if bi >= 0 and best < params[0]:
                used.add(bi); Q = B[bi]
                take = Q[:, 2] >= P[:, 2] * params[1]
                R[take] = Q[take]
            res.append(R)
    os.makedirs(os.path.dirname(os.path.join(out, rel)), exist_ok=True)
    json.dump({'version': 1.3, 'people': [{'pose_keypoints_2d': R.ravel().tolist()} for R in res]}, open(os.path.join(out, rel), 'w'))
