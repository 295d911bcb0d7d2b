#!/usr/bin/python3
"""PyTorch twin of Polypose's DisPOSE Stage I denoiser and sparse Sinkhorn (learning.md 5).

Reads a safetensors batch written by Polypose (weights `param.<name>`, inputs `in.*`, configuration in the metadata),
runs the same GCN denoiser (dispose.md 3.7, written here independently in plain torch ops), projects its logits with
the float64 log-domain Sinkhorn of sinkhorn_reference.py and forms the Stage I loss 0.5·X + 0.25·U (3.5, 5.2), then
backpropagates. Writes `out.logits`, `out.loss`, `out.x_hat` and `grad.<name>` for every parameter and
`grad.node_features` to --out (safetensors), plus forward/backward timings in its metadata.
Run: /usr/bin/python3 bench/torch/stage1_twin.py --in batch.safetensors --out twin.safetensors [--threads 1] [--repeats N]
(--repeats: median inference and training-step times for `polypose bench dispose`)
"""
import argparse
import math
import os
import sys
import time

import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import safetensors_io  # noqa: E402
from sinkhorn_reference import project  # noqa: E402


def alpha_bar(t):
    f = lambda s: math.cos(((s / 999.0) + 0.008) / 1.008 * math.pi / 2) ** 2  # noqa: E731
    return min(max(f(t) / f(0), 1e-4), 1.0)


def linear(p, name, x, bias=True):
    return F.linear(x, p[name + ".weight"], p.get(name + ".bias") if bias else None)


def mlp(p, name, x):
    """Linear / SiLU alternation over the Linear layers of a Polypose Mlp (Sequential indices read from the names;
    dropout layers, present only when its rate is > 0, hold no weights and are inactive here)."""
    prefix = name + ".layers."
    layers = sorted({int(k[len(prefix):].split(".")[0]) for k in p if k.startswith(prefix)})
    for i, k in enumerate(layers):
        x = linear(p, f"{name}.layers.{k}", x)
        if i + 1 < len(layers):
            x = F.silu(x)
    return x


def seg_softmax(x, index, n):
    mx = torch.full((n,) + x.shape[1:], -math.inf, dtype=x.dtype).scatter_reduce(
        0, index.view(-1, *([1] * (x.dim() - 1))).expand_as(x), x, reduce="amax", include_self=True)
    e = torch.exp(x - mx.detach()[index])
    s = torch.zeros((n,) + x.shape[1:], dtype=x.dtype).index_add(0, index, e)
    return e / s[index]


def seg_sum(x, index, n):
    return torch.zeros((n,) + x.shape[1:], dtype=x.dtype).index_add(0, index, x)


def seg_max(x, index, n):
    out = torch.zeros((n,) + x.shape[1:], dtype=x.dtype)
    return out.scatter_reduce(0, index.view(-1, 1).expand_as(x), x, reduce="amax", include_self=False)


def layer_norm(x, p=None, name=None):
    w = p[name + ".weight"] if p is not None else None
    b = p[name + ".bias"] if p is not None else None
    return F.layer_norm(x, (x.shape[-1],), w, b, 1e-5)


def attend(p, name, tgt, src, ti, si, n_t, heads):
    d = tgt.shape[-1]
    dh = d // heads
    q = linear(p, name + ".q", tgt, bias=False)[ti].view(-1, heads, dh)
    k = linear(p, name + ".k", src, bias=False)[si].view(-1, heads, dh)
    v = linear(p, name + ".v", src, bias=False)[si]
    logits = (q * k).sum(-1) / math.sqrt(dh)
    alpha = seg_softmax(logits, ti, n_t)
    msg = seg_sum((alpha.unsqueeze(-1) * v.view(-1, heads, dh)).reshape(-1, d), ti, n_t)
    pooled = seg_max(v, ti, n_t)
    return linear(p, name + ".out", torch.cat([msg, pooled], -1))


def ffn(p, name, x):
    return linear(p, name + ".ffn_out", F.silu(linear(p, name + ".ffn_in", x)))


