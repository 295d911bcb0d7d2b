#!/usr/bin/python3
"""Checks a `polypose video` result on the Pose2Sim single-person demo, independently of Polypose's code.

usage: pose2sim_check.py CALIB.qca.txt POSES3D.json DETECTIONS_DIR [--min-score 0.3] [--json]

CALIB: Qualisys QTM XML (the facts of ../shared/data/pose2sim-single/README.md: image size from fov_video,
focal lengths / principal point / distortion divided by 64, principal point shifted by fov_video left/top,
transform x/y/z = camera position in mm, r11..r33 read by column as the camera-to-world rotation, then a rotation
by pi about the camera x axis; OpenCV distortion k1 k2 p1 p2 k3). POSES3D: Polypose 3D JSON (mm, z-up, COCO-17).
DETECTIONS_DIR: <camera>/<camera>_<frame>_keypoints.json (OpenPose), frame = the pose file's frame number.

Prints: people per frame; the subject = the id with the most (frame, view) observations; frames where the subject is present;
median reprojection error (px) of the triangulated joints against the 2D keypoints they were matched to (per frame and
view the 3D person is matched greedily to the 2D person with the smallest median joint distance; joints whose 2D
score >= --min-score); each limb bone's length coefficient of variation (std / mean) over the frames where both its
joints are present; and the other ids (bystander candidates) with the views they were reconstructed from.
"""
import glob, json, os, re, sys
import xml.etree.ElementTree as ET
import numpy as np

args = sys.argv[1:]
min_score = 0.3
as_json = '--json' in args
if as_json:
    args.remove('--json')
if '--min-score' in args:
    i = args.index('--min-score'); min_score = float(args[i + 1]); del args[i:i + 2]
calib_path, poses_path, det_dir = args

cams = {}
for c in ET.parse(calib_path).getroot().iter('camera'):
    fov = c.find('fov_video').attrib
    tr = {k: float(v) for k, v in c.find('transform').attrib.items()}
    intr = {k: float(v) for k, v in c.find('intrinsic').attrib.items() if k not in ('model',)}
    left, top = float(fov['left']), float(fov['top'])
    K = np.array([[intr['focalLengthU'] / 64, 0, intr['centerPointU'] / 64 - left],
                  [0, intr['focalLengthV'] / 64, intr['centerPointV'] / 64 - top], [0, 0, 1]])
    dist = np.array([intr.get('radialDistortion1', 0), intr.get('radialDistortion2', 0), intr.get('tangentalDistortion1', 0),
                     intr.get('tangentalDistortion2', 0), intr.get('radialDistortion3', 0)]) / 64
    M = np.array([[tr['r11'], tr['r12'], tr['r13']], [tr['r21'], tr['r22'], tr['r23']], [tr['r31'], tr['r32'], tr['r33']]])
    cam_to_world = M.T  # read by column
    R = cam_to_world.T
    t = -R @ np.array([tr['x'], tr['y'], tr['z']])
    flip = np.diag([1.0, -1.0, -1.0])
    cams[c.attrib['serial']] = (K, flip @ R, flip @ t, dist)

def project(cam, X):
    K, R, t, (k1, k2, p1, p2, k3) = cam
    xc = X @ R.T + t
    x, y = xc[:, 0] / xc[:, 2], xc[:, 1] / xc[:, 2]
    r2 = x * x + y * y
    radial = 1 + k1 * r2 + k2 * r2 * r2 + k3 * r2 ** 3
    xd = x * radial + 2 * p1 * x * y + p2 * (r2 + 2 * x * x)
    yd = y * radial + p1 * (r2 + 2 * y * y) + 2 * p2 * x * y
    return np.stack([K[0, 0] * xd + K[0, 2], K[1, 1] * yd + K[1, 2]], 1), xc[:, 2]

det_index = {}
for f in glob.glob(os.path.join(det_dir, '*', '*_keypoints.json')):
    camera = os.path.basename(os.path.dirname(f))
    frame = int(re.findall(r'(\d+)', os.path.basename(f)[:-len('_keypoints.json')])[-1])
    det_index[(camera, frame)] = f

def detections(camera, frame):
    f = det_index.get((camera, frame))
    return [] if f is None else [np.array(p['pose_keypoints_2d'], float).reshape(-1, 3) for p in json.load(open(f))['people']]

