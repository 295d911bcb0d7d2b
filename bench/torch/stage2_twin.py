#!/usr/bin/python3
"""PyTorch twin of Polypose's DisPOSE Stage II pose decoder (learning.md 5, dispose.md 4).

Reads a safetensors batch written by Polypose (weights `param.<name>`, inputs `in.*`, configuration in the metadata),
runs the same decoder written here independently in plain torch ops (no torch_geometric): T-pose prior at the roots,
then per layer projection with inside/valid masks, multi-scale deformable cross-attention with the added query,
position/joint/ray embeddings, the view-joint hypergraph convolution (PyTorch Geometric HypergraphConv semantics,
attention in "node" or "edge" mode), OffsetNet2D, weighted algebraic triangulation (float64 eigh of AᵀA, in metres),
view aggregation, the person-part hypergraph convolution and the geometric update, with the poses detached between
layers. Forms the scalar test loss Σ_layers Σ(output · fixed weights) and backpropagates. Writes `out.*` per layer,
`out.loss` and `grad.<name>` for every parameter to --out (safetensors), plus timings in its metadata.
Run: /usr/bin/python3 bench/torch/stage2_twin.py --in batch.safetensors --out twin.safetensors [--threads 1] [--repeats N]
"""
import argparse
import resource
import math
import os
import sys
import time

import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import safetensors_io  # noqa: E402

T_POSE = [
    [1.58, -2.03, 493.06], [2.90, -23.02, 653.27], [0.0, 0.0, 0.0], [23.59, -0.83, 492.63], [26.98, -3.07, 255.22],
    [21.55, -12.90, 186.05], [12.99, -0.14, 3.56], [14.71, -14.48, -318.46], [3.90, 1.86, -668.31],
    [-19.88, -2.44, 493.73], [-28.68, -12.07, 270.14], [-17.31, -29.01, 201.33], [-12.25, -0.44, 2.54],
    [-19.10, -5.66, -313.28], [-19.49, 1.02, -657.20],
]
PART_OF_JOINT = [0, 1, 0, 2, 2, 2, 4, 4, 4, 3, 3, 3, 5, 5, 5]
J = 15


def linear(p, name, x, bias=True):
    return F.linear(x, p[name + ".weight"], p.get(name + ".bias") if bias else None)


def layer_norm(p, name, x):
    return F.layer_norm(x, (x.shape[-1],), p[name + ".weight"], p[name + ".bias"], 1e-5)


def mlp_gelu(p, name, x):
    prefix = name + ".layers."
    layers = sorted({int(k[len(prefix):].split(".")[0]) for k in p if k.startswith(prefix)})
    for i, k in enumerate(layers):
        x = linear(p, f"{name}.layers.{k}", x)
        if i + 1 < len(layers):
            x = F.gelu(x)
    return x


def coef(t, i):
    return t[..., i].unsqueeze(-1)


def project(g, pts):
    """pts [S, P, 3] -> pixels [S, V, P, 2], in front [S, V, P] (dispose.md 0.3, with skew)."""
    cam = torch.einsum("svij,spj->svpi", g["rotation"], pts) + g["translation"].unsqueeze(2)
    z = cam[..., 2]
    front = z > 1e-6
    zc = z.clamp(min=1e-6)
    x = torch.where(front, cam[..., 0] / zc, torch.zeros_like(z))
    y = torch.where(front, cam[..., 1] / zc, torch.zeros_like(z))
    r2 = (x * x + y * y).clamp(max=25.0)
    r4, r6 = r2 * r2, r2 * r2 * r2
    d = g["distortion"]
    num = 1 + coef(d, 0) * r2 + coef(d, 1) * r4 + coef(d, 2) * r6
    den = 1 + coef(d, 3) * r2 + coef(d, 4) * r4 + coef(d, 5) * r6
    den = torch.where(den.abs() < 1e-6, torch.where(den < 0, torch.full_like(den, -1e-6), torch.full_like(den, 1e-6)), den)
    radial = (num / den).clamp(-20, 20)
    p1, p2 = coef(d, 6), coef(d, 7)
    dx = 2 * p1 * x * y + p2 * (r2 + 2 * x * x)
    dy = p1 * (r2 + 2 * y * y) + 2 * p2 * x * y
    xd, yd = x * radial + dx, y * radial + dy
    k = g["intrinsics"]
    u = coef(k, 0) * xd + coef(k, 4) * yd + coef(k, 2)
    v = coef(k, 1) * yd + coef(k, 3)
    return torch.stack([u, v], -1), front


