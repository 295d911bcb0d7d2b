using System.Globalization;
using System.Text.Json;
using Polypose.Benchmarks.Engine;
using Polypose.Learning.Assignment;
using Polypose.Tensors;
using Polypose.Tensors.Kernels;

namespace Polypose.Benchmarks.Stage1;

/// <summary>
/// <c>polypose bench stage1-sampler [--json] [--threads N] [--dim D]</c>: the DisPOSE Stage I sampler (10 denoiser
/// calls, 22 Sinkhorn projections) on a Shelf-sized synthetic hypergraph (1 frame, 5 views, 10 slots, 4 people seen in
/// every view: all 31 view subsets of each person plus 76 seeded mixed tuples = 200 edges), with random node features.
/// Reports the median sampler time, the time of its Sinkhorn projections alone and their share. The deformable
/// attention and the evidence encoder are not included, so the share is an upper bound for full Stage I inference.
/// </summary>
internal static class Stage1SamplerBenchmark
{
    public static int Run(string[] args)
    {
        var json = false;
        var threads = 1;
        var dim = 192;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--json":
                    json = true;
                    break;
                case "--threads" when i + 1 < args.Length && int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var t) && t >= 1:
                    threads = t;
                    i++;
                    break;
                case "--dim" when i + 1 < args.Length && int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var d) && d >= 8 && d % 8 == 0:
                    dim = d;
                    i++;
                    break;
                default:
                    Console.Error.WriteLine($"Error: unknown or incomplete option '{args[i]}'. Usage: bench stage1-sampler [--json] [--threads N] [--dim D (multiple of 8)]");
                    return 2;
            }
        }

        TensorThreads.Count = threads;
        var graph = ShelfSizedGraph();
        var model = new GcnDenoiser(new DenoiserOptions { Dim = dim }, new Generator(925));
        model.Eval();
        var features = Tensor.Randn(new Generator(926), graph.NodeSlotCount, dim);
        var problem = new SparseSinkhornProblem(graph);
        var ddim = new ProjectedDdim(problem);
        var bound = model.Bind(graph, features);
        var logits = Tensor.Randn(new Generator(927), graph.EdgeCount);

        var sampler = BenchTimer.Measure(() => ddim.Sample(bound), warmup: 3, repeats: 15);
        var sinkhorn = BenchTimer.Measure(
            () =>
            {
                using var _ = Tensor.NoGrad();
                SparseSinkhorn.Project(logits, problem, ddim.FinalIterations);
                for (var k = 0; k < 21; k++)
                {
                    SparseSinkhorn.Project(logits, problem, ddim.InnerIterations);
                }
            },
            warmup: 3,
            repeats: 15);
        var share = sinkhorn.MedianMs / sampler.MedianMs;
        if (json)
        {
            Console.WriteLine(JsonSerializer.Serialize(new
            {
                benchmark = "stage1-sampler",
                threads,
                dim,
                edges = graph.EdgeCount,
                sampler_ms = sampler.MedianMs,
                sinkhorn_ms = sinkhorn.MedianMs,
                sinkhorn_share = share,
                frames_per_s = 1000.0 / sampler.MedianMs,
            }));
        }
        else
        {
            Console.WriteLine($"Stage I sampler, d={dim}, {graph.EdgeCount} edges, threads={threads}");
            Console.WriteLine($"  sampler (10 denoiser calls + 22 projections): {sampler.MedianMs:F2} ms  ({1000.0 / sampler.MedianMs:F1} frames/s)");
            Console.WriteLine($"  Sinkhorn projections alone:                  {sinkhorn.MedianMs:F3} ms  ({100 * share:F1}% of the sampler)");
        }

        return 0;
    }

    private static CandidateHyperedges ShelfSizedGraph()
    {
        const int views = 5, slots = 10, people = 4;
        var mask = new bool[views * slots];
        for (var v = 0; v < views; v++)
        {
            for (var p = 0; p < people; p++)
            {
                mask[(v * slots) + p] = true;
            }
        }

        var seen = new HashSet<string>();
        var tuples = new List<int>();
        void Add(int[] t)
        {
            if (t.Any(n => n >= 0) && seen.Add(string.Join(',', t)))
            {
                tuples.AddRange(t);
            }
        }

        for (var p = 0; p < people; p++)
        {
            for (var subset = 1; subset < 1 << views; subset++)
            {
                Add([.. Enumerable.Range(0, views).Select(v => (subset >> v & 1) == 1 ? p : -1)]);
            }
        }

        var rng = new Random(925);
        while (seen.Count < 200)
        {
            Add([.. Enumerable.Range(0, views).Select(_ => rng.Next(-1, people))]);
        }

        var count = tuples.Count / views;
        return new CandidateHyperedges(1, views, slots, [.. tuples], new int[count], mask, [.. Enumerable.Repeat(0.5, count)]);
    }
}
