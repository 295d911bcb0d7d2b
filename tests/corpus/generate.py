#!/usr/bin/env python3
"""Writes the corrupted-input corpus: degenerate, corrupted and huge inputs for every Polypose reader, option and
output path, and a manifest (cases.json) saying for each case what the real `polypose` process must do.

    python3 tests/corpus/generate.py --polypose "dotnet src/Polypose.Cli/bin/Release/net10.0/polypose.dll" --out DIR

Base inputs come from `polypose synth` (deterministic: fixed seed) plus small files converted here into the other
calibration formats (EasyMocap YAML, VoxelPose JSON, CMU Panoptic JSON, Qualisys .qca.txt); cases that need the
Shelf data (4D Association detections and pose text) are added when ../shared/data/shelf exists. Every mutation is
deterministic (random.Random(seed)), so two runs write the same corpus.

Each case in cases.json: id, family, reader, args (paths relative to the corpus folder), expect (ok | error | either),
mention (texts the one-line error must contain, normally the file's name), out (an output path that must be absent or
unchanged after an error), env (extra environment), owner (hardio | hardcal: who fixes a failure), fast (part of the
CI subset), note. See docs/corpus.md.
"""
import argparse
import copy
import json
import math
import os
import random
import re
import shutil
import stat
import subprocess
import sys

SEED = 20261201


class Corpus:
    def __init__(self, root):
        self.root = root
        self.cases = []
        self.ids = set()

    def path(self, *parts):
        return os.path.join(self.root, *parts)

    def write(self, rel, data):
        full = self.path(rel)
        os.makedirs(os.path.dirname(full), exist_ok=True)
        mode = "wb" if isinstance(data, (bytes, bytearray)) else "w"
        with open(full, mode) as f:
            f.write(data)
        return rel

    def add(self, cid, family, reader, args, expect, mention=(), out=None, env=None, owner="hardio", fast=False, note=""):
        assert cid not in self.ids, cid
        assert expect in ("ok", "error", "either")
        self.ids.add(cid)
        self.cases.append({
            "id": cid, "family": family, "reader": reader, "args": list(args), "expect": expect,
            "mention": list(mention), "out": out, "env": env or {}, "owner": owner, "fast": fast, "note": note,
        })


# ---------------------------------------------------------------- base inputs

def rodrigues(r):
    tr = r[0][0] + r[1][1] + r[2][2]
    c = max(-1.0, min(1.0, (tr - 1) / 2))
    ang = math.acos(c)
    if ang < 1e-9:
        return [0.0, 0.0, 0.0]
    s = 2 * math.sin(ang)
    axis = [(r[2][1] - r[1][2]) / s, (r[0][2] - r[2][0]) / s, (r[1][0] - r[0][1]) / s]
    return [a * ang for a in axis]


def yaml_matrix(name, rows, cols, values):
    data = ", ".join(repr(float(v)) for v in values)
    return f"{name}: !!opencv-matrix\n  rows: {rows}\n  cols: {cols}\n  dt: d\n  data: [{data}]\n"


def convert_calibrations(c, cams):
    """Writes the base calibrations in the formats synth does not write; returns {format: relative path}."""
    names = [x["name"] for x in cams]
    flat = lambda m: [v for row in m for v in row]
    # EasyMocap intri.yml + extri.yml (T in metres, R as Rodrigues and Rot as a matrix).
    intri = "%YAML:1.0\n---\nnames:\n" + "".join(f'  - "{n}"\n' for n in names)
    extri = "%YAML:1.0\n---\nnames:\n" + "".join(f'  - "{n}"\n' for n in names)
    for x in cams:
        intri += yaml_matrix("K_" + x["name"], 3, 3, flat(x["K"]))
        intri += yaml_matrix("dist_" + x["name"], 1, 5, [0, 0, 0, 0, 0])
        intri += f"H_{x['name']}: {x['height']}\nW_{x['name']}: {x['width']}\n"
        extri += yaml_matrix("R_" + x["name"], 3, 1, rodrigues(x["R"]))
        extri += yaml_matrix("Rot_" + x["name"], 3, 3, flat(x["R"]))
        extri += yaml_matrix("T_" + x["name"], 3, 1, [v / 1000.0 for v in x["t"]])
    c.write("base/easymocap/intri.yml", intri)
    c.write("base/easymocap/extri.yml", extri)
    # VoxelPose: T is the camera centre (mm) as a column, R world-to-camera; no image size in the format.
    vox = {}
    for i, x in enumerate(cams):
        r, t = x["R"], x["t"]
        centre = [-(r[0][k] * t[0] + r[1][k] * t[1] + r[2][k] * t[2]) for k in range(3)]
        vox[str(i)] = {"R": r, "T": [[v] for v in centre], "fx": x["K"][0][0], "fy": x["K"][1][1],
                       "cx": x["K"][0][2], "cy": x["K"][1][2], "k": [[0.0], [0.0], [0.0]], "p": [[0.0], [0.0]]}
    c.write("base/voxelpose.json", json.dumps(vox, indent=1))
    # CMU Panoptic: a "cameras" array (t in cm); geometry does not matter for reading, only validity.
    pan = {"calibDataSource": "corpus", "cameras": [
        {"name": x["name"], "type": "hd", "resolution": [x["width"], x["height"]], "panel": 0, "node": i + 1,
         "K": x["K"], "distCoef": [0, 0, 0, 0, 0], "R": x["R"], "t": [[v / 10.0] for v in x["t"]]}
        for i, x in enumerate(cams)]}
    c.write("base/panoptic.json", json.dumps(pan, indent=1))
    # Qualisys QTM .qca.txt (sub-pixel units of 1/64 px; transform rows are the camera axes, position in mm).
    q = ["<?xml version='1.0' encoding='ASCII'?>", '<calibration source="corpus" type="regular">', "  <cameras>"]
    for x in cams:
        r, t = x["R"], x["t"]
        centre = [-(r[0][k] * t[0] + r[1][k] * t[1] + r[2][k] * t[2]) for k in range(3)]
        qr = [r[0], [-v for v in r[1]], [-v for v in r[2]]]
        w, h = x["width"], x["height"]
        attrs = " ".join(f'r{i + 1}{j + 1}="{qr[i][j]!r}"' for i in range(3) for j in range(3))
        q.append(f'    <camera active="1" serial="{x["name"]}">')
        q.append(f'      <fov_video bottom="{h - 1}" left="0" right="{w - 1}" top="0"/>')
        q.append(f'      <transform {attrs} x="{centre[0]!r}" y="{centre[1]!r}" z="{centre[2]!r}"/>')
        q.append(f'      <intrinsic centerPointU="{x["K"][0][2] * 64!r}" centerPointV="{x["K"][1][2] * 64!r}" '
                 f'focalLengthU="{x["K"][0][0] * 64!r}" focalLengthV="{x["K"][1][1] * 64!r}" radialDistortion1="0" '
                 f'radialDistortion2="0" radialDistortion3="0" tangentalDistortion1="0" tangentalDistortion2="0" skew="0"/>')
        q.append("    </camera>")
    q += ["  </cameras>", "</calibration>", ""]
    c.write("base/calib.qca.txt", "\n".join(q))
    return {
        "polypose": "base/scene/calibration.json", "toml": "base/scene/calibration.toml",
        "fourda": "base/scene/calibration_4da.json", "easymocap": "base/easymocap", "voxelpose": "base/voxelpose.json",
        "panoptic": "base/panoptic.json", "qualisys": "base/calib.qca.txt",
    }


