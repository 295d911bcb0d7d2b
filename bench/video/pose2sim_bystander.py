#!/usr/bin/python3
"""Checks that a second 3D person on the Pose2Sim single-person demo is somebody two views really see.

usage: pose2sim_bystander.py CALIB.qca.txt POSES3D.json DETECTIONS_DIR [--frame N --videos DIR --png OUT.png]

Independent of Polypose's code (numpy; the .qca.txt read by the facts of ../shared/data/pose2sim-single/README.md, as
pose2sim_check.py does). Subject = the id with the most (frame, view) observations. For every frame, the 2D people
of each camera other than the one the subject was made from are counted; where cam01 and cam02 both have one, the
most confident pair is triangulated joint by joint (undistorted DLT, joints with score >= 0.3 in both) and reports:
the two-view reprojection error (a real person seen twice reprojects within a few px), the 3D place and its spread
over the frames (a real person stands somewhere), and whether that place projects inside cam03's / cam04's image in
front of them (if not, no other view should see the person). Lists every non-subject 3D person of the pose file with
its views. With --frame/--videos/--png it writes a mosaic of the four cameras' frame N with the non-subject 2D people
boxed (needs ffmpeg and Pillow), for looking.
"""
import json, os, subprocess, sys
import xml.etree.ElementTree as ET
import numpy as np

args = sys.argv[1:]
opt = {}
for key in ('--frame', '--videos', '--png'):
    if key in args:
        i = args.index(key); opt[key] = args[i + 1]; del args[i:i + 2]
calib_path, poses_path, det_dir = args

cams = {}
for c in ET.parse(calib_path).getroot().iter('camera'):
    fov = c.find('fov_video').attrib
    tr = {k: float(v) for k, v in c.find('transform').attrib.items()}
    intr = {k: float(v) for k, v in c.find('intrinsic').attrib.items() if k != 'model'}
    left, top = float(fov['left']), float(fov['top'])
    size = (float(fov['right']) - left + 1, float(fov['bottom']) - top + 1)
    K = np.array([[intr['focalLengthU'] / 64, 0, intr['centerPointU'] / 64 - left],
                  [0, intr['focalLengthV'] / 64, intr['centerPointV'] / 64 - top], [0, 0, 1]])
    dist = np.array([intr.get('radialDistortion1', 0), intr.get('radialDistortion2', 0), intr.get('tangentalDistortion1', 0),
                     intr.get('tangentalDistortion2', 0), intr.get('radialDistortion3', 0)]) / 64
    M = np.array([[tr['r11'], tr['r12'], tr['r13']], [tr['r21'], tr['r22'], tr['r23']], [tr['r31'], tr['r32'], tr['r33']]])
    flip = np.diag([1.0, -1.0, -1.0])
    R = M  # (M read by column)^T = world-to-camera before the flip
    cams[c.attrib['serial']] = (K, flip @ R, flip @ (-R @ np.array([tr['x'], tr['y'], tr['z']])), dist, size)

def project(cam, X):
    K, R, t, (k1, k2, p1, p2, k3), _ = cam
    xc = R @ X + t
    x, y = xc[0] / xc[2], xc[1] / xc[2]
    r2 = x * x + y * y
    radial = 1 + k1 * r2 + k2 * r2 * r2 + k3 * r2 ** 3
    xd = x * radial + 2 * p1 * x * y + p2 * (r2 + 2 * x * x)
    yd = y * radial + p1 * (r2 + 2 * y * y) + 2 * p2 * x * y
    return np.array([K[0, 0] * xd + K[0, 2], K[1, 1] * yd + K[1, 2]]), xc[2]

def undistort(cam, uv):
    K, _, _, (k1, k2, p1, p2, k3), _ = cam
    xd, yd = (uv[0] - K[0, 2]) / K[0, 0], (uv[1] - K[1, 2]) / K[1, 1]
    x, y = xd, yd
    for _ in range(30):
        r2 = x * x + y * y
        radial = 1 + k1 * r2 + k2 * r2 * r2 + k3 * r2 ** 3
        x = (xd - (2 * p1 * x * y + p2 * (r2 + 2 * x * x))) / radial
        y = (yd - (p1 * (r2 + 2 * y * y) + 2 * p2 * x * y)) / radial
    return x, y

def triangulate(pairs):
    rows = []
    for cam, uv in pairs:
        _, R, t, _, _ = cam
        P = np.hstack([R, t[:, None]])
        x, y = undistort(cam, uv)
        rows += [x * P[2] - P[0], y * P[2] - P[1]]
    X = np.linalg.svd(np.array(rows))[2][-1]
    return X[:3] / X[3]

