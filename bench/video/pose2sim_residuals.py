#!/usr/bin/python3
"""Where the Pose2Sim demo's reprojection error comes from: convention and synchronisation hypotheses, tested offline.

usage: pose2sim_residuals.py CALIB.qca.txt POSES3D.json DETECTIONS_DIR

Independent of Polypose's code (numpy/scipy; the .qca.txt read by the README's facts, as pose2sim_check.py does).
Takes the subject's 2D keypoints per frame and view (the detections the pose file names for the id with the most
(frame, view) observations), re-triangulates every joint itself (undistorted weighted DLT over views with score >= 0.3,
worst view dropped above 25 px; "robust" = then Cauchy IRLS in pixels, scale 7 px) and prints the median reprojection
error over all those views for: the unchanged input; one camera's keypoints shifted in time by -4..+4 frames (linear
interpolation); all keypoints shifted by +-0.5 / +-2.5 px (pixel-centre and half-input-pixel conventions); cam01 and
cam02 (1080 wide, calibration 1088) shifted in x; the distortion coefficients not divided by 64.
"""
import glob, json, os, sys
import xml.etree.ElementTree as ET
import numpy as np

args = sys.argv[1:]
do_ba = '--ba' in args