def undistort(g, pix):
    k, d = g["intrinsics"], g["distortion"]
    y0 = (pix[..., 1] - coef(k, 3)) / coef(k, 1)
    x0 = (pix[..., 0] - coef(k, 2) - coef(k, 4) * y0) / coef(k, 0)
    k1, k2, k3, k4, k5, k6, p1, p2 = (coef(d, i) for i in range(8))
    x, y = x0, y0
    for _ in range(5):
        r2 = (x * x + y * y).clamp(max=1e4)
        r4, r6 = r2 * r2, r2 * r2 * r2
        ratio = ((1 + k4 * r2 + k5 * r4 + k6 * r6) / (1 + k1 * r2 + k2 * r4 + k3 * r6).clamp(min=1e-6)).clamp(-1e4, 1e4)
        dx = 2 * p1 * x * y + p2 * (r2 + 2 * x * x)
        dy = p1 * (r2 + 2 * y * y) + 2 * p2 * x * y
        x, y = ((x0 - dx) * ratio).clamp(-1e4, 1e4), ((y0 - dy) * ratio).clamp(-1e4, 1e4)
    return torch.stack([x, y], -1)


def rays(g, pix):
    n = undistort(g, pix)
    h = torch.cat([n, torch.ones_like(n[..., :1])], -1)
    dvec = torch.einsum("svpi,svij->svpj", h, g["rotation"])
    return dvec / dvec.norm(dim=-1, keepdim=True)


def affine(a, pts):
    return torch.einsum("svij,svpj->svpi", a[..., :2], pts) + a[..., 2].unsqueeze(2)


def triangulate(dirs, centers, w):
    """Weighted Plücker/DLT in metres: dirs [S,V,P,3], centers [S,V,3] mm, w [S,V,P] -> X [S,P,3] mm, residual [S,P]."""
    c = (centers / 1000.0).unsqueeze(2).expand_as(dirs)
    m = torch.cross(dirs, c, dim=-1)
    dx, dy, dz = dirs.unbind(-1)
    zero = torch.zeros_like(dx)
    rows = torch.stack([
        torch.stack([zero, -dz, dy, -m[..., 0]], -1),
        torch.stack([dz, zero, -dx, -m[..., 1]], -1),
        torch.stack([-dy, dx, zero, -m[..., 2]], -1)], -2) * w[..., None, None]
    s, v, p = w.shape
    a = rows.permute(0, 2, 1, 3, 4).reshape(s, p, 3 * v, 4)
    a64 = a.double()
    _, vecs = torch.linalg.eigh(a64.transpose(-1, -2) @ a64)
    h = vecs[..., 0].float()
    hw = h[..., 3:]
    hw = torch.where(hw.abs() < 1e-9, torch.where(hw < 0, torch.full_like(hw, -1e-9), torch.full_like(hw, 1e-9)), hw)
    x = h[..., :3] / hw * 1000.0
    av = (a @ h.unsqueeze(-1)).squeeze(-1)
    res = (av * av).sum(-1).clamp(min=1e-12).sqrt()
    return x, res


def masked_view_softmax(logits, valid):
    w = torch.softmax(torch.where(valid > 0, logits, torch.full_like(logits, -1e9)), 1) * valid
    return w / w.sum(1, keepdim=True).clamp(min=1e-12)


