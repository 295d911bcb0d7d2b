#!/usr/bin/python3
"""Independent PyTorch (float64, autograd) implementation of DisPOSE's sparse multi-marginal Sinkhorn (dispose.md 3.4).

Writes tests/Polypose.Learning.Tests/Fixtures/sinkhorn_reference.json: a few seeded random sparse instances (graph,
logits, iteration count, loss weights) with the projected masses x and d(sum_e w_e x_e)/d logits computed here by
torch autograd. The C# test (SparseSinkhornReferenceTests) re-runs Polypose's Sinkhorn on the same instances.
Run with Debian's python3-torch:  /usr/bin/python3 bench/torch/sinkhorn_reference.py
"""
import json
import math
import os
import random

import torch

ALPHA = 0.6607
SLACK = 1e-3


def random_instance(rng, samples, views, slots, people, extra):
    mask = [[[False] * slots for _ in range(views)] for _ in range(samples)]
    tuples, edge_sample = [], []
    for b in range(samples):
        # people seen in random views; one view of sample 1 may be empty
        nodes = [[] for _ in range(views)]
        for v in range(views):
            k = rng.randint(0, people)
            for n in range(k):
                mask[b][v][n] = True
                nodes[v].append(n)
        seen = set()
        for v in range(views):
            for n in nodes[v]:
                t = [-1] * views
                t[v] = n
                seen.add(tuple(t))
        for _ in range(extra):
            t = [rng.choice(nodes[v] + [-1]) for v in range(views)]
            if any(x >= 0 for x in t):
                seen.add(tuple(t))
        # an edge touching an invalid slot (must come out zero)
        t = [-1] * views
        t[0] = slots - 1
        if not mask[b][0][slots - 1]:
            seen.add(tuple(t))
        for t in sorted(seen):
            tuples.append(list(t))
            edge_sample.append(b)
    return mask, tuples, edge_sample


def project(logits, mask, tuples, edge_sample, samples, views, slots, iters):
    m = len(tuples)
    valid = [[list(row) for row in s] for s in mask]
    for b in range(samples):
        if sum(1 for v in range(views) if any(valid[b][v])) < 2:
            valid[b] = [[False] * slots for _ in range(views)]
    groups_per_view = samples * (slots + 1)
    log_t = torch.full((views, groups_per_view), -math.inf, dtype=torch.float64)
    for b in range(samples):
        any_valid = any(any(r) for r in valid[b])
        for v in range(views):
            cnt = sum(valid[b][v])
            for n in range(slots):
                if valid[b][v][n]:
                    log_t[v, b * (slots + 1) + n] = -math.log(slots)
            log_t[v, b * (slots + 1) + slots] = 0.0 if not any_valid else math.log((slots - cnt + SLACK) / slots)
    all_t = tuples + [[-1] * views for _ in range(samples)]
    all_b = edge_sample + list(range(samples))
    total = m + samples
    group = torch.zeros((views, total), dtype=torch.long)
    prior = torch.zeros(total, dtype=torch.float64)
    ok = torch.ones(total, dtype=torch.bool)
    for e in range(total):
        b = all_b[e]
        for v in range(views):
            n = all_t[e][v]
            if n < 0:
                prior[e] += ALPHA
                n = slots
            elif not valid[b][v][n]:
                ok[e] = False
            group[v, e] = b * (slots + 1) + n
    ell = torch.cat([logits, torch.zeros(samples, dtype=torch.float64)]) + prior
    ell = torch.where(ok, ell, torch.full_like(ell, -math.inf))
    for _ in range(iters):
        for v in range(views):
            g = group[v]
            mx = torch.full((groups_per_view,), -math.inf, dtype=torch.float64)
            mx = mx.scatter_reduce(0, g, ell.detach(), reduce="amax", include_self=True)
            mxe = mx[g]
            finite_m = torch.isfinite(mxe)
            shifted = torch.where(finite_m, torch.exp(ell - torch.where(finite_m, mxe, torch.zeros_like(mxe))), torch.zeros_like(ell))
            s = torch.zeros(groups_per_view, dtype=torch.float64).index_add(0, g, shifted)
            lse = torch.where(torch.isfinite(mx), mx + torch.log(torch.clamp(s, min=1e-30)), torch.full_like(mx, -math.inf))
            upd = log_t[v] - lse
            use = torch.isfinite(log_t[v]) & torch.isfinite(lse)
            upd = torch.where(use, upd, torch.zeros_like(upd))
            ell = ell + upd[g]
    return torch.exp(ell[:m])


def main():
    rng = random.Random(925)
    torch.manual_seed(925)
    cases = []
    for (samples, views, slots, people, extra, iters) in [(2, 3, 4, 3, 12, 4), (3, 5, 10, 4, 60, 2), (2, 4, 5, 4, 30, 10)]:
        mask, tuples, edge_sample = random_instance(rng, samples, views, slots, people, extra)
        m = len(tuples)
        logits = torch.randn(m, dtype=torch.float64) * 2.0
        weights = torch.randn(m, dtype=torch.float64)
        x_in = logits.clone().requires_grad_(True)
        x = project(x_in, mask, tuples, edge_sample, samples, views, slots, iters)
        (x * weights).sum().backward()
        cases.append({
            "samples": samples, "views": views, "slots": slots, "iterations": iters,
            "node_mask": [bool(c) for s in mask for r in s for c in r],
            "tuples": [n for t in tuples for n in t], "edge_sample": edge_sample,
            "logits": logits.tolist(), "weights": weights.tolist(),
            "probabilities": x.detach().tolist(), "grad_logits": x_in.grad.tolist(),
        })
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "tests", "Polypose.Learning.Tests",
                       "Fixtures", "sinkhorn_reference.json")
    with open(out, "w") as f:
        json.dump({"generator": "bench/torch/sinkhorn_reference.py", "torch": torch.__version__, "alpha": ALPHA,
                   "cases": cases}, f, indent=1)
        f.write("\n")
    print(f"wrote {len(cases)} cases to {os.path.normpath(out)}")


if __name__ == "__main__":
    main()