def detections(camera, frame):
    f = os.path.join(det_dir, camera, f'{camera}_{frame:06d}_keypoints.json')
    return [np.array(p['pose_keypoints_2d'], float).reshape(-1, 3) for p in json.load(open(f))['people']] if os.path.exists(f) else []

poses = json.load(open(poses_path))
names = poses['cameras']
views_by_id = {}
for fr in poses['frames']:
    for p in fr['people']:
        views_by_id[p['id']] = views_by_id.get(p['id'], 0) + sum(1 for v in p['views'] if v >= 0)
subject = max(views_by_id, key=lambda k: (views_by_id[k], -k))

counts = {n: 0 for n in names}
errors, places, inside, boxes = [], [], {'cam03': 0, 'cam04': 0}, {}
for fr in poses['frames']:
    sv = next((p['views'] for p in fr['people'] if p['id'] == subject), [-1] * len(names))
    others = {n: [d for i, d in enumerate(detections(n, fr['frame'])) if i != sv[v]] for v, n in enumerate(names)}
    boxes[fr['frame']] = others
    for n in names:
        counts[n] += len(others[n]) > 0
    if not (others.get('cam01') and others.get('cam02')):
        continue
    a = max(others['cam01'], key=lambda d: d[:, 2].mean())
    b = max(others['cam02'], key=lambda d: d[:, 2].mean())
    X = []
    for j in range(len(a)):
        if a[j, 2] >= 0.3 and b[j, 2] >= 0.3:
            p = triangulate([(cams['cam01'], a[j, :2]), (cams['cam02'], b[j, :2])])
            errors.append(max(np.linalg.norm(project(cams['cam01'], p)[0] - a[j, :2]), np.linalg.norm(project(cams['cam02'], p)[0] - b[j, :2])))
            X.append(p)
    if len(X) < 5:
        continue
    centre = np.median(np.array(X), 0)
    places.append(centre)
    for n in inside:
        uv, depth = project(cams[n], centre)
        w, h = cams[n][4]
        inside[n] += bool(depth > 0 and 0 <= uv[0] < w and 0 <= uv[1] < h)

print(f'subject id {subject}')
print('frames with a 2D person other than the subject, per camera:', counts)
print(f'frames where cam01 and cam02 both have one (>= 5 joints paired): {len(places)}')
if places:
    places = np.array(places)
    print(f'two-view reprojection error per joint: median {np.median(errors):.1f} px, 90th percentile {np.percentile(errors, 90):.1f} px')
    print(f'3D place (mm): median {np.round(np.median(places, 0)).tolist()}, std {np.round(places.std(0)).tolist()}')
    print(f'frames where that place projects into the image, in front: {inside} (of {len(places)})')
for fr in poses['frames']:
    for p in fr['people']:
        if p['id'] != subject:
            X = np.array(p['joints'])[np.array(p['confidence']) > 0]
            print(f"3D person id {p['id']} frame {fr['frame']}: views {[names[v] for v, d in enumerate(p['views']) if d >= 0]}, centre mm {np.round(X.mean(0)).tolist()}")

if '--png' in opt:
    from PIL import Image, ImageDraw
    frame = int(opt['--frame'])
    tiles = []
    for n in names:
        out = subprocess.run(['ffmpeg', '-v', 'error', '-i', os.path.join(opt['--videos'], n + '.mp4'), '-vf', f'select=eq(n\\,{frame})',
                              '-vframes', '1', '-f', 'image2pipe', '-vcodec', 'png', '-'], capture_output=True, check=True).stdout
        import io
        im = Image.open(io.BytesIO(out)).convert('RGB')
        draw = ImageDraw.Draw(im)
        for d in boxes.get(frame, {}).get(n, []):
            k = d[d[:, 2] >= 0.3]
            if len(k):
                draw.rectangle([k[:, 0].min() - 15, k[:, 1].min() - 40, k[:, 0].max() + 15, k[:, 1].max() + 15], outline=(255, 0, 0), width=6)
        tiles.append(im)
    mosaic = Image.new('RGB', (sum(t.width for t in tiles), max(t.height for t in tiles)))
    x = 0
    for t in tiles:
        mosaic.paste(t, (x, 0)); x += t.width
    mosaic.resize((mosaic.width // 4, mosaic.height // 4)).save(opt['--png'])
    print(f'wrote {opt["--png"]}')
