#!/usr/bin/env python3
"""Peak working set against input size for every Polypose reader (issue 12: "peak <= 3x the input size for every
reader, bounded for streams").

Generates large but valid inputs (calibrations of many cameras close to the 64 MiB calibration cap, a 10,000-frame
synthetic scene, looped Shelf 4D Association text and ground truth, a long CMU Panoptic body3DScene folder), runs the
real CLI on each with /usr/bin/time and prints a Markdown table: reader, command, input size, peak RSS, ratio.

    python3 bench/memory/readers.py --polypose "dotnet src/Polypose.Cli/bin/Release/net10.0/polypose.dll" \
        --work /tmp/memreaders [--frames 10000] [--only NAME,...] [--json results.json]

The inputs are made once under --work and reused (delete the folder to regenerate). Peak RSS is "Maximum resident set
size" of the .NET process (it does not depend on the machine's load; the wall times do). The ratio divides the peak by
the input size; "over start" subtracts the peak of the same command on a tiny input (the runtime's own ~30-60 MB), which
is what the reader adds.
"""
import argparse
import json
import math
import os
import re
import shlex
import subprocess
import sys

SHARED = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "shared", "data")
MIB = 1 << 20


def run(cmd, env=None):
    """Runs cmd under /usr/bin/time; returns (exit code, peak KB, wall s, last stderr line)."""
    full = ["/usr/bin/time", "-f", "%M %e"] + cmd
    p = subprocess.run(full, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env)
    lines = [l for l in p.stderr.strip().splitlines() if l.strip()]
    m = re.match(r"^(\d+) ([\d.]+)$", lines[-1]) if lines else None
    if not m:
        raise SystemExit(f"no /usr/bin/time output for {cmd}: {p.stderr[-500:]}")
    tail = lines[-2] if len(lines) > 1 else ""
    return p.returncode, int(m.group(1)), float(m.group(2)), tail


def size_of(paths):
    total = 0
    for path in paths:
        if os.path.isdir(path):
            for root, _, files in os.walk(path):
                total += sum(os.path.getsize(os.path.join(root, f)) for f in files)
        else:
            total += os.path.getsize(path)
    return total


# ----------------------------------------------------------------------------------------------------------------
# calibrations: one small camera list replicated until the file is near the target size (valid: names unique)


def cameras_from(calibration_json):
    with open(calibration_json) as f:
        return json.load(f)["cameras"]


def replicate(count_for, target, write):
    """Writes with n cameras, n chosen so that the file is just under target bytes."""
    n = 8
    size = write(n)
    n = max(2, int(n * target / size))
    size = write(n)
    while size > target:
        n = int(n * 0.97)
        size = write(n)
    return n, size


def polypose_json(base, path, target):
    def write(n):
        doc = {"format": "polypose-calibration", "version": 1, "unit": "mm", "world": "z-up", "convention": "world-to-camera",
               "cameras": [dict(base[i % len(base)], name=f"c{i:06d}") for i in range(n)]}
        with open(path, "w") as f:
            json.dump(doc, f, indent=2)
        return os.path.getsize(path)
    return replicate(None, target, write)


def fourda_json(base, path, target):
    def write(n):
        doc = {}
        for i in range(n):
            c = base[i % len(base)]
            doc[f"c{i:06d}"] = {"K": [v for row in c["K"] for v in row], "R": [v for row in c["R"] for v in row],
                                "T": [v / 1000 for v in c["t"]], "imgSize": [c["width"], c["height"]], "distCoeff": [0, 0, 0, 0, 0]}
        with open(path, "w") as f:
            json.dump(doc, f, indent=2)
        return os.path.getsize(path)
    return replicate(None, target, write)


def centre(c):
    r, t = c["R"], c["t"]
    return [-(r[0][i] * t[0] + r[1][i] * t[1] + r[2][i] * t[2]) for i in range(3)]


