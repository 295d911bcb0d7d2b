#!/usr/bin/python3
"""PyTorch (CPU) side of `polypose bench engine`.

Runs the same workloads as bench/Polypose.Benchmarks/Engine/EngineBenchmark.cs with the same thread count and
prints one JSON object: {"peer": "torch <version>", "threads": N, "results": {name: {"median_ms": .., "runs": ..}},
"block_peak_rss_delta_mb": ..}. Timing: warm-up runs, then the median of repeated runs (time.perf_counter).
Run with Debian's python3-torch: /usr/bin/python3 bench/torch/engine_bench.py --threads 2
"""
import argparse
import json
import resource
import statistics
import sys
import time


def rss_mb():
    with open("/proc/self/statm") as f:
        pages = int(f.read().split()[1])
    return pages * resource.getpagesize() / (1 << 20)


def peak_rss_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def timed(fn, warmup, repeats):
    """Warm-up (at least `warmup` runs and, up to 60 runs, 0.5 s), then the median of `repeats` timed runs in ms."""
    start = time.perf_counter()
    i = 0
    while i < warmup or (i < 60 and time.perf_counter() - start < 0.5):
        fn()
        i += 1
    samples = []
    while len(samples) < repeats:
        t0 = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - t0) * 1000.0)
    return {"median_ms": statistics.median(samples), "runs": len(samples)}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()

    import torch
    import torch.nn as nn
    import torch.nn.functional as F

    torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    reps = 3 if args.quick else args.repeats
    res = {}

    # Pre-norm transformer block (d=256, 8 heads, 150 tokens), forward + backward; first, for the memory delta.
    class Block(nn.Module):
        def __init__(self, d=256, heads=8):
            super().__init__()
            self.ln1 = nn.LayerNorm(d)
            self.attn = nn.MultiheadAttention(d, heads, batch_first=True)
            self.ln2 = nn.LayerNorm(d)
            self.fc1 = nn.Linear(d, 4 * d)
            self.fc2 = nn.Linear(4 * d, d)

        def forward(self, x):
            h = self.ln1(x)
            x = x + self.attn(h, h, h)[0]
            return x + self.fc2(F.gelu(self.fc1(self.ln2(x))))

    rss_before = rss_mb()
    block = Block()
    xb = torch.randn(1, 150, 256)

    def block_step():
        block.zero_grad(set_to_none=True)
        block(xb).square().mean().backward()

    res["block_fwd_bwd"] = timed(block_step, 3, reps)
    block_peak_delta = peak_rss_mb() - rss_before

    for n in (256, 1024, 2048):
        a = torch.randn(n, n)
        b = torch.randn(n, n)
        c = torch.empty(n, n)
        res[f"gemm_{n}"] = timed(lambda: torch.mm(a, b, out=c), 2, reps if n < 2048 else max(3, reps // 2))

    x = torch.randn(1, 64, 56, 56, requires_grad=True)
    w = torch.randn(64, 64, 3, 3, requires_grad=True)
    gy = torch.randn(1, 64, 56, 56)

    def conv_step():
        x.grad = None
        w.grad = None
        F.conv2d(x, w, padding=1).backward(gy)

    res["conv3x3_64_fwd_bwd"] = timed(conv_step, 2, reps)

    xd = torch.randn(1, 128, 56, 56, requires_grad=True)
    wd = torch.randn(128, 1, 3, 3, requires_grad=True)
    gyd = torch.randn(1, 128, 56, 56)
    with torch.no_grad():
        res["dw3x3_128_fwd"] = timed(lambda: F.conv2d(xd, wd, padding=1, groups=128), 2, reps)

    def dw_step():
        xd.grad = None
        wd.grad = None
        F.conv2d(xd, wd, padding=1, groups=128).backward(gyd)

    res["dw3x3_128_fwd_bwd"] = timed(dw_step, 2, reps)

    s = torch.randn(16)
    a16 = torch.randn(16)
    b16 = torch.randn(16)

    def small_ops():
        y = s
        for _ in range(500):
            y = y * a16
            y = y + b16
        return y

    with torch.no_grad():
        res["small_ops_1000"] = timed(small_ops, 2, reps)

    params = [torch.randn(1_000_000, requires_grad=True) for _ in range(5)]
    for p in params:
        p.grad = torch.randn_like(p)
    opt = torch.optim.Adam(params, lr=1e-3)
    res["adam_5m_step"] = timed(opt.step, 2, reps)

    print(json.dumps({
        "peer": f"torch {torch.__version__}",
        "threads": args.threads,
        "results": res,
        "block_peak_rss_delta_mb": block_peak_delta,
    }))
    return 0


if __name__ == "__main__":
    sys.exit(main())
