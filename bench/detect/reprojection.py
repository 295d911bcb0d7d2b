#!/usr/bin/python3
"""Median reprojection error of reconstructed 3D people against the 2D detections they came from.

usage: reprojection.py CALIB_PANOPTIC.json POSES3D.json DETECTIONS_DIR [--min-score 0.3]

CALIB: CMU Panoptic camera_parameters.json (cm, world y-down; OpenCV distortion k1 k2 p1 p2 k3). POSES3D: Polypose 3D
JSON (mm, z-up = 10*(x, z, -y) of Panoptic's world, docs/pose3d-format.md). DETECTIONS_DIR: <camera>/*_<frame>_keypoints.json
(OpenPose). Per frame and view each 3D person is matched greedily to the 2D person with the smallest median joint
distance; errors are taken over joints the 2D detection scores >= --min-score. Independent of Polypose's code.
"""
import glob, json, os, re, sys
import numpy as np

args = sys.argv[1:]
min_score = 0.3
if '--min-score' in args:
    i = args.index('--min-score'); min_score = float(args[i + 1]); del args[i:i + 2]
calib_path, poses_path, det_dir = args
cams = {c['name']: c for c in json.load(open(calib_path))['cameras']}
poses = json.load(open(poses_path))

def project(cam, X_mm):
    raw = np.stack([X_mm[:, 0], -X_mm[:, 2], X_mm[:, 1]], 1) / 10.0
    R = np.array(cam['R']); t = np.array(cam['t']).reshape(3); K = np.array(cam['K'])
    xc = raw @ R.T + t
    x, y = xc[:, 0] / xc[:, 2], xc[:, 1] / xc[:, 2]
    k1, k2, p1, p2, k3 = (list(np.array(cam['distCoef']).ravel()) + [0] * 5)[:5]
    r2 = x * x + y * y
    radial = 1 + k1 * r2 + k2 * r2 * r2 + k3 * r2 ** 3
    xd = x * radial + 2 * p1 * x * y + p2 * (r2 + 2 * x * x)
    yd = y * radial + p1 * (r2 + 2 * y * y) + 2 * p2 * x * y
    return np.stack([K[0, 0] * xd + K[0, 1] * yd + K[0, 2], K[1, 1] * yd + K[1, 2]], 1)

def detections(camera, frame):
    for f in glob.glob(os.path.join(det_dir, camera, '*_keypoints.json')):
        if int(re.findall(r'(\d+)', os.path.basename(f)[:-len('_keypoints.json')])[-1]) == frame:
            return [np.array(p['pose_keypoints_2d']).reshape(-1, 3) for p in json.load(open(f))['people']]
    return []

errors, people_per_frame = [], []
for fr in poses['frames']:
    people_per_frame.append(len(fr['people']))
    for ci, camera in enumerate(poses['cameras']):
        dets = detections(camera, fr['frame'])
        pairs = []
        for pi, p in enumerate(fr['people']):
            X = np.array(p['joints'], float)
            present = np.any(X != 0, axis=1)
            uv = project(cams[camera], X)
            for di, d in enumerate(dets):
                ok = present & (d[:, 2] >= min_score)
                if ok.sum() >= 3:
                    e = np.linalg.norm(uv[ok] - d[ok, :2], axis=1)
                    pairs.append((np.median(e), pi, di, e))
        used_p, used_d = set(), set()
        for med, pi, di, e in sorted(pairs, key=lambda q: q[0]):
            if pi in used_p or di in used_d or med > 100:
                continue
            used_p.add(pi); used_d.add(di); errors.extend(e.tolist())
print(json.dumps({'frames': len(people_per_frame), 'people_per_frame': people_per_frame,
                  'joints_compared': len(errors), 'median_px': float(np.median(errors)) if errors else None,
                  'mean_px': float(np.mean(errors)) if errors else None, 'min_score': min_score}))
