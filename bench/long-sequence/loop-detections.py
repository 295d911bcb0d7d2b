#!/usr/bin/env python3
"""Makes a long OpenPose detections folder for the streaming measurement without writing the data again.

usage: loop-detections.py SCENE_DIR FRAMES OUT_DIR

SCENE_DIR is a `polypose synth` output (calibration.json + detections/<camera>/<camera>_NNNNNN_keypoints.json).
OUT_DIR gets calibration.json (a copy) and detections/<camera>/ with FRAMES symbolic links, frame f pointing at the
scene's frame f mod (its frame count): the scene played over and over (people jump back at every loop).
"""
import os
import shutil
import sys


def main() -> None:
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    scene, frames, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    source = os.path.join(scene, "detections")
    os.makedirs(os.path.join(out, "detections"), exist_ok=True)
    shutil.copyfile(os.path.join(scene, "calibration.json"), os.path.join(out, "calibration.json"))
    for camera in sorted(os.listdir(source)):
        files = sorted(f for f in os.listdir(os.path.join(source, camera)) if f.endswith(".json"))
        target = os.path.join(out, "detections", camera)
        os.makedirs(target, exist_ok=True)
        for f in range(frames):
            link = os.path.join(target, f"{camera}_{f:06d}_keypoints.json")
            if not os.path.lexists(link):
                os.symlink(os.path.abspath(os.path.join(source, camera, files[f % len(files)])), link)


if __name__ == "__main__":
    main()