def deformable_attention(p, name, levels, ref, query, heads, points, projection):
    b, q, _ = ref.shape
    d = query.shape[-1]
    dh = d // heads
    ref_grid = (ref * 2 - 1).clamp(-1.1, 1.1).view(b, q, 1, 2)
    sampled, logits = [], []
    wv, bv = p[name + ".value_proj.weight"], p[name + ".value_proj.bias"]
    for l, f in enumerate(levels):
        if projection:
            f = torch.einsum("bchw,dc->bdhw", f, p[f"{name}.level_proj_{l}.weight"]) + p[f"{name}.level_proj_{l}.bias"][None, :, None, None]
        hl, wl = f.shape[-2:]
        ql = F.grid_sample(f, ref_grid, mode="bilinear", padding_mode="zeros", align_corners=False).view(b, d, q).permute(0, 2, 1) + query
        off = linear(p, name + ".sampling_offsets", ql).view(b, q, heads, points, 2) / torch.tensor([wl, hl], dtype=torch.float32)
        grid = (ref.view(b, q, 1, 1, 2) + off) * 2 - 1
        value = torch.einsum("bchw,dc->bdhw", f, wv) + bv[None, :, None, None]
        s = F.grid_sample(value, grid.view(b, q, heads * points, 2), mode="bilinear", padding_mode="zeros", align_corners=False)
        s = s.view(b, heads, dh, q, heads, points).diagonal(dim1=1, dim2=4)  # [b, dh, q, points, heads]
        sampled.append(s.permute(0, 2, 4, 3, 1))  # [b, q, heads, points, dh]
        logits.append(linear(p, name + ".attention_weights", ql).view(b, q, heads, points))
    weights = torch.softmax(torch.cat(logits, 3), 3).split(points, 3)
    out = sum((s * w.unsqueeze(-1)).sum(3) for s, w in zip(sampled, weights))
    return linear(p, name + ".output_proj", out.reshape(b, q, d))


def hypergraph_conv(p, name, x, attr, nodes, edges, n_nodes, n_edges, heads, mode):
    """PyTorch Geometric HypergraphConv(use_attention=True, concat=False), written out in plain torch."""
    d = x.shape[-1]
    w = p[name + ".lin_weight"]
    if nodes.numel() == 0:
        return torch.zeros_like(x) + p[name + ".bias"]
    xp = F.linear(x, w).view(n_nodes, heads, d)
    ap = F.linear(attr, w).view(n_edges, heads, d)
    xi, ae = xp[nodes], ap[edges]
    alpha = F.leaky_relu((torch.cat([xi, ae], -1) * p[name + ".att"]).sum(-1), 0.2)
    group, count = (edges, n_edges) if mode == "node" else (nodes, n_nodes)
    mx = torch.full((count, heads), -math.inf).scatter_reduce(0, group.view(-1, 1).expand_as(alpha), alpha, reduce="amax", include_self=True)
    e = torch.exp(alpha - mx.detach()[group])
    alpha = e / torch.zeros(count, heads).index_add(0, group, e)[group]
    ones = torch.ones(nodes.shape[0])
    bsz = torch.zeros(n_edges).index_add(0, edges, ones)
    deg = torch.zeros(n_nodes).index_add(0, nodes, ones)
    binv = torch.where(bsz > 0, 1.0 / bsz.clamp(min=1), torch.zeros_like(bsz))
    dinv = torch.where(deg > 0, 1.0 / deg.clamp(min=1), torch.zeros_like(deg))
    ev = torch.zeros(n_edges, heads, d).index_add(0, edges, alpha.unsqueeze(-1) * xi * binv[edges].view(-1, 1, 1))
    nv = torch.zeros(n_nodes, heads, d).index_add(0, nodes, alpha.unsqueeze(-1) * ev[edges] * dinv[nodes].view(-1, 1, 1))
    return nv.mean(1) + p[name + ".bias"]