def voxelpose_json(base, path, target):
    def write(n):
        doc = {}
        for i in range(n):
            c = base[i % len(base)]
            k = c["K"]
            doc[f"{i}"] = {"R": c["R"], "T": [[v] for v in centre(c)], "fx": k[0][0], "fy": k[1][1], "cx": k[0][2], "cy": k[1][2],
                           "k": [[0.0], [0.0], [0.0]], "p": [[0.0], [0.0]]}
        with open(path, "w") as f:
            json.dump(doc, f, indent=2)
        return os.path.getsize(path)
    return replicate(None, target, write)


def toml_file(small_toml, path, target):
    text = open(small_toml).read()
    tables = re.findall(r"(\[(cam\d+)\]\n(?:(?!\[).*\n)*)", text)

    def write(n):
        with open(path, "w") as f:
            for i in range(n):
                body, name = tables[i % len(tables)]
                f.write(body.replace(f"[{name}]", f"[c{i:06d}]").replace(f'name = "{name}"', f'name = "c{i:06d}"'))
                f.write("\n")
            f.write("[metadata]\nadjusted = false\nerror = 0.0\n")
        return os.path.getsize(path)
    return replicate(None, target, write)


def matrix(key, rows, cols, data):
    return f"{key}: !!opencv-matrix\n   rows: {rows}\n   cols: {cols}\n   dt: d\n   data: [ {', '.join(repr(float(v)) for v in data)} ]\n"


def easymocap(base, folder, target):
    os.makedirs(folder, exist_ok=True)

    def write(n):
        names = [f"c{i:06d}" for i in range(n)]
        head = "%YAML:1.0\n---\nnames:\n" + "".join(f'   - "{m}"\n' for m in names)
        with open(os.path.join(folder, "intri.yml"), "w") as intri, open(os.path.join(folder, "extri.yml"), "w") as extri:
            intri.write(head)
            extri.write(head)
            for i, m in enumerate(names):
                c = base[i % len(base)]
                intri.write(matrix("K_" + m, 3, 3, [v for row in c["K"] for v in row]))
                intri.write(matrix("dist_" + m, 1, 5, [0, 0, 0, 0, 0]))
                intri.write(f"H_{m}: {c['height']}\nW_{m}: {c['width']}\n")
                extri.write(matrix("Rot_" + m, 3, 3, [v for row in c["R"] for v in row]))
                extri.write(matrix("T_" + m, 3, 1, [v / 1000 for v in c["t"]]))
        return size_of([folder])
    return replicate(None, target, write)


def panoptic(path, target):
    src = json.load(open(os.path.join(SHARED, "panoptic-sample", "calibration_160906_band1.json")))
    base = src["cameras"]

    def write(n):
        cams = []
        for i in range(n):
            c = dict(base[i % len(base)])
            c["name"] = f"{i // 10000:02d}_{i % 10000:04d}"
            cams.append(c)
        with open(path, "w") as f:
            json.dump(dict(src, cameras=cams), f, indent=1)
        return os.path.getsize(path)
    return replicate(None, target, write)


def qualisys(path, target):
    text = open(os.path.join(SHARED, "pose2sim-single", "calibration", "Calib.qca.txt")).read()
    cams = re.findall(r"(    <camera .*?</camera>\n)", text, re.S)
    head = text[:text.index(cams[0])]
    tail = text[text.index(cams[-1]) + len(cams[-1]):]

    def write(n):
        with open(path, "w") as f:
            f.write(head)
            for i in range(n):
                f.write(re.sub(r'serial="[^"]*"', f'serial="c{i:06d}"', cams[i % len(cams)]))
            f.write(tail)
        return os.path.getsize(path)
    return replicate(None, target, write)


# ----------------------------------------------------------------------------------------------------------------
# sequences


