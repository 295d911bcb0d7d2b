#!/usr/bin/python3
"""PyTorch reference of Polypose's DisPOSE Stage II losses (dispose.md 5.2; learning.md 5).

Reads a safetensors batch written by Polypose: per decoder layer l the predictions `in.refined.<l>` [S,N,J,3] (mm),
`in.reprojection.<l>` [S,V,N,J,2] (original px), `in.residual.<l>` [S,N,J], `in.triangulated.<l>` [S,N,J]; the
(already curated) targets `in.target2d` [S,V,N,J,2], `in.score2d` [S,V,N,J], `in.pseudo3d` [S,N,J,3], `in.score3d`
[S,N,J], `in.person_ids` [S,N] (int64, -1 = none) and the per-(sample, view) affine original px -> evidence heatmap px
`in.affine` [S,V,6] (float64, a00 a01 a02 a10 a11 a12); the weights, canvas and sizes in the metadata. Computes every
term independently of Polypose, in float64, with the one-sided Gaussian loss rendered on the WHOLE canvas (no window),
sums them with their lambdas over the layers and backpropagates. Writes `out.total` [1], `out.terms` [L,5] (L1,
Gaussian, anchor, cross-augmentation, residual) and `grad.refined.<l>`, `grad.reprojection.<l>`, `grad.residual.<l>`
to --out, with the forward+backward time in the metadata.
Run: /usr/bin/python3 bench/torch/stage2_losses.py --in batch.safetensors --out reference.safetensors
"""
import argparse
import os
import sys
import time

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import safetensors_io  # noqa: E402


def label_weights(score, valid, threshold):
    """clamp(score, 0, 1) * [score >= threshold] * [person id >= 0]; score [S,(V,)N,J], valid [S,N]."""
    w = score.clamp(0, 1) * (score >= threshold).to(score.dtype)
    v = valid[:, None, :, None] if score.dim() == 4 else valid[:, :, None]
    return w * v


def l1_2d(rep, target, w):
    return ((rep - target).abs().sum(-1) * w).sum() / (w.sum() * 2).clamp(min=1e-8)


def gaussian_full_canvas(pred, target, w, width, height, sigma):
    """pred/target [M,2] canvas px, w [M]: sum_m w_m sum_pixels relu(w_m G_t - G_p)^2 / (sum w * H * W)."""
    xs = torch.arange(width, dtype=pred.dtype)
    ys = torch.arange(height, dtype=pred.dtype)
    k = 1.0 / (2 * sigma * sigma)

    def render(c):
        gx = torch.exp(-(xs[None, :] - c[:, 0:1]) ** 2 * k)  # [M, W]
        gy = torch.exp(-(ys[None, :] - c[:, 1:2]) ** 2 * k)  # [M, H]
        return gy[:, :, None] * gx[:, None, :]  # [M, H, W]

    t = render(target) * w[:, None, None]
    p = render(pred)
    num = (w[:, None, None] * torch.relu(t - p) ** 2).sum()
    den = w.sum() * height * width
    return num / den if den > 0 else num * 0


def anchor(refined, pseudo, w3):
    return ((refined - pseudo).abs().sum(-1) * w3).sum() / (w3.sum() * 3).clamp(min=1e-8)


def cross_augmentation(refined, ids, a):
    s, n = ids.shape
    f = s // a
    r = refined.reshape(f, a, n, -1)
    i = ids.reshape(f, a, n)
    diffs = []
    for a1 in range(a):
        for a2 in range(a1 + 1, a):
            same = (i[:, a1] == i[:, a2]) & (i[:, a1] >= 0)  # [F, N]
            if same.any():
                diffs.append((r[:, a1] - r[:, a2]).abs()[same])  # [K, J*3]
    if not diffs:
        return refined.sum() * 0
    return torch.cat(diffs).mean()


def residual_mean(residual, mask):
    return (residual * mask).sum() / mask.sum().clamp(min=1)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--in", dest="inp", required=True)
    ap.add_argument("--out", required=True)
    args = ap.parse_args()
    torch.set_num_threads(1)
    t, meta = safetensors_io.load(args.inp)
    d = torch.float64
    layers = int(meta["layers"])
    a = int(meta["augment_slots"])
    thr = float(meta["threshold"])
    sigma = float(meta["sigma"])
    lam = [float(meta[k]) for k in ("lambda_l1", "lambda_heatmap", "lambda_anchor", "lambda_cross", "lambda_residual")]
    stride = int(meta["stride"])
    if meta["canvas"] == "Dataset":
        width, height, scale = int(meta["heatmap_width"]), int(meta["heatmap_height"]), 1.0
    else:
        width, height, scale = 240, 128, stride / 4.0

    ids = t["in.person_ids"]
    valid = (ids >= 0).to(d)
    target2d = t["in.target2d"].to(d)
    w2 = label_weights(t["in.score2d"].to(d), valid, thr)
    pseudo = t["in.pseudo3d"].to(d)
    w3 = label_weights(t["in.score3d"].to(d), valid, thr)
    aff = t["in.affine"].to(d) * scale  # [S, V, 6]

    def to_canvas(p):  # [S,V,N,J,2] -> [M,2]
        c = aff[:, :, None, None, :]
        x = c[..., 0] * p[..., 0] + c[..., 1] * p[..., 1] + c[..., 2]
        y = c[..., 3] * p[..., 0] + c[..., 4] * p[..., 1] + c[..., 5]
        return torch.stack([x, y], -1).reshape(-1, 2)

    canvas_target = to_canvas(target2d)
    canvas_w = w2.reshape(-1)
    inputs = {}
    for l in range(layers):
        for name in ("refined", "reprojection", "residual"):
            inputs[f"{name}.{l}"] = t[f"in.{name}.{l}"].to(d).requires_grad_(True)

    start = time.perf_counter()
    total = torch.zeros((), dtype=d)
    terms = []
    for l in range(layers):
        refined, rep, res = inputs[f"refined.{l}"], inputs[f"reprojection.{l}"], inputs[f"residual.{l}"]
        tri = t[f"in.triangulated.{l}"].to(d)
        values = [
            l1_2d(rep, target2d, w2),
            gaussian_full_canvas(to_canvas(rep), canvas_target, canvas_w, width, height, sigma),
            anchor(refined, pseudo, w3),
            cross_augmentation(refined, ids, a),
            residual_mean(res, tri),
        ]
        terms.append(torch.stack([v.detach() for v in values]))
        total = total + sum(lv * v for lv, v in zip(lam, values))
    total.backward()
    elapsed = time.perf_counter() - start

    out = {"out.total": total.detach().reshape(1).float(), "out.terms": torch.stack(terms).float()}
    for k, v in inputs.items():
        out["grad." + k] = v.grad.float()
    safetensors_io.save(args.out, out, {"seconds": f"{elapsed:.6f}", "canvas": f"{width}x{height}"})


if __name__ == "__main__":
    main()