def hg_residual(p, name, x, attr, graph, mask, heads, mode):
    out = hypergraph_conv(p, name + ".conv", x, attr, *graph, heads, mode)
    return x + layer_norm(p, name + ".norm", out) * p[name + ".scale"] * mask


def view_joint_graph(valid):
    s, v, pp = valid.shape
    n = pp // J
    idx = valid.reshape(-1).nonzero().view(-1)
    joint, slot, view, sample = idx % J, idx // J % n, idx // pp % v, idx // (pp * v)
    a = (sample * v + view) * n + slot
    b = s * v * n + (sample * n + slot) * J + joint
    nodes = torch.stack([idx, idx], 1).view(-1)
    edges = torch.stack([a, b], 1).view(-1)
    return nodes, edges, s * v * pp, s * v * n + s * n * J


def person_part_graph(slot_mask):
    s, n = slot_mask.shape
    nodes, edges = [], []
    for person in slot_mask.reshape(-1).nonzero().view(-1).tolist():
        for j in range(J):
            nodes += [person * J + j] * 2
            edges += [person, s * n + person * 6 + PART_OF_JOINT[j]]
    return torch.tensor(nodes, dtype=torch.long), torch.tensor(edges, dtype=torch.long), s * n * J, s * n + s * n * 6


def view_count_embedding(counts, width):
    half = width // 2
    freqs = torch.tensor([math.exp(-math.log(1e4) * i / max(1, half - 1)) for i in range(half)], dtype=torch.float64)
    arg = counts.double().unsqueeze(-1) * freqs
    return torch.cat([torch.sin(arg), torch.cos(arg)], -1).float()