def loop_text(src, dst, times, header_count_field=1):
    """A 4D Association text (detections or pose text) with its frames repeated: header 'a frames', then the frames."""
    with open(src) as f:
        header = f.readline().split()
        body = f.read()
    header[header_count_field] = str(int(header[header_count_field]) * times)
    with open(dst, "w") as f:
        f.write("\t".join(header) + "\n")
        for _ in range(times):
            f.write(body if body.endswith("\n") else body + "\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--polypose", required=True, help="command that runs the CLI, e.g. 'dotnet .../polypose.dll'")
    ap.add_argument("--work", required=True, help="folder for the generated inputs and outputs")
    ap.add_argument("--frames", type=int, default=10000, help="frames of the synthetic scene (default 10000)")
    ap.add_argument("--calib-mib", type=float, default=48, help="size of each generated calibration, MiB (cap: 64)")
    ap.add_argument("--only", help="comma-separated case names")
    ap.add_argument("--json", help="write the results here as JSON")
    args = ap.parse_args()
    cli = shlex.split(args.polypose)
    w = os.path.abspath(args.work)
    os.makedirs(w, exist_ok=True)
    target = int(args.calib_mib * MIB)
    out = os.path.join(w, f"out{os.getpid()}")  # per run: two runs (before/after builds) may share the inputs
    os.makedirs(out, exist_ok=True)

    syn = os.path.join(w, "syn")
    if not os.path.exists(os.path.join(syn, "gt.json")):
        print(f"generating the {args.frames}-frame synthetic scene...", file=sys.stderr)
        subprocess.run(cli + ["synth", "--rig", "ring:5", "--people", "4", "--frames", str(args.frames), "--out", syn], check=True,
                       stdout=subprocess.DEVNULL)
    tiny = os.path.join(w, "tiny")
    if not os.path.exists(os.path.join(tiny, "gt.json")):
        subprocess.run(cli + ["synth", "--rig", "ring:5", "--people", "4", "--frames", "3", "--out", tiny], check=True, stdout=subprocess.DEVNULL)
    base = cameras_from(os.path.join(syn, "calibration.json"))

    calib = os.path.join(w, "calib")
    os.makedirs(calib, exist_ok=True)
    made = {}
    makers = {
        "polypose.json": lambda p: polypose_json(base, p, target),
        "fourda.json": lambda p: fourda_json(base, p, target),
        "voxelpose.json": lambda p: voxelpose_json(base, p, target),
        "pose2sim.toml": lambda p: toml_file(os.path.join(syn, "calibration.toml"), p, target),
        "easymocap": lambda p: easymocap(base, p, target),
        "panoptic.json": lambda p: panoptic(p, target),
        "qualisys.qca.txt": lambda p: qualisys(p, target),
    }
    for name, make in makers.items():
        path = os.path.join(calib, name)
        if not os.path.exists(path):
            n, _ = make(path)
            made[name] = n
            print(f"{name}: {n} cameras", file=sys.stderr)

    shelf = os.path.join(SHARED, "shelf")
    times = max(1, args.frames // 301 * 3)
    fourda = os.path.join(w, "fourda_det")
    if not os.path.exists(os.path.join(fourda, "4.txt")):
        os.makedirs(fourda, exist_ok=True)
        for v in range(5):
            loop_text(os.path.join(shelf, "detection", f"{v}.txt"), os.path.join(fourda, f"{v}.txt"), times)
    gt_text = os.path.join(w, "shelf_gt_looped.txt")
    if not os.path.exists(gt_text):
        loop_text(os.path.join(shelf, "gt.txt"), gt_text, times * 10)
    pan = os.path.join(w, "panoptic_gt", "hdPose3d_stage1_coco19")
    if not os.path.exists(pan):
        os.makedirs(pan)
        src = os.path.join(SHARED, "panoptic-sample", "160906_band1", "hdPose3d_stage1_coco19")
        files = sorted(os.listdir(src))
        for i in range(args.frames * 2):
            os.symlink(os.path.join(src, files[i % len(files)]), os.path.join(pan, f"body3DScene_{i:08d}.json"))

    gt = os.path.join(syn, "gt.json")
    tiny_gt = os.path.join(tiny, "gt.json")
    cases = [
        # name, reader, command, input paths, tiny command (baseline)
        ("calib-polypose", "Polypose calibration JSON", ["check-calib", "-c", os.path.join(calib, "polypose.json")], [os.path.join(calib, "polypose.json")]),
        ("calib-fourda", "4D Association calibration JSON", ["check-calib", "-c", os.path.join(calib, "fourda.json")], [os.path.join(calib, "fourda.json")]),
        ("calib-voxelpose", "VoxelPose calibration JSON", ["check-calib", "-c", os.path.join(calib, "voxelpose.json"), "--image-size", "1920x1080"], [os.path.join(calib, "voxelpose.json")]),
        ("calib-toml", "Pose2Sim/Anipose TOML", ["check-calib", "-c", os.path.join(calib, "pose2sim.toml")], [os.path.join(calib, "pose2sim.toml")]),
        ("calib-easymocap", "EasyMocap intri.yml + extri.yml", ["check-calib", "-c", os.path.join(calib, "easymocap")], [os.path.join(calib, "easymocap")]),
        ("calib-panoptic", "CMU Panoptic calibration JSON", ["check-calib", "-c", os.path.join(calib, "panoptic.json")], [os.path.join(calib, "panoptic.json")]),
        ("calib-qualisys", "Qualisys .qca.txt", ["check-calib", "-c", os.path.join(calib, "qualisys.qca.txt")], [os.path.join(calib, "qualisys.qca.txt")]),
        ("det-openpose", "OpenPose JSON folders (reconstruct, streamed)",
         ["reconstruct", "-c", os.path.join(syn, "calibration.json"), "-d", os.path.join(syn, "detections"), "-o", os.path.join(out, "op.json"), "-j", "1"], [os.path.join(syn, "detections")]),
        ("det-coco", "COCO keypoint results (reconstruct)",
         ["reconstruct", "-c", os.path.join(syn, "calibration.json"), "-d", os.path.join(syn, "detections_coco"), "-o", os.path.join(out, "coco.json"), "-j", "1"], [os.path.join(syn, "detections_coco")]),
        ("det-fourda", "4D Association detection text (reconstruct)",
         ["reconstruct", "-c", os.path.join(shelf, "calibration.json"), "-d", fourda, "-o", os.path.join(out, "fourda.json"), "-j", "1", "--no-track"], [fourda]),
        ("pose-export", "3D pose JSON (export csv)", ["export", "--poses", gt, "--format", "csv", "--out", os.path.join(out, "gt.csv")], [gt]),
        ("pose-eval", "3D pose JSON x2 (eval --pred --gt)", ["eval", "--pred", gt, "--gt", gt, "--json"], [gt, gt]),
        ("pose-track", "3D pose JSON (track)", ["track", "--poses", gt, "--out", os.path.join(out, "tracked.json")], [gt]),
        ("pose-filter", "3D pose JSON (filter butterworth)", ["filter", "--poses", gt, "--fps", "30", "--filter", "butterworth", "--out", os.path.join(out, "filtered.json")], [gt]),
        ("gt-shelf-text", "4D Association pose text (eval --gt gt.txt)", ["eval", "--pred", tiny_gt, "--gt", gt_text, "--json"], [gt_text]),
        ("gt-panoptic", "CMU Panoptic body3DScene folder (eval --gt)", ["eval", "--pred", tiny_gt, "--gt", pan, "--json"], [pan]),
    ]
    only = set(args.only.split(",")) if args.only else None
    _, start_kb, _, _ = run(cli + ["check-calib", "-c", os.path.join(tiny, "calibration.json")])
    results = []
    print(f"process start (check-calib of a 5-camera file): {start_kb / 1024:.0f} MiB", file=sys.stderr)
    print("| reader | command | input | peak RSS | ratio | over start / input |")
    print("|---|---|---:|---:|---:|---:|")
    for name, reader, cmd, inputs in cases:
        if only and name not in only:
            continue
        code, kb, wall, tail = run(cli + cmd)
        size = size_of(inputs)
        ratio = kb * 1024 / size
        over = (kb - start_kb) * 1024 / size
        status = "" if code == 0 else f" (exit {code}: {tail[:120]})"
        print(f"| {reader} | `{cmd[0]}` | {size / MIB:.1f} MiB | {kb / 1024:.0f} MiB | {ratio:.2f}x | {over:.2f}x |{status}")
        sys.stdout.flush()
        results.append({"name": name, "reader": reader, "command": cmd, "input_bytes": size, "peak_kb": kb, "wall_s": wall, "exit": code, "ratio": ratio, "over_start": over})
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"start_kb": start_kb, "results": results}, f, indent=1)


if __name__ == "__main__":
    main()