# ---------------------------------------------------------------- generic text mutations

def text_mutations(text, rng):
    """(name, bytes, expect) mutations any text reader must survive; expect is for a calibration-like reader."""
    b = text.encode("utf-8")
    n = len(b)
    out = [
        ("empty", b"", "error"),
        ("whitespace", b" \n\t\r\n" * 50, "error"),
        ("bom-only", b"\xef\xbb\xbf", "error"),
        ("nul-bytes", b"\x00" * 4096, "error"),
        ("random-bytes", bytes(rng.randrange(256) for _ in range(4096)), "error"),
        ("truncated-10", b[: n // 10], "error"),
        ("truncated-50", b[: n // 2], "error"),
        ("truncated-95", b[: n * 95 // 100], "either"),  # may cut only an optional tail
        ("invalid-utf8", b[: n // 3] + b"\xff\xfe\xc3\x28" + b[n // 3:], "either"),
        ("nul-inside", b[: n // 2] + b"\x00" + b[n // 2:], "either"),
        ("bom-prefix", b"\xef\xbb\xbf" + b, "ok"),
        ("crlf", b.replace(b"\n", b"\r\n"), "ok"),
        ("trailing-garbage", b + b"\n}}}]]] garbage %%%\n", "either"),
        ("toml-table-lines-2mb", b"[a]\n" * 500_000, "error"),
        ("open-brackets-1mb", b"[" * 1_000_000, "error"),
        ("open-braces-1mb", b"{" * 1_000_000, "error"),
        ("nested-arrays-deep", b"{\"a\": " + b"[" * 100_000 + b"]" * 100_000 + b"}", "error"),
        ("one-long-line-4mb", b"x" * 4_000_000, "error"),
        ("long-number", b"{\"a\": 1" + b"0" * 1_000_000 + b"}", "error"),
    ]
    return out


# ---------------------------------------------------------------- JSON leaf mutations

def leaves(obj, path=()):
    if isinstance(obj, dict):
        for k, v in obj.items():
            yield from leaves(v, path + (k,))
    elif isinstance(obj, list):
        for i, v in enumerate(obj):
            yield from leaves(v, path + (i,))
    else:
        yield path, obj


def set_at(obj, path, value):
    o = copy.deepcopy(obj)
    cur = o
    for p in path[:-1]:
        cur = cur[p]
    cur[path[-1]] = value
    return o


def delete_at(obj, path):
    o = copy.deepcopy(obj)
    cur = o
    for p in path[:-1]:
        cur = cur[p]
    del cur[path[-1]]
    return o


def dotted(path):
    return ".".join(str(p) for p in path) or "root"


# ---------------------------------------------------------------- families

def calibration_cases(c, calibs, dets, rng):
    def check(cid, rel, expect, mention=None, owner="hardio", fast=False, note="", env=None):
        c.add(cid, "calibration", cid.split("/")[1], ["check-calib", "--calib", rel], expect,
              mention=[os.path.basename(rel.rstrip("/"))] if mention is None else mention, owner=owner, fast=fast, note=note, env=env)

    for fmt, rel in calibs.items():
        expect = "either" if fmt == "voxelpose" else "ok"
        note = "VoxelPose stores no image size (issue 12 item 3, hardcal)" if fmt == "voxelpose" else ""
        check(f"calib/{fmt}/base", rel, expect, fast=fmt in ("polypose", "toml"), note=note)
        c.add(f"calib/{fmt}/base-reconstruct", "calibration", fmt,
              ["reconstruct", "--calib", rel, "--detections", dets["openpose"], "--out", f"out/calib-{fmt}.json"], expect,
              mention=[], note=note or "base calibration through reconstruct")
        if fmt == "easymocap":
            src_text = open(c.path(rel, "intri.yml")).read()
        else:
            src_text = open(c.path(rel)).read()
        for name, data, exp in text_mutations(src_text, rng):
            if fmt == "easymocap":
                folder = f"calib/easymocap/{name}"
                c.write(f"{folder}/intri.yml", data)
                shutil.copy(c.path(rel, "extri.yml"), c.path(folder, "extri.yml"))
                target, mention = folder, ["intri.yml"]
            else:
                ext = os.path.splitext(rel)[1] or ".txt"
                target = c.write(f"calib/{fmt}/{name}{ext}", data)
                mention = None
            if fmt == "voxelpose" and exp == "ok":
                exp = "either"
            check(f"calib/{fmt}/{name}", target, exp, mention=mention if exp != "ok" else [],
                  fast=(fmt == "polypose" and name in ("empty", "truncated-50", "toml-table-lines-2mb", "open-brackets-1mb"))
                  or (fmt == "toml" and name in ("random-bytes", "toml-table-lines-2mb")))

    # JSON leaf mutations of every JSON calibration format.
    for fmt in ("polypose", "fourda", "voxelpose", "panoptic"):
        doc = json.load(open(c.path(calibs[fmt])))
        all_leaves = [p for p, v in leaves(doc) if isinstance(v, (int, float)) and not isinstance(v, bool)]
        picks = sorted(set(rng.sample(range(len(all_leaves)), min(10, len(all_leaves)))))
        for i in picks:
            p = all_leaves[i]
            key = dotted(p)
            for label, value, exp, owner in (
                ("1e308", 1e308, "error", "hardcal"),
                ("string", "abc", "error", "hardio"),
                ("null", None, "error", "hardio"),
                ("object", {}, "error", "hardio"),
            ):
                rel = c.write(f"calib/{fmt}/leaf-{label}-{key}.json", json.dumps(set_at(doc, p, value)))
                check(f"calib/{fmt}/leaf-{label}-{key}", rel, exp, owner=owner,
                      note="plausible ranges are issue 12 item 5 (hardcal)" if owner == "hardcal" else "")
        # Remove keys of the first camera.
        cam_paths = {"polypose": ("cameras", 0), "fourda": (next(iter(doc)),), "voxelpose": ("0",), "panoptic": ("cameras", 0)}[fmt]
        cam = doc
        for p in cam_paths:
            cam = cam[p]
        for k in list(cam.keys()):
            optional = k in ("dist", "distCoef", "distCoeff", "k", "p", "name", "type", "panel", "node", "resolution", "imgSize", "width", "height")
            rel = c.write(f"calib/{fmt}/missing-{k}.json", json.dumps(delete_at(doc, cam_paths + (k,))))
            check(f"calib/{fmt}/missing-{k}", rel, "either" if optional else "error")
        rel = c.write(f"calib/{fmt}/wrapped-in-array.json", json.dumps([doc]))
        check(f"calib/{fmt}/wrapped-in-array", rel, "error")
        rel = c.write(f"calib/{fmt}/comments.json", "// a comment\n" + json.dumps(doc, indent=1))
        check(f"calib/{fmt}/comments", rel, "either", note="JSON with comments: decided by issue 12 item 5 (hardcal)")
        rel = c.write(f"calib/{fmt}/nan-literal.json", re.sub(r"(?<=[\[,:] )-?\d+(\.\d+)?([eE][-+]?\d+)?", "NaN", json.dumps(doc), count=1))
        check(f"calib/{fmt}/nan-literal", rel, "error")

    # EasyMocap structural cases.
    intri = open(c.path(calibs["easymocap"], "intri.yml")).read()
    extri = open(c.path(calibs["easymocap"], "extri.yml")).read()
    for name, i_text, e_text, exp, owner in (
        ("unclosed-bracket", intri.replace("data: [", "data: [[", 1), extri, "error", "hardcal"),
        ("no-names", "%YAML:1.0\n---\n", extri, "error", "hardio"),
        ("no-size", "\n".join(l for l in intri.split("\n") if not l.startswith(("H_", "W_"))), extri, "either", "hardcal"),
        ("k-2x2", intri.replace("rows: 3\n  cols: 3", "rows: 2\n  cols: 2", 1), extri, "error", "hardio"),
        ("rows-huge", intri.replace("rows: 3", "rows: 2147483647", 1), extri, "error", "hardio"),
        ("extri-missing", intri, None, "error", "hardio"),
        ("tab-indent", intri.replace("  rows", "\trows"), extri, "either", "hardio"),
    ):
        folder = f"calib/easymocap/struct-{name}"
        c.write(f"{folder}/intri.yml", i_text)
        if e_text is not None:
            c.write(f"{folder}/extri.yml", e_text)
        check(f"calib/easymocap/struct-{name}", folder, exp, mention=[] if exp != "error" else ["yml" if e_text is not None else "struct-" + name], owner=owner)

    # Qualisys structural cases.
    qca = open(c.path(calibs["qualisys"])).read()
    for name, text, exp, owner in (
        ("no-cameras", qca.replace("<cameras>", "<cams>").replace("</cameras>", "</cams>"), "error", "hardio"),
        ("all-inactive", qca.replace('active="1"', 'active="0"'), "error", "hardio"),
        ("focal-text", qca.replace('focalLengthU="', 'focalLengthU="x', 1), "error", "hardio"),
        ("focal-huge", qca.replace('focalLengthU="', 'focalLengthU="1e308', 1), "error", "hardcal"),
        ("unclosed-tag", qca.replace("</calibration>", ""), "error", "hardio"),
        ("entity-bomb", '<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;"><!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;"><!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;"><!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;"><!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;"><!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;"><!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">]>\n<calibration><cameras><camera serial="&lol9;"/></cameras></calibration>\n', "error", "hardio"),
        ("duplicate-serial", qca.replace('serial="cam02"', 'serial="cam01"'), "error", "hardio"),
    ):
        rel = c.write(f"calib/qualisys/struct-{name}.qca.txt", text)
        check(f"calib/qualisys/struct-{name}", rel, exp, owner=owner)

    # TOML structural cases.
    toml = open(c.path(calibs["toml"])).read()
    for name, text, exp, owner in (
        ("matrix-2x2", toml.replace("matrix = [ [", "matrix = [ [ 1.0, 0.0], [0.0, 1.0]] #", 1), "error", "hardio"),
        ("unclosed-string", toml.replace('name = "cam01"', 'name = "cam01'), "error", "hardio"),
        ("duplicate-table", toml + "\n" + toml.split("\n\n")[0] + "\n", "error", "hardio"),
        ("size-negative", toml.replace("size = [ 1032.0", "size = [ -1032.0", 1), "error", "hardio"),
        ("rotation-huge", toml.replace("rotation = [ ", "rotation = [ 1e308, ", 1).replace("1e308, 1.7", "1e308, ", 1), "error", "hardio"),
        ("translation-1e300", toml.replace("translation = [ ", "translation = [ 1e300, ", 1), "error", "hardio"),
        ("inline-table-deep", "[cam01]\nx = " + "{a=" * 50_000 + "1" + "}" * 50_000 + "\n", "error", "hardio"),
    ):
        rel = c.write(f"calib/toml/struct-{name}.toml", text)
        check(f"calib/toml/struct-{name}", rel, exp, owner=owner)

    # Size caps and special files.
    check("calib/special/dev-zero", "/dev/zero", "error", mention=["/dev/zero"], fast=True)
    check("calib/special/dev-null", "/dev/null", "error", mention=["/dev/null"])
    os.mkfifo(c.path("calib/special-fifo.json"))
    check("calib/special/fifo", "calib/special-fifo.json", "error", fast=True)
    os.makedirs(c.path("calib/special-empty-folder"), exist_ok=True)
    check("calib/special/empty-folder", "calib/special-empty-folder", "error")
    os.symlink(os.path.abspath(c.path(calibs["polypose"])), c.path("calib/special-link.json"))
    check("calib/special/symlink-to-valid", "calib/special-link.json", "ok", mention=[])
    os.symlink("/nonexistent/calibration.json", c.path("calib/special-dangling.json"))
    check("calib/special/dangling-symlink", "calib/special-dangling.json", "error")
    check("calib/special/over-cap-env", calibs["polypose"], "error", mention=["calibration.json", "POLYPOSE_MAX_CALIBRATION_BYTES"],
          env={"POLYPOSE_MAX_CALIBRATION_BYTES": "1K"}, fast=True)
    check("calib/special/bad-cap-env", calibs["polypose"], "error", mention=["POLYPOSE_MAX_CALIBRATION_BYTES"],
          env={"POLYPOSE_MAX_CALIBRATION_BYTES": "lots"})
    big = c.write("calib/special-70mb.json", b"")
    os.truncate(c.path(big), 70 << 20)  # sparse: 70 MiB of NUL bytes without using the disk
    check("calib/special/over-default-cap-70mb", big, "error", fast=False)
    two = "calib/special-two-files"
    os.makedirs(c.path(two), exist_ok=True)
    shutil.copy(c.path(calibs["polypose"]), c.path(two, "a.json"))
    shutil.copy(c.path(calibs["fourda"]), c.path(two, "b.json"))
    check("calib/special/folder-two-calibrations", two, "error", mention=["a.json", "b.json"])


def detection_cases(c, calibs, dets, rng):
    calib = calibs["polypose"]

    def recon(cid, det_rel, expect, mention, owner="hardio", fast=False, note="", extra=()):
        out = f"out/{cid.replace('/', '_')}.json"
        c.add(cid, "detections", cid.split("/")[1], ["reconstruct", "--calib", calib, "--detections", det_rel, "--out", out, *extra],
              expect, mention=mention, out=out, owner=owner, fast=fast, note=note)

    recon("det/openpose/base", dets["openpose"], "ok", [], fast=True)
    recon("det/coco/base", dets["coco"], "ok", [], fast=True)
    src = c.path(dets["openpose"])
    cams = sorted(os.listdir(src))
    first = sorted(os.listdir(os.path.join(src, cams[0])))[0]
    text = open(os.path.join(src, cams[0], first)).read()
    doc = json.loads(text)

    def openpose_variant(name, data):
        folder = f"det/openpose-{name}"
        shutil.copytree(src, c.path(folder))
        target = c.path(folder, cams[0], first)
        with open(target, "wb" if isinstance(data, bytes) else "w") as f:
            f.write(data)
        return folder

    for name, data, exp in text_mutations(text, rng):
        if name in ("bom-prefix", "crlf"):
            exp = "ok"
        folder = openpose_variant(name, data)
        recon(f"det/openpose/{name}", folder, exp if exp != "ok" else "ok", [first] if exp == "error" else [],
              fast=name in ("truncated-50", "toml-table-lines-2mb", "random-bytes"))
    # OpenPose field mutations.
    kp = ["people", 0, "pose_keypoints_2d"]
    for name, mutated, exp, owner in (
        ("keypoints-short", set_at(doc, tuple(kp), doc["people"][0]["pose_keypoints_2d"][:-3]), "error", "hardio"),
        ("keypoints-string", set_at(doc, tuple(kp + [3]), "x"), "error", "hardio"),
        ("keypoints-1e308", set_at(doc, tuple(kp + [3]), 1e308), "error", "hardcal"),
        ("confidence-negative", set_at(doc, tuple(kp + [5]), -0.5), "error", "hardcal"),
        ("confidence-huge", set_at(doc, tuple(kp + [5]), 1e6), "error", "hardcal"),
        ("people-object", set_at(doc, ("people",), {}), "error", "hardio"),
        ("people-missing", delete_at(doc, ("people",)), "error", "hardio"),
        ("people-empty", set_at(doc, ("people",), []), "ok", "hardio"),
        ("keypoints-null", set_at(doc, tuple(kp), None), "error", "hardio"),
        ("root-array", [doc], "error", "hardio"),
        ("people-10000", set_at(doc, ("people",), doc["people"][:1] * 10000), "either", "hardio"),
        ("halpe26", set_at(doc, tuple(kp), [100.0, 100.0, 0.9] * 26), "either", "hardio"),
        ("wholebody133", set_at(doc, tuple(kp), [100.0, 100.0, 0.9] * 133), "either", "hardio"),
        ("joints-7", set_at(doc, tuple(kp), [100.0, 100.0, 0.9] * 7), "error", "hardio"),
        ("face-garbage", set_at(doc, ("people", 0, "face_keypoints_2d"), "garbage"), "either", "hardio"),
    ):
        folder = openpose_variant("field-" + name, json.dumps(mutated))
        recon(f"det/openpose/field-{name}", folder, exp, [first] if exp == "error" else [], owner=owner,
              fast=name in ("keypoints-short", "people-empty"))
    # Folder layout cases.
    for name, setup, exp, mention in (
        ("frame-name-no-number", lambda f: os.rename(c.path(f, cams[0], first), c.path(f, cams[0], "nonumber_keypoints.json")), "either", []),
        ("frame-number-huge", lambda f: os.rename(c.path(f, cams[0], first), c.path(f, cams[0], f"{cams[0]}_99999999999999_keypoints.json")), "either", []),
        # issue 12 item 3(b): calibration cameras without detections are left out and named (exit 0; the CLI test Reconstruct_CalibrationCameraWithoutDetections_IsLeftOutAndNamed checks the line).
        ("camera-missing", lambda f: shutil.rmtree(c.path(f, cams[0])), "ok", []),
        ("camera-extra", lambda f: shutil.copytree(c.path(f, cams[0]), c.path(f, "cam99")), "either", []),
        # An empty camera folder is a camera without detections: left out and named, as camera-missing.
        ("camera-folder-empty", lambda f: [os.remove(c.path(f, cams[0], x)) for x in os.listdir(c.path(f, cams[0]))], "ok", []),
        ("json-is-folder", lambda f: os.makedirs(c.path(f, cams[0], "x_000009_keypoints.json")), "either", []),
        ("json-is-fifo", lambda f: os.mkfifo(c.path(f, cams[0], f"{cams[0]}_000009_keypoints.json")), "error", ["000009"]),
        ("json-is-dangling-link", lambda f: os.symlink("/nonexistent.json", c.path(f, cams[0], f"{cams[0]}_000009_keypoints.json")), "error", ["000009"]),
    ):
        folder = f"det/openpose-layout-{name}"
        shutil.copytree(src, c.path(folder))
        setup(folder)
        recon(f"det/openpose/layout-{name}", folder, exp, mention, fast=name in ("camera-missing", "json-is-fifo"))
    recon("det/special/dev-zero-folder", "/dev/zero", "error", ["/dev/zero"])
    recon("det/special/missing-folder", "det/nope", "error", ["det/nope"])

    # COCO result file mutations.
    csrc = c.path(dets["coco"])
    ccams = sorted(os.listdir(csrc))
    ctext = open(os.path.join(csrc, ccams[0])).read()
    cdoc = json.loads(ctext)

    def coco_variant(name, data):
        folder = f"det/coco-{name}"
        shutil.copytree(csrc, c.path(folder))
        with open(c.path(folder, ccams[0]), "wb" if isinstance(data, bytes) else "w") as f:
            f.write(data)
        return folder

    for name, data, exp in text_mutations(ctext, rng):
        folder = coco_variant(name, data)
        # A broken COCO file may stop being recognised as one; then the camera is missing: an error naming either.
        recon(f"det/coco/{name}", folder, exp, [] if exp != "error" else [], fast=name == "truncated-50")
    for name, mutated, exp, owner in (
        ("image-id-string", set_at(cdoc, (0, "image_id"), "0"), "either", "hardcal"),
        ("image-id-negative", set_at(cdoc, (0, "image_id"), -5), "either", "hardio"),
        ("image-id-huge", set_at(cdoc, (0, "image_id"), 2 ** 40), "error", "hardio"),
        ("keypoints-short", set_at(cdoc, (0, "keypoints"), cdoc[0]["keypoints"][:-3]), "error", "hardio"),
        ("keypoints-1e308", set_at(cdoc, (0, "keypoints", 12), 1e308), "error", "hardcal"),
        ("score-nan-string", set_at(cdoc, (0, "score"), "NaN"), "either", "hardio"),
        ("entries-not-objects", [1, 2, 3], "error", "hardio"),
        ("empty-array", [], "either", "hardio"),
    ):
        folder = coco_variant("field-" + name, json.dumps(mutated))
        recon(f"det/coco/field-{name}", folder, exp, [ccams[0]] if exp == "error" else [], owner=owner)

    # 4D Association detections (Shelf), when the shared data is there.
    shelf = shared_shelf()
    if shelf:
        s_calib = os.path.join(shelf, "calibration.json")
        raw = open(os.path.join(shelf, "detection", "0.txt")).read()
        tokens = raw.split()

        def fourda(cid, name, data, exp, mention, owner="hardio"):
            folder = f"det/fourda-{name}"
            os.makedirs(c.path(folder), exist_ok=True)
            for i in range(5):
                src_file = os.path.join(shelf, "detection", f"{i}.txt")
                if i == 0:
                    with open(c.path(folder, "0.txt"), "wb" if isinstance(data, bytes) else "w") as f:
                        f.write(data)
                else:
                    os.symlink(src_file, c.path(folder, f"{i}.txt"))
            out = f"out/{cid.replace('/', '_')}.json"
            c.add(cid, "detections", "fourda", ["reconstruct", "--calib", s_calib, "--detections", folder, "--out", out, "--first-frame", "300"],
                  exp, mention=mention, out=out, owner=owner)

        header = tokens[:2]
        for name, data, exp in text_mutations(raw, rng):
            if name in ("bom-prefix", "crlf", "trailing-garbage"):
                continue
            fourda(f"det/fourda/{name}", name, data, exp, ["0.txt"] if exp == "error" else [])
        body = raw[len(header[0]) + 1 + len(header[1]):]
        for name, head, exp in (
            ("type-99", f"99\t{header[1]}", "error"),
            ("frames-negative", f"{header[0]}\t-1", "error"),
            ("frames-intmax", f"{header[0]}\t2147483647", "error"),
            ("frames-more-than-data", f"{header[0]}\t{int(header[1]) + 5}", "error"),
            ("frames-zero", f"{header[0]}\t0", "either"),
        ):
            fourda(f"det/fourda/header-{name}", "header-" + name, head + body, exp, ["0.txt"] if exp == "error" else [])
        for name, token, exp, owner in (
            ("value-1e308", "1e308", "error", "hardcal"),
            ("value-nan", "nan", "error", "hardio"),
            ("value-word", "abc", "error", "hardio"),
            ("count-huge", "999999999", "error", "hardio"),
        ):
            t = list(tokens)
            t[3 if name.startswith("value") else 2] = token
            fourda(f"det/fourda/token-{name}", "token-" + name, "\t".join(t[:2]) + "\n" + " ".join(t[2:]) + "\n", exp, ["0.txt"], owner=owner)


def poses_cases(c, calibs, scene, rng):
    gt = f"{scene}/gt.json"
    doc = json.load(open(c.path(gt)))
    text = open(c.path(gt)).read()

    def variants(name, data):
        return c.write(f"poses/{name}.json", data if isinstance(data, (bytes, str)) else json.dumps(data))

    def all_verbs(cid, rel, exp, mention, owner="hardio", fast=False, note=""):
        outs = {
            "eval": ["eval", "--pred", rel, "--gt", gt],
            "eval-gt": ["eval", "--pred", gt, "--gt", rel],
            "track": ["track", "--poses", rel, "--out", f"out/{cid.replace('/', '_')}-track.json"],
            "filter": ["filter", "--poses", rel, "--out", f"out/{cid.replace('/', '_')}-filter.json", "--fps", "30", "--filter", "fill"],
            "export": ["export", "--poses", rel, "--format", "csv", "--out", f"out/{cid.replace('/', '_')}.csv", "--fps", "30"],
            "view": ["view", "--calib", calibs["polypose"], "--poses", rel, "--out", f"out/{cid.replace('/', '_')}.svg"],
        }
        for verb, args in outs.items():
            out = args[args.index("--out") + 1] if "--out" in args else None
            verb_exp = exp[verb] if isinstance(exp, dict) else exp
            c.add(f"{cid}/{verb}", "poses3d", verb, args, verb_exp, mention=mention if verb_exp == "error" else [], out=out, owner=owner,
                  fast=fast and verb in ("eval", "track"), note=note)

    all_verbs("poses/base", gt, "ok", [], fast=True)
    for name, data, exp in text_mutations(text, rng):
        rel = variants(name, data)
        all_verbs(f"poses/{name}", rel, exp, [os.path.basename(rel)] if exp == "error" else [], fast=name == "truncated-50")
    frames = doc["frames"]
    person = frames[0]["people"][0]
    for name, mutated, exp, owner in (
        ("duplicate-frame", dict(doc, frames=[frames[0], frames[0]] + frames[1:]), "error", "hardio"),
        ("coordinate-1e308", set_at(doc, ("frames", 0, "people", 0, "joints", 1, 0), 1e308), "error", "hardio"),
        ("coordinate-string", set_at(doc, ("frames", 0, "people", 0, "joints", 1, 0), "x"), "error", "hardio"),
        ("confidence-negative", set_at(doc, ("frames", 0, "people", 0, "confidence", 1), -1), "error", "hardio"),
        ("joints-short", set_at(doc, ("frames", 0, "people", 0, "joints"), person["joints"][:-1]), "error", "hardio"),
        ("version-2", set_at(doc, ("version",), 2), "error", "hardio"),
        ("unit-m", set_at(doc, ("unit",), "m"), "error", "hardio"),
        ("frame-intmax", set_at(doc, ("frames", 0, "frame"), 2 ** 31), "error", "hardio"),
        ("frame-negative", set_at(doc, ("frames", 0, "frame"), -1), "either", "hardio"),
        ("frames-empty", set_at(doc, ("frames",), []), {"eval": "error", "eval-gt": "error", "track": "either", "filter": "either", "export": "either", "view": "error"}, "hardio"),
        ("views-short", set_at(doc, ("frames", 0, "people", 0, "views"), []), "error", "hardio"),
        ("id-float", set_at(doc, ("frames", 0, "people", 0, "id"), 1.5), "error", "hardio"),
        ("fps-zero", set_at(doc, ("fps",), 0), "error", "hardio"),
        ("parents-cyclic", dict(doc, skeleton="custom", parents=[1, 0] + [0] * (len(doc["joints"]) - 2)), "error", "hardio"),
        ("parents-out-of-range", dict(doc, skeleton="custom", parents=[-1] + [999] * (len(doc["joints"]) - 1)), "error", "hardio"),
        ("parents-self", dict(doc, skeleton="custom", parents=[0] * len(doc["joints"])), "error", "hardio"),
        ("parents-short", dict(doc, skeleton="custom", parents=[-1]), "error", "hardio"),
        ("skeleton-unknown-with-parents", dict(doc, skeleton="custom"), "ok", "hardio"),
        ("skeleton-unknown-no-parents", {k: v for k, v in dict(doc, skeleton="custom").items() if k != "parents"}, "error", "hardio"),
    ):
        rel = variants("field-" + name, mutated)
        all_verbs(f"poses/field-{name}", rel, exp, [os.path.basename(rel)], owner=owner,
                  fast=name in ("duplicate-frame", "coordinate-1e308", "parents-cyclic"))

    # eval-specific cases.
    def ev(cid, args, exp, mention, fast=False, note=""):
        c.add(cid, "eval", "eval", ["eval", *args], exp, mention=mention, fast=fast, note=note)

    os.makedirs(c.path("poses/not-a-prediction-folder"), exist_ok=True)
    c.write("poses/not-a-prediction-folder/readme.txt", "hello\n")
    ev("eval/pred-folder-without-json", ["--pred", "poses/not-a-prediction-folder", "--gt", gt], "error", ["not-a-prediction-folder"], fast=True)
    os.makedirs(c.path("poses/json-folder"), exist_ok=True)
    c.write("poses/json-folder/a.json", "{}")
    ev("eval/pred-folder-of-other-json", ["--pred", "poses/json-folder", "--gt", gt], "error", ["a.json"])
    shifted = dict(doc, frames=[dict(f, frame=f["frame"] + 100000) for f in frames])
    rel = variants("eval-no-overlap", shifted)
    ev("eval/no-frame-overlap", ["--pred", rel, "--gt", gt], "error", [os.path.basename(rel)], fast=True)
    half = dict(doc, frames=frames[:1])
    rel = variants("eval-partial-overlap", half)
    ev("eval/partial-overlap", ["--pred", rel, "--gt", gt], "ok", [], note="scores with a warning naming the matched count")
    ev("eval/gt-missing", ["--pred", gt, "--gt", "poses/none.json"], "error", ["poses/none.json"])
    ev("eval/pred-dev-zero", ["--pred", "/dev/zero", "--gt", gt], "error", ["/dev/zero"], fast=True)
    pan = "poses/panoptic-dup"
    os.makedirs(c.path(pan), exist_ok=True)
    body = {"version": 0.7, "univTime": 0, "fpsType": "hd_29_97", "bodies": [{"id": 0, "joints19": [1.0, -100.0, 2.0, 0.9] * 19}]}
    c.write(f"{pan}/body3DScene_00000001.json", json.dumps(body))
    c.write(f"{pan}/body3DScene_1.json", json.dumps(body))
    ev("eval/panoptic-duplicate-frame-numbers", ["--pred", gt, "--gt", pan], "error", ["body3DScene_"])
    pan2 = "poses/panoptic-huge"
    os.makedirs(c.path(pan2), exist_ok=True)
    c.write(f"{pan2}/body3DScene_00000001.json", json.dumps(dict(body, bodies=[{"id": 0, "joints19": [1e308, -100.0, 2.0, 0.9] * 19}])))
    ev("eval/panoptic-coordinate-1e308", ["--pred", gt, "--gt", pan2], "error", ["body3DScene_00000001.json"])
    shelf = shared_shelf()
    if shelf:
        gt_txt = open(os.path.join(shelf, "gt.txt")).read()
        tok = gt_txt.split()
        for name, data, exp in (
            ("truncated", gt_txt[: len(gt_txt) // 2], "error"),
            ("joint-count-0", "0 " + " ".join(tok[1:]), "error"),
            ("value-1e308", " ".join(tok[:5] + ["1e308"] + tok[6:]), "error"),
            ("frames-intmax", " ".join(tok[:1] + ["2147483647"] + tok[2:]), "error"),
        ):
            rel = c.write(f"poses/shelf-gt-{name}.txt", data)
            ev(f"eval/shelf-gt-{name}", ["--pred", gt, "--gt", rel, "--first-frame", "300"], exp, [os.path.basename(rel)])


def option_cases(c, calibs, dets, scene):
    calib, op = calibs["polypose"], dets["openpose"]
    gt = f"{scene}/gt.json"
    base = {
        "reconstruct": ["reconstruct", "--calib", calib, "--detections", op, "--out", "out/opt-recon.json"],
        "check-calib": ["check-calib", "--calib", calib, "--detections", op],
        "track": ["track", "--poses", gt, "--out", "out/opt-track.json"],
        "filter": ["filter", "--poses", gt, "--out", "out/opt-filter.json", "--filter", "fill"],
        "export": ["export", "--poses", gt, "--format", "trc", "--out", "out/opt-export.trc"],
        "view": ["view", "--calib", calib, "--poses", gt, "--out", "out/opt-view.svg"],
        "eval": ["eval", "--pred", gt, "--gt", gt],
        "synth": ["synth", "--out", "out/opt-synth"],
        "demo": ["demo"],
        "serve": ["serve", "--poses", gt],
        "detect": ["detect", "--images", "nope-images", "--out", "out/opt-detect"],
    }
    bad = [
        ("first-frame-intmax", ["reconstruct", "check-calib", "eval", "view"], ["--first-frame", "2147483647"]),
        ("first-frame-negative", ["reconstruct", "check-calib", "eval", "view"], ["--first-frame", "-1"]),
        ("first-frame-text", ["reconstruct"], ["--first-frame", "ten"]),
        ("first-frame-overflow", ["reconstruct"], ["--first-frame", "99999999999999999999"]),
        ("threads-zero", ["reconstruct", "check-calib"], ["--threads", "0"]),
        ("threads-negative", ["reconstruct"], ["--threads", "-3"]),
        ("threads-huge", ["reconstruct"], ["--threads", "1000000"]),
        ("fps-zero", ["reconstruct", "track", "filter", "export", "serve"], ["--fps", "0"]),
        ("fps-negative", ["reconstruct", "track", "filter", "export"], ["--fps", "-30"]),
        ("fps-nan", ["reconstruct", "track", "filter", "export", "serve"], ["--fps", "NaN"]),
        ("fps-infinity", ["track", "export"], ["--fps", "Infinity"]),
        ("fps-1e308", ["track", "export", "serve"], ["--fps", "1e308"]),
        ("max-lost-negative", ["reconstruct", "track"], ["--max-lost", "-1"]),
        ("max-lost-nan", ["track"], ["--max-lost", "NaN"]),
        ("filter-unknown", ["reconstruct", "track", "filter"], ["--filter", "wobble"]),
        ("filter-bad-param", ["filter"], ["--filter", "hampel:halfwidth=-3"]),
        ("filter-huge-param", ["filter"], ["--filter", "fill:maxgap=99999999999"]),
        ("min-score-2", ["check-calib"], ["--min-score", "2"]),
        ("min-score-nan", ["check-calib"], ["--min-score", "NaN"]),
        ("people-zero", ["synth", "demo"], ["--people", "0"]),
        ("people-negative", ["synth"], ["--people", "-4"]),
        ("people-huge", ["synth", "demo"], ["--people", "2000000000"]),
        ("frames-zero", ["synth", "demo"], ["--frames", "0"]),
        ("frames-huge", ["synth"], ["--frames", "2147483647"]),
        ("rig-zero", ["synth", "demo"], ["--rig", "ring:0"]),
        ("rig-huge", ["synth"], ["--rig", "ring:2147483647"]),
        ("rig-garbage", ["synth"], ["--rig", "::::"]),
        ("port-negative", ["serve"], ["--port", "-1"]),
        ("port-huge", ["serve"], ["--port", "70000"]),
        ("frame-intmax", ["view"], ["--frame", "2147483647"]),
        ("unit-bad", ["export"], ["--unit", "furlong"]),
        ("format-bad", ["export"], ["--format", "docx"]),
        ("long-side-zero", ["detect"], ["--long-side", "0"]),
        ("long-side-huge", ["detect"], ["--long-side", "2147483647"]),
        ("unknown-option", ["reconstruct", "eval"], ["--frobnicate", "1"]),
    ]
    for name, verbs, extra in bad:
        for verb in verbs:
            args = list(base[verb])
            if "--fps" not in extra and verb == "export":
                args += ["--fps", "30"]
            if extra[0] in args:  # replace the base value rather than giving the option twice
                i = args.index(extra[0])
                args = args[:i] + args[i + 2:]
            out = args[args.index("--out") + 1] if "--out" in args else None
            # The message names the option or echoes the value (1e308 prints as 1E+308): either counts.
            mention = [extra[0]] if "1e308" in extra[1] or extra[1] in ("NaN", "Infinity") else [extra[1]]
            c.add(f"options/{verb}/{name}", "options", verb, args + extra, "error", mention=mention,
                  out=out, fast=name in ("first-frame-intmax", "threads-zero", "fps-nan", "people-huge"))
    # Legal extremes.
    c.add("options/reconstruct/first-frame-max", "options", "reconstruct", base["reconstruct"] + ["--first-frame", "2047483647"], "either", mention=[])
    c.add("options/synth/seed-negative", "options", "synth", ["synth", "--out", "out/opt-seed", "--seed", "-1", "-n", "1", "-f", "2", "--rig", "ring:2"], "ok", mention=[])


def filesystem_cases(c, calibs, dets, scene):
    calib, op = calibs["polypose"], dets["openpose"]
    gt = f"{scene}/gt.json"
    fs = "fs"
    os.makedirs(c.path(fs), exist_ok=True)
    os.makedirs(c.path(fs, "a-folder"), exist_ok=True)
    os.mkfifo(c.path(fs, "fifo.json"))
    c.write(f"{fs}/regular.json", "previous content\n")
    c.write(f"{fs}/target.json", "link target content\n")
    os.symlink(os.path.abspath(c.path(fs, "target.json")), c.path(fs, "link.json"))
    os.symlink("/nonexistent/dir/x.json", c.path(fs, "dangling.json"))
    c.write(f"{fs}/a-file", "i am a file\n")
    os.symlink(os.path.abspath(c.path(calib)), c.path(fs, "calib-link.json"))
    shutil.copy(c.path(calib), c.path(fs, "calib-copy.json"))
    os.link(c.path(fs, "calib-copy.json"), c.path(fs, "calib-hardlink.json"))
    # Output cases never name the machine's real devices: a binary that clobbers devices (the bug these cases catch)
    # would replace /dev/null for everyone. A private node with /dev/null's numbers (needs root) stands in for them.
    try:
        os.mknod(c.path(fs, "null-device"), 0o666 | stat.S_IFCHR, os.makedev(1, 3))
        device = f"{fs}/null-device"
    except (PermissionError, OSError):
        device = None
    writers = {
        "reconstruct": lambda o, cal=None: ["reconstruct", "--calib", cal or calib, "--detections", op, "--out", o],
        "track": lambda o, cal=None: ["track", "--poses", gt, "--out", o],
        "filter": lambda o, cal=None: ["filter", "--poses", gt, "--out", o, "--fps", "30", "--filter", "fill"],
        "view": lambda o, cal=None: ["view", "--calib", cal or calib, "--poses", gt, "--out", o],
        "export": lambda o, cal=None: ["export", "--poses", gt, "--format", "csv", "--fps", "30", "--out", o],
        "eval-shelf": None,
    }
    targets = [
        ("is-folder", f"{fs}/a-folder", "error", ["a-folder"]),
        ("device-node", device, "error", ["null-device"]),
        ("fifo", f"{fs}/fifo.json", "error", ["fifo.json"]),
        ("symlink", f"{fs}/link.json", "error", ["link.json"]),
        ("dangling-symlink", f"{fs}/dangling.json", "error", ["dangling.json"]),
        ("parent-missing", f"{fs}/no/such/dir/x.json", "error", ["no/such/dir/x.json"]),
        ("parent-is-file", f"{fs}/a-file/x.json", "error", ["a-file/x.json"]),
        ("empty-path", "", "error", ["empty"]),
        ("trailing-slash", f"{fs}/new-output/", "error", ["new-output/"]),
        ("proc", "/proc/polypose-corpus.json", "error", ["/proc/polypose-corpus.json"]),
        ("existing-regular", f"{fs}/regular.json", "ok", []),
    ]
    for verb, make in writers.items():
        if make is None:
            continue
        for name, target, exp, mention in targets:
            if target is None:
                continue  # no private device node (not root)
            if name == "existing-regular":
                target = f"{fs}/regular-{verb}.json"
                c.write(target, "old\n")
            if verb == "export" and name == "parent-missing":
                # export creates missing parent folders (docs/output-paths.md): under a path of its own, so that the
                # folders it creates never satisfy another verb's parent-missing case.
                exp, mention, target = "ok", [], f"{fs}/export-creates/such/dir/x.json"
            c.add(f"fs/{verb}/{name}", "filesystem", verb, make(target), exp, mention=mention,
                  out=target if exp == "error" and name not in ("device-node", "proc") and target else None,
                  fast=name in ("device-node", "symlink", "parent-missing") and verb in ("reconstruct", "track"))
    # The output is an input of the same run.
    c.add("fs/reconstruct/out-is-calibration", "filesystem", "reconstruct", writers["reconstruct"](f"{fs}/calib-copy.json", f"{fs}/calib-copy.json"),
          "error", mention=["calib-copy.json", "input"], out=f"{fs}/calib-copy.json", fast=True)
    c.add("fs/reconstruct/out-is-hardlink-of-calibration", "filesystem", "reconstruct", writers["reconstruct"](f"{fs}/calib-hardlink.json", f"{fs}/calib-copy.json"),
          "error", mention=["calib-hardlink.json", "input"], out=f"{fs}/calib-copy.json")
    c.add("fs/reconstruct/out-is-calibration-via-dotdot", "filesystem", "reconstruct", writers["reconstruct"](f"{fs}/../{fs}/calib-copy.json", f"{fs}/calib-copy.json"),
          "error", mention=["calib-copy.json", "input"], out=f"{fs}/calib-copy.json")
    c.add("fs/reconstruct/out-is-link-target-calibration", "filesystem", "reconstruct", writers["reconstruct"](calib, f"{fs}/calib-link.json"),
          "error", mention=[os.path.basename(calib), "input"], out=calib)
    first_cam = sorted(os.listdir(c.path(op)))[0]
    first_file = sorted(os.listdir(c.path(op, first_cam)))[0]
    c.add("fs/reconstruct/out-replaces-detection-file", "filesystem", "reconstruct", writers["reconstruct"](f"{op}/{first_cam}/{first_file}"),
          "error", mention=[first_file], out=f"{op}/{first_cam}/{first_file}")
    c.add("fs/track/out-is-input", "filesystem", "track", ["track", "--poses", gt, "--out", gt], "error", mention=["gt.json", "input"], out=gt, fast=True)
    c.add("fs/filter/out-is-input", "filesystem", "filter", ["filter", "--poses", gt, "--out", gt, "--fps", "30", "--filter", "fill"], "error", mention=["gt.json", "input"], out=gt)
    c.add("fs/export/out-is-input", "filesystem", "export", ["export", "--poses", gt, "--format", "csv", "--fps", "30", "--out", gt], "error", mention=["gt.json", "input"], out=gt)
    c.add("fs/view/out-is-calibration", "filesystem", "view", ["view", "--calib", f"{fs}/calib-copy.json", "--poses", gt, "--out", f"{fs}/calib-copy.json"],
          "error", mention=["calib-copy.json", "input"], out=f"{fs}/calib-copy.json")
    # Folder outputs.
    for verb, make in (("synth", lambda o: ["synth", "--out", o, "-n", "1", "-f", "2", "--rig", "ring:2"]),
                       ("export-easymocap", lambda o: ["export", "--poses", gt, "--format", "easymocap", "--out", o]),
                       ("demo", lambda o: ["demo", "-n", "1", "-f", "2", "--rig", "ring:2", "--out", o])):
        for name, target, exp, mention in (
            ("is-file", f"{fs}/a-file", "error", ["a-file"]),
            ("device-node", device, "error", ["null-device"]),
            ("fifo", f"{fs}/fifo.json", "error", ["fifo.json"]),
            ("parent-missing", f"{fs}/no/such/{verb}", "error", [f"no/such/{verb}"]),
            ("proc", "/proc/polypose-corpus", "error", ["/proc/polypose-corpus"]),
            ("empty-path", "", "error", ["empty"]),
        ):
            if verb == "export-easymocap" and name == "parent-missing":
                exp, mention, target = "ok", [], f"{fs}/export-creates/such/{verb}"
            if target is not None:
                c.add(f"fs/{verb}/{name}", "filesystem", verb, make(target), exp, mention=mention, fast=(verb == "synth" and name == "is-file"))
    c.add("fs/export-easymocap/folder-holds-input", "filesystem", "export", ["export", "--poses", gt, "--format", "easymocap", "--out", scene],
          "error", mention=["input"], out=None)


def shared_shelf():
    here = os.path.dirname(os.path.abspath(__file__))
    for cand in (os.environ.get("POLYPOSE_SHARED_DATA"), os.path.join(here, "..", "..", "..", "shared", "data")):
        if cand and os.path.isdir(os.path.join(cand, "shelf", "detection")):
            return os.path.abspath(os.path.join(cand, "shelf"))
    return None


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--polypose", required=True, help="command that runs the CLI, e.g. 'dotnet path/polypose.dll'")
    ap.add_argument("--out", required=True, help="corpus folder (replaced)")
    args = ap.parse_args()
    root = os.path.abspath(args.out)
    if os.path.exists(root):
        shutil.rmtree(root)
    os.makedirs(os.path.join(root, "out"))
    c = Corpus(root)
    rng = random.Random(SEED)
    scene = "base/scene"
    os.makedirs(c.path("base"))
    cmd = args.polypose.split() + ["synth", "--rig", "ring:3", "--people", "2", "--frames", "3", "--seed", "7", "--out", c.path(scene)]
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=dict(os.environ, NO_COLOR="1"))
    cams = json.load(open(c.path(scene, "calibration.json")))["cameras"]
    calibs = convert_calibrations(c, cams)
    dets = {"openpose": f"{scene}/detections", "coco": f"{scene}/detections_coco"}
    calibration_cases(c, calibs, dets, rng)
    detection_cases(c, calibs, dets, rng)
    poses_cases(c, calibs, scene, rng)
    option_cases(c, calibs, dets, scene)
    filesystem_cases(c, calibs, dets, scene)
    with open(c.path("cases.json"), "w") as f:
        json.dump({"seed": SEED, "shelf": shared_shelf() is not None, "cases": c.cases}, f, indent=1)
    fast = sum(1 for x in c.cases if x["fast"])
    print(f"wrote {len(c.cases)} cases ({fast} in the fast subset) to {root}", file=sys.stderr)


if __name__ == "__main__":
    main()