def decoder(p, cfg, levels, roots, slot_mask, g):
    s, n = slot_mask.shape
    v = g["rotation"].shape[1]
    d, pp = cfg["dim"], n * J
    corner = torch.tensor(cfg["space_corner"], dtype=torch.float32)
    size = torch.tensor(cfg["space_size"], dtype=torch.float32)
    in_wh = torch.tensor([float(cfg["input_width"]), float(cfg["input_height"])])
    roots = torch.where(slot_mask.unsqueeze(-1), roots, torch.zeros_like(roots))
    prior = roots.unsqueeze(2) + torch.tensor(T_POSE, dtype=torch.float32)
    token_mask = slot_mask.float().unsqueeze(-1).expand(s, n, J).reshape(s, pp)
    c = (p["embeddings.instance"].unsqueeze(1) + p["embeddings.joint"].unsqueeze(0)).reshape(pp, 2 * d)
    query, target = c[:, :d], c[:, d:].unsqueeze(0).expand(s, pp, d)
    joint_attr, inst_attr, part_attr = p["embeddings.joint"][:, d:], p["embeddings.instance"][:, d:], p["embeddings.part"][:, d:]
    vj_attr = torch.cat([inst_attr.unsqueeze(0).expand(s * v, n, d).reshape(-1, d), joint_attr.unsqueeze(0).expand(s * n, J, d).reshape(-1, d)], 0)
    pp_attr = torch.cat([inst_attr.unsqueeze(0).expand(s, n, d).reshape(-1, d), part_attr.unsqueeze(0).expand(s * n, 6, d).reshape(-1, d)], 0)
    pp_graph = person_part_graph(slot_mask)
    center = -torch.einsum("svji,svj->svi", g["rotation"], g["translation"])
    poses = prior.reshape(s, pp, 3)
    outputs = []
    for layer in range(cfg["layers"]):
        name = f"layer_{layer}"
        vj_mode, pp_mode = cfg["modes"][layer]
        pix, front = project(g, poses)
        width, height = g["image_size"][..., 0:1], g["image_size"][..., 1:2]
        u, w_ = pix[..., 0], pix[..., 1]
        inside = front & (u >= 0) & (u < width) & (w_ >= 0) & (w_ < height)
        clamped = torch.stack([torch.minimum(torch.maximum(u, torch.full_like(u, -1.0)), width - 1),
                               torch.minimum(torch.maximum(w_, torch.full_like(w_, -1.0)), height - 1)], -1)
        ref = affine(g["to_input"], clamped) / in_wh
        valid_b = inside & (token_mask > 0).unsqueeze(1)
        valid = valid_b.float()
        q = layer_norm(p, name + ".query_norm", target + query)
        qv = q.unsqueeze(1).expand(s, v, pp, d).reshape(s * v, pp, d)
        f = deformable_attention(p, name + ".attention", levels, ref.reshape(s * v, pp, 2), qv, cfg["heads"], cfg["points"],
                                 cfg["level_projection"]).reshape(s, v, pp, d) * valid.unsqueeze(-1)
        t = name + ".tokens"
        pos = linear(p, t + ".position", ((poses - corner) / size).clamp(0, 1)).unsqueeze(1)
        joint = (p[t + ".joint.weight"].t() + p[t + ".joint.bias"]).unsqueeze(0).expand(n, J, d).reshape(pp, d)
        rel = poses.unsqueeze(1) - center.unsqueeze(2)
        dirc = torch.einsum("svij,svpj->svpi", g["rotation"], rel)
        dirc = dirc / (dirc * dirc).sum(-1, keepdim=True).clamp(min=1e-12).sqrt()
        ray = linear(p, t + ".ray_out", F.gelu(layer_norm(p, t + ".ray_norm", linear(p, t + ".ray_in", dirc))))
        f = (f + ray + pos + joint) * valid.unsqueeze(-1)
        f = hg_residual(p, name + ".view_joint", f.reshape(-1, d), vj_attr, view_joint_graph(valid_b), valid.reshape(-1, 1),
                        cfg["hg_heads"], vj_mode).reshape(s, v, pp, d)
        o = name + ".offsets"
        h = f + mlp_gelu(p, o + ".mlp", layer_norm(p, o + ".norm", f))
        offset = torch.tanh(linear(p, o + ".offset", h)) * (cfg["max_offset"] * max(cfg["input_width"], cfg["input_height"]))
        logit = linear(p, o + ".weight", h).squeeze(-1)
        weights = masked_view_softmax(logit, valid)
        refined2d = affine(g["from_input"], ref * in_wh + offset)
        f = f * torch.sigmoid(logit).unsqueeze(-1)
        counts = valid.sum(1)
        tri = counts >= 2
        safe_w = torch.where(tri.unsqueeze(1).expand(s, v, pp), weights, torch.ones_like(weights))
        x3, res = triangulate(rays(g, refined2d), center, safe_w)
        new_poses = torch.where(tri.unsqueeze(-1).expand(s, pp, 3), x3, poses)
        res = res * tri.float()
        agg_logits = linear(p, name + ".aggregator.score", f).squeeze(-1) + 0.5 * torch.log(weights.detach().clamp(min=1e-8))
        a = masked_view_softmax(agg_logits, valid)
        fused = (f * a.unsqueeze(-1)).sum(1)
        fused = hg_residual(p, name + ".person_part", fused.reshape(-1, d), pp_attr, pp_graph, token_mask.reshape(-1, 1),
                            cfg["hg_heads"], pp_mode).reshape(s, pp, d)
        up = name + ".update"
        log_res = (torch.log(res.clamp(1e-6, 1.0)) * tri.float()).unsqueeze(-1)
        geo_in = torch.cat([((new_poses - corner) / size).clamp(0, 1), log_res, view_count_embedding(counts, cfg["count_dim"])], -1)
        geo = linear(p, up + ".geo_out", F.gelu(layer_norm(p, up + ".geo_norm", linear(p, up + ".geo_in", geo_in))))
        target = target + linear(p, up + ".fuse", torch.cat([layer_norm(p, up + ".feature_norm", fused), geo], -1))
        target = target + mlp_gelu(p, up + ".ffn", layer_norm(p, up + ".ffn_norm", target))
        reproj, _ = project(g, new_poses)
        outputs.append({
            "poses": new_poses.reshape(s, n, J, 3), "reprojected": reproj.reshape(s, v, n, J, 2),
            "refined2d": refined2d.reshape(s, v, n, J, 2), "residuals": res.reshape(s, n, J),
            "triangulated": tri.reshape(s, n, J), "weights": weights.reshape(s, v, n, J)})
        poses = new_poses.detach()
    return outputs