poses = json.load(open(poses_path))
names = poses['skeleton']['joints'] if isinstance(poses.get('skeleton'), dict) else None
frames = poses['frames']
count_by_id, views_by_id = {}, {}
for fr in frames:
    for p in fr['people']:
        count_by_id[p['id']] = count_by_id.get(p['id'], 0) + 1
        views_by_id[p['id']] = views_by_id.get(p['id'], 0) + sum(1 for v in p.get('views', []) if v >= 0)
# the subject: the id with the most (frame, view) observations (the walking person is seen by all four cameras)
subject = max(views_by_id, key=lambda k: (views_by_id[k], -k)) if views_by_id else None

errors = []
for fr in frames:
    for p in fr['people']:
        if p['id'] != subject:
            continue
        X = np.array(p['joints'], float)
        present = np.array(p.get('confidence', [1] * len(X)), float) > 0
        for camera in poses['cameras']:
            dets = detections(camera, fr['frame'])
            uv, depth = project(cams[camera], X)
            best = None
            for d in dets:
                ok = present & (d[:, 2] >= min_score) & (depth > 0)
                if ok.sum() < 3:
                    continue
                e = np.linalg.norm(uv[ok] - d[ok, :2], axis=1)
                if best is None or np.median(e) < np.median(best):
                    best = e
            if best is not None:
                errors.extend(best.tolist())

coco = ["nose", "left_eye", "right_eye", "left_ear", "right_ear", "left_shoulder", "right_shoulder", "left_elbow",
        "right_elbow", "left_wrist", "right_wrist", "left_hip", "right_hip", "left_knee", "right_knee", "left_ankle", "right_ankle"]
limbs = [("left_shoulder", "left_elbow"), ("left_elbow", "left_wrist"), ("right_shoulder", "right_elbow"), ("right_elbow", "right_wrist"),
         ("left_hip", "left_knee"), ("left_knee", "left_ankle"), ("right_hip", "right_knee"), ("right_knee", "right_ankle"),
         ("left_shoulder", "left_hip"), ("right_shoulder", "right_hip"), ("left_shoulder", "right_shoulder"), ("left_hip", "right_hip")]
lengths = {l: [] for l in limbs}
for fr in frames:
    for p in fr['people']:
        if p['id'] != subject:
            continue
        X = np.array(p['joints'], float)
        conf = np.array(p.get('confidence', [1] * len(X)), float)
        for a, b in limbs:
            i, j = coco.index(a), coco.index(b)
            if conf[i] > 0 and conf[j] > 0:
                lengths[(a, b)].append(np.linalg.norm(X[i] - X[j]))
cv = {f"{a}-{b}": (float(np.std(v) / np.mean(v)) if len(v) > 1 else None, len(v)) for (a, b), v in lengths.items()}
others = {}
for fr in frames:
    for p in fr['people']:
        if p['id'] != subject:
            views = [poses['cameras'][v] for v, d in enumerate(p.get('views', [])) if d >= 0] if isinstance(p.get('views'), list) else '?'
            others.setdefault(p['id'], []).append((fr['frame'], views))

result = {
    'frames': len(frames),
    'people_per_frame': {str(k): v for k, v in sorted({n: sum(1 for fr in frames if len(fr['people']) == n) for n in set(len(fr['people']) for fr in frames)}.items())},
    'subject_id': subject,
    'subject_frames': count_by_id.get(subject, 0),
    'median_reprojection_px': float(np.median(errors)) if errors else None,
    'joints_measured': len(errors),
    'bone_cv': cv,
    'max_limb_cv': max(v[0] for v in cv.values() if v[0] is not None) if any(v[0] is not None for v in cv.values()) else None,
    'other_ids': {str(k): {'frames': len(v), 'views_first': v[0][1]} for k, v in others.items()},
}
if as_json:
    print(json.dumps(result, indent=1))
else:
    print(f"frames {result['frames']}, people per frame {result['people_per_frame']}")
    print(f"subject id {subject}: present in {result['subject_frames']} frames")
    print(f"median reprojection error {result['median_reprojection_px']:.2f} px over {len(errors)} joints (2D score >= {min_score})")
    for k, (c, n) in cv.items():
        print(f"  bone {k:32s} CV {c * 100 if c is not None else float('nan'):6.2f} %  ({n} frames)")
    print(f"largest limb CV {result['max_limb_cv'] * 100:.2f} %")
    for k, v in result['other_ids'].items():
        print(f"other id {k}: {v['frames']} frames, first seen from {v['views_first']}")