def message_passing(p, name, hn, he, node_cond, edge_cond, inc_node, inc_edge, heads):
    mod = lambda x, s, b: layer_norm(x) * (1 + s) + b  # noqa: E731
    nc = linear(p, name + ".node_ada", F.silu(node_cond)).chunk(8, -1)
    ec = linear(p, name + ".edge_ada", F.silu(edge_cond)).chunk(8, -1)
    m, nn_ = he.shape[0], hn.shape[0]
    he = he + ec[4] * attend(p, name + ".node_to_edge", mod(he, ec[2], ec[3]), mod(hn, nc[0], nc[1]), inc_edge, inc_node, m, heads)
    he = he + ec[7] * ffn(p, name + ".node_to_edge", mod(he, ec[5], ec[6]))
    hn = hn + nc[4] * attend(p, name + ".edge_to_node", mod(hn, nc[2], nc[3]), mod(he, ec[0], ec[1]), inc_node, inc_edge, nn_, heads)
    hn = hn + nc[7] * ffn(p, name + ".edge_to_node", mod(hn, nc[5], nc[6]))
    return hn, he


def edge_attention(p, he, edge_sample, samples, heads):
    m, d = he.shape
    counts = torch.bincount(edge_sample, minlength=samples)
    longest = max(1, int(counts.max()))
    rank = torch.zeros(m, dtype=torch.long)
    seen = [0] * samples
    for e in range(m):
        b = int(edge_sample[e])
        rank[e] = b * longest + seen[b]
        seen[b] += 1
    dense = torch.zeros(samples * longest, d).index_add(0, rank, he).view(samples, longest, d)
    pad = torch.ones(samples * longest, dtype=torch.bool)
    pad[rank] = False
    pad = pad.view(samples, longest)
    qkv = F.linear(dense, p["edge_attn.attn.in_proj_weight"], p["edge_attn.attn.in_proj_bias"])
    q, k, v = qkv.chunk(3, -1)
    dh = d // heads
    split = lambda x: x.view(samples, longest, heads, dh).transpose(1, 2)  # noqa: E731
    scores = split(q) @ split(k).transpose(-1, -2) / math.sqrt(dh)
    scores = scores.masked_fill(pad[:, None, None, :], -math.inf)
    att = (torch.softmax(scores, -1) @ split(v)).transpose(1, 2).reshape(samples, longest, d)
    att = linear(p, "edge_attn.attn.out_proj", att)
    x = layer_norm(dense + att, p, "edge_attn.norm1")
    x = layer_norm(x + ffn(p, "edge_attn", x), p, "edge_attn.norm2")
    return x.reshape(samples * longest, d)[rank]