def loss_of(outputs, t):
    total = 0
    for o in outputs:
        total = total + (o["poses"] * t["in.w_poses"]).sum() / 1000 + (o["reprojected"] * t["in.w_reprojected"]).sum() / 100
        total = total + (o["refined2d"] * t["in.w_refined"]).sum() / 100 + (o["residuals"] * t["in.w_residuals"]).sum()
    return total


def peak_rss_mib():
    """This process's peak resident set size so far, MiB: VmHWM of /proc/self/status (ru_maxrss would carry over the
    spawning process's peak across exec on Linux)."""
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return float(line.split()[1]) / 1024.0
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--in", dest="inp", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--repeats", type=int, default=0, help="also time inference and the training step this many times (process CPU time, medians)")
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    t, meta = safetensors_io.load(args.inp)
    cfg = {k: int(meta[k]) for k in ("dim", "layers", "heads", "points", "hg_heads", "count_dim", "input_width", "input_height")}
    cfg["level_projection"] = meta["level_projection"] == "true"
    cfg["max_offset"] = float(meta["max_offset"])
    cfg["space_corner"] = [float(x) for x in meta["space_corner"].split(",")]
    cfg["space_size"] = [float(x) for x in meta["space_size"].split(",")]
    cfg["modes"] = [m.split(",") for m in meta["modes"].split(";")]
    params = {k[len("param."):]: v.clone().requires_grad_(True) for k, v in t.items() if k.startswith("param.")}
    levels = [t[f"in.level_{i}"] for i in range(3)]
    g = {k: t["in." + k] for k in ("rotation", "translation", "intrinsics", "distortion", "image_size", "to_input", "from_input")}

    def run():
        return decoder(params, cfg, levels, t["in.roots"], t["in.slot_mask"], g)

    timings = {}
    if args.repeats > 0:
        def median(fn):
            for _ in range(2):
                fn()
            xs = []
            for _ in range(args.repeats):
                start = time.process_time()
                fn()
                xs.append((time.process_time() - start) * 1e3)
            xs.sort()
            return xs[len(xs) // 2]

        def infer():
            with torch.no_grad():
                run()

        def train_step():
            for x in params.values():
                x.grad = None
            loss_of(run(), t).backward()

        timings = {"inference_ms": median(infer)}
        timings["peak_rss_inference_mib"] = peak_rss_mib()
        timings["train_step_ms"] = median(train_step)
        for x in params.values():
            x.grad = None

    t0 = time.perf_counter()
    outputs = run()
    loss = loss_of(outputs, t)
    t1 = time.perf_counter()
    loss.backward()
    t2 = time.perf_counter()
    out = {"out.loss": loss.detach().view(1)}
    for i, o in enumerate(outputs):
        for k, x in o.items():
            out[f"out.{k}_{i}"] = x.detach()
    for k, x in params.items():
        out["grad." + k] = x.grad if x.grad is not None else torch.zeros_like(x)
    timings["peak_rss_mib"] = peak_rss_mib()
    safetensors_io.save(args.out, out, {"torch": torch.__version__, "forward_ms": (t1 - t0) * 1e3, "backward_ms": (t2 - t1) * 1e3,
                                          **{k: f"{x:.4f}" for k, x in timings.items()}})


if __name__ == "__main__":
    main()