def denoiser(p, cfg, node_features, state, timesteps, cue, edge_sample, inc_node, inc_edge, samples, per_sample):
    d, heads, layers = cfg["dim"], cfg["heads"], cfg["layers"]
    m = state.shape[0]
    nodes = node_features.shape[0]
    node_sample = torch.arange(nodes) // per_sample
    half = d // 2
    freqs = torch.tensor([math.exp(-math.log(1e4) * i / max(1, half - 1)) for i in range(half)], dtype=torch.float64)
    arg = timesteps.to(torch.float64)[:, None] * freqs[None, :]
    sinus = torch.cat([torch.cos(arg), torch.sin(arg)], -1).to(torch.float32)
    t_emb = mlp(p, "time_embed.mlp", sinus)
    gate = torch.tensor([math.sqrt(1 - alpha_bar(int(t))) for t in timesteps], dtype=torch.float32)[:, None]
    t_e, t_n = t_emb[edge_sample], t_emb[node_sample]
    s_e, s_n = gate[edge_sample], gate[node_sample]
    z = cue.view(m, 1).clamp(1e-6, 1 - 1e-6)
    z_emb = mlp(p, "z_embed", torch.log(z / (1 - z))) * s_e
    h_w = linear(p, "state_embed", state.view(m, 1))
    he = h_w + t_e
    hn = linear(p, "node_in", node_features) * s_n + t_n
    g, b = linear(p, "film", z_emb).chunk(2, -1)
    he = layer_norm(he, p, "film_norm") * (1 + g) + b
    for i in range(layers):
        he = he + h_w
        hn, he = message_passing(p, f"layer_{i}", hn, he, t_n, t_e + z_emb, inc_node, inc_edge, heads)
    he = edge_attention(p, layer_norm(he, p, "edge_norm"), edge_sample, samples, heads)
    mean = seg_sum(mlp(p, "head.member_mlp", hn)[inc_node], inc_edge, m) / torch.bincount(inc_edge, minlength=m).clamp(min=1)[:, None]
    g, b = linear(p, "head.film_out", F.silu(linear(p, "head.film_in", he))).chunk(2, -1)
    mod = (1 + g) * mean + b
    return linear(p, "head.classifier", torch.cat([mlp(p, "head.set_mlp", mod), he], -1)).view(m)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--in", dest="inp", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--repeats", type=int, default=0,
                    help="also time inference (no grad: denoiser, then denoiser + Sinkhorn) and the training step "
                         "(forward + loss + backward) this many times after 2 warm-up runs; medians go to the metadata")
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    t, meta = safetensors_io.load(args.inp)
    cfg = {k: int(meta[k]) for k in ("dim", "heads", "layers", "samples", "views", "slots", "inner_iterations")}
    params = {k[len("param."):]: v.clone().requires_grad_(True) for k, v in t.items() if k.startswith("param.")}
    node_features = t["in.node_features"].clone().requires_grad_(True)
    tuples = t["in.tuples"].view(-1, cfg["views"])
    edge_sample = t["in.edge_sample"]
    mask_flat = t["in.node_mask"].bool()
    samples, views, slots = cfg["samples"], cfg["views"], cfg["slots"]
    inc_node, inc_edge = [], []
    for e in range(tuples.shape[0]):
        for v in range(views):
            n = int(tuples[e, v])
            if n >= 0:
                inc_node.append((int(edge_sample[e]) * views + v) * slots + n)
                inc_edge.append(e)
    inc_node = torch.tensor(inc_node, dtype=torch.long)
    inc_edge = torch.tensor(inc_edge, dtype=torch.long)
    mask = mask_flat.view(samples, views, slots).tolist()

    def run():
        logits = denoiser(params, cfg, node_features, t["in.state"], t["in.timesteps"], t["in.cue"], edge_sample,
                          inc_node, inc_edge, samples, views * slots)
        x_hat = project(logits.clamp(-30, 30).to(torch.float64), mask, tuples.tolist(), edge_sample.tolist(), samples, views,
                        slots, cfg["inner_iterations"]).to(torch.float32)
        u_hat = torch.log(x_hat.clamp(min=1e-12)).clamp(-30, 30)
        loss = 0.5 * ((x_hat - t["in.x0"]) ** 2).mean() + 0.25 * ((u_hat - t["in.u0"]) ** 2).mean()
        return logits, x_hat, loss

    timings = {}
    if args.repeats > 0:
        def median(fn):
            for _ in range(2):
                fn()
            samples = []
            for _ in range(args.repeats):
                start = time.perf_counter()
                fn()
                samples.append((time.perf_counter() - start) * 1e3)
            samples.sort()
            return samples[len(samples) // 2]

        def infer_denoiser():
            with torch.no_grad():
                denoiser(params, cfg, node_features, t["in.state"], t["in.timesteps"], t["in.cue"], edge_sample,
                         inc_node, inc_edge, samples, views * slots)

        def infer():
            with torch.no_grad():
                run()

        def train_step():
            for v in list(params.values()) + [node_features]:
                v.grad = None
            run()[2].backward()

        timings = {"denoiser_ms": median(infer_denoiser), "inference_ms": median(infer), "train_step_ms": median(train_step)}
        for v in list(params.values()) + [node_features]:
            v.grad = None

    t0 = time.perf_counter()
    logits, x_hat, loss = run()
    t1 = time.perf_counter()
    loss.backward()
    t2 = time.perf_counter()
    out = {"out.logits": logits.detach(), "out.x_hat": x_hat.detach(), "out.loss": loss.detach().view(1),
           "grad.node_features": node_features.grad}
    for k, v in params.items():
        out["grad." + k] = v.grad if v.grad is not None else torch.zeros_like(v)
    safetensors_io.save(args.out, out, {"torch": torch.__version__, "forward_ms": (t1 - t0) * 1e3, "backward_ms": (t2 - t1) * 1e3,
                                          **{k: f"{v:.4f}" for k, v in timings.items()}})


if __name__ == "__main__":
    main()
