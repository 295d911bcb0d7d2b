using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Polypose.Detection.Images;
using Polypose.Detection.Models;
using Polypose.Detection.MoveNet;
using Polypose.Detection.TfjsGraph;
using Polypose.Tensors.Kernels;

namespace Polypose.Benchmarks.Detect;

/// <summary>
/// <c>polypose bench detect</c>: milliseconds per MoveNet MultiPose frame, ours (TF.js graph runtime on
/// Polypose.Tensors) and TF.js 4.22's wasm backend, both on one thread, in the same run on the same letterboxed
/// inputs (images of ../shared/data/panoptic-demo by default), plus the largest difference between the two outputs.
/// Times are the minimum and median over --repeat runs per image after one warm-up, wall clock and CPU time (our
/// compute thread's; the node process's for TF.js, whose wasm backend runs on node's main thread with 1 thread). <c>--fixture FILE</c> also
/// writes TF.js's outputs as the numerics fixture of tests/Polypose.Detection.Tests.
/// </summary>
public static class DetectBenchmark
{
    private const string Usage = "usage: polypose bench detect [--images DIR] [--long-side N] [--repeat N] [--limit N] [--fixture FILE] [--json] [--ours-only] [--profile] [--save-ours FILE] [--against FILE]";

    public static int Run(string[] args)
    {
        string? images = null, fixture = null, saveOurs = null, against = null;
        int longSide = 640, repeat = 3, limit = int.MaxValue;
        bool json = false, oursOnly = false, profile = false;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--images" when i + 1 < args.Length: images = args[++i]; break;
                case "--fixture" when i + 1 < args.Length: fixture = args[++i]; break;
                case "--long-side" when i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var l) && l >= 32: longSide = l; i++; break;
                case "--repeat" when i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var r) && r > 0: repeat = r; i++; break;
                case "--limit" when i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var k) && k > 0: limit = k; i++; break;
                case "--json": json = true; break;
                case "--ours-only": oursOnly = true; break;
                case "--save-ours" when i + 1 < args.Length: saveOurs = args[++i]; break;
                case "--against" when i + 1 < args.Length: against = args[++i]; break;
                case "--profile": profile = true; oursOnly = true; break;
                default:
                    Console.Error.WriteLine($"error: unexpected argument '{args[i]}'\n{Usage}");
                    return 2;
            }
        }

        var root = RepoRoot();
        images ??= Path.Combine(root, "..", "shared", "data", "panoptic-demo");
        if (!Directory.Exists(images))
        {
            Console.Error.WriteLine($"error: {images}: image folder not found\n{Usage}");
            return 2;
        }

        var store = ModelStore.Default();
        string modelJson;
        try
        {
            modelJson = store.Require(ModelCatalog.MultiPose);
        }
        catch (FileNotFoundException e)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return 2;
        }

        var files = Directory.EnumerateFiles(images, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".jpg", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".png", StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal).Take(limit).ToList();
        var temp = Directory.CreateTempSubdirectory("polypose-bench-detect-");
        try
        {
            TensorThreads.Count = 1;
            var net = new MoveNetMultiPose(TfjsModel.Load(modelJson));
            var inputs = new List<(string File, Letterbox Box, int[] Input, string Name)>();
            for (var i = 0; i < files.Count; i++)
            {
                var image = ImageFile.Read(files[i]);
                var box = Letterbox.Fit(image.Width, image.Height, longSide);
                var input = box.Render(image);
                var name = $"{i:D4}";
                File.WriteAllBytes(Path.Combine(temp.FullName, $"{name}_{box.InputWidth}x{box.InputHeight}.rgb"), [.. input.Select(v => (byte)v)]);
                inputs.Add((files[i], box, input, name));
            }

            Console.Error.WriteLine($"ours: {inputs.Count} images at {inputs[0].Box.InputWidth}x{inputs[0].Box.InputHeight}, {repeat} runs each after a warm-up, 1 thread");
            net.RunRaw(inputs[0].Input, inputs[0].Box.InputWidth, inputs[0].Box.InputHeight);
            var ours = new List<(float[] Output, double[] Ms, double[] Cpu)>();
            foreach (var (_, box, input, _) in inputs)
            {
                var ms = new double[repeat];
                var cpu = new double[repeat];
                float[] output = [];
                for (var r = 0; r < repeat; r++)
                {
                    var t = Stopwatch.GetTimestamp();
                    var c = ThreadClock.NowMs();
                    var y = net.RunRaw(input, box.InputWidth, box.InputHeight);
                    ms[r] = Stopwatch.GetElapsedTime(t).TotalMilliseconds;
                    cpu[r] = ThreadClock.NowMs() - c;
                    output = y.Floats[..y.Length];
                }

                ours.Add((output, ms, cpu));
            }

            var flat = ours.SelectMany(o => o.Output).ToArray();
            if (saveOurs is not null)
            {
                File.WriteAllBytes(saveOurs, System.Runtime.InteropServices.MemoryMarshal.AsBytes(flat.AsSpan()).ToArray());
            }

            if (against is not null)
            {
                var earlier = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(File.ReadAllBytes(against)).ToArray();
                var (dc, ds) = Differences(flat, earlier);
                Console.WriteLine($"  max |ours - {Path.GetFileName(against)}|: coordinates {dc:E2}, scores {ds:E2} ({(flat.Length == earlier.Length ? "same length" : "LENGTHS DIFFER")})");
            }

            if (oursOnly)
            {
                var size1 = $"{inputs[0].Box.InputWidth}x{inputs[0].Box.InputHeight}";
                Console.WriteLine($"MoveNet MultiPose, {inputs.Count} images, input {size1}, 1 thread (GEMM: {Gemm.Backend}), ours only");
                Console.WriteLine($"  ours        min {ours.Select(o => o.Ms.Min()).Average(),8:F1} ms   median {ours.Select(o => Median(o.Ms)).Average(),8:F1} ms per frame   thread CPU min {ours.Select(o => o.Cpu.Min()).Average(),8:F1} ms");
                if (profile)
                {
                    PrintProfile(TfjsModel.Load(modelJson), inputs[0].Input, inputs[0].Box.InputWidth, inputs[0].Box.InputHeight, repeat);
                }

                return 0;
            }

            Console.Error.WriteLine("TF.js wasm: same inputs, 1 thread (bench/tfjs/movenet.mjs)...");
            var peer = TfjsPeer.Execute(root, modelJson, temp.FullName, repeat + 1);
            double maxCoord = 0, maxScore = 0;
            for (var i = 0; i < inputs.Count; i++)
            {
                var (c, s) = Differences(ours[i].Output, peer.Results[i].Output);
                maxCoord = Math.Max(maxCoord, c);
                maxScore = Math.Max(maxScore, s);
            }

            var oursMin = ours.Select(o => o.Ms.Min()).Average();
            var oursMedian = ours.Select(o => Median(o.Ms)).Average();
            var peerMin = peer.Results.Select(r => r.Milliseconds.Skip(1).Min()).Average();
            var peerMedian = peer.Results.Select(r => Median([.. r.Milliseconds.Skip(1)])).Average();
            var oursCpu = ours.Select(o => o.Cpu.Min()).Average();
            var peerCpu = peer.Results.All(r => r.CpuMilliseconds.Length > 1) ? peer.Results.Select(r => r.CpuMilliseconds.Skip(1).Min()).Average() : double.NaN;
            var size = $"{inputs[0].Box.InputWidth}x{inputs[0].Box.InputHeight}";
            if (json)
            {
                Console.WriteLine(JsonSerializer.Serialize(new
                {
                    images = inputs.Count,
                    input = size,
                    threads = 1,
                    ours_ms_min = oursMin,
                    ours_ms_median = oursMedian,
                    tfjs_ms_min = peerMin,
                    tfjs_ms_median = peerMedian,
                    ratio_min = oursMin / peerMin,
                    ours_thread_cpu_ms_min = oursCpu,
                    tfjs_process_cpu_ms_min = peerCpu,
                    ratio_cpu_min = oursCpu / peerCpu,
                    max_coordinate_difference = maxCoord,
                    max_score_difference = maxScore,
                    tfjs = peer.Version,
                    backend = peer.Backend,
                    gemm = Gemm.Backend,
                }));
            }
            else
            {
                Console.WriteLine($"MoveNet MultiPose, {inputs.Count} images, input {size}, 1 thread (GEMM: {Gemm.Backend}; TF.js {peer.Version} {peer.Backend})");
                Console.WriteLine($"  ours        min {oursMin,8:F1} ms   median {oursMedian,8:F1} ms per frame");
                Console.WriteLine($"  TF.js wasm  min {peerMin,8:F1} ms   median {peerMedian,8:F1} ms per frame");
                Console.WriteLine($"  ours / TF.js (min): {oursMin / peerMin:F2}");
                Console.WriteLine($"  CPU time (min): ours {oursCpu:F1} ms (compute thread), TF.js {peerCpu:F1} ms (node process), ratio {oursCpu / peerCpu:F2}");
                Console.WriteLine($"  max |ours - TF.js|: keypoint/box coordinates {maxCoord:E2} (normalised), scores {maxScore:E2}");
            }

            if (fixture is not null)
            {
                WriteFixture(fixture, images, modelJson, longSide, peer, inputs.Select(i => (i.File, i.Box, i.Input)).ToList());
                Console.Error.WriteLine($"wrote {fixture}");
            }

            return 0;
        }
        finally
        {
            temp.Delete(true);
        }
    }

    /// <summary>Thread CPU milliseconds per op type over <paramref name="repeat"/> runs of one input (after a warm-up), largest first.</summary>
    private static void PrintProfile(TfjsModel model, int[] input, int width, int height, int repeat)
    {
        var executor = new TfjsExecutor(model, [MoveNetMultiPose.OutputName]);
        var feed = new Dictionary<string, TfjsTensor>(StringComparer.Ordinal) { [model.InputNames[0]] = TfjsTensor.FromInts([1, height, width, 3], input) };
        executor.Run(feed);
        var table = new Dictionary<string, double>(StringComparer.Ordinal);
        var nodes = new Dictionary<string, double>(StringComparer.Ordinal);
        executor.OpMilliseconds = table;
        executor.NodeMilliseconds = nodes;
        executor.ProfileClock = ThreadClock.NowMs;
        for (var r = 0; r < repeat; r++)
        {
            executor.Run(feed);
        }

        var total = table.Values.Sum();
        Console.WriteLine($"  per op type, thread CPU ms per frame (sum {total / repeat:F1}):");
        foreach (var (op, ms) in table.OrderByDescending(kv => kv.Value))
        {
            Console.WriteLine($"    {op,-28} {ms / repeat,8:F2}  {100 * ms / total,5:F1}%");
        }

        Console.WriteLine("  slowest nodes, thread CPU ms per frame:");
        foreach (var (node, ms) in nodes.OrderByDescending(kv => kv.Value).Take(60))
        {
            Console.WriteLine($"    {ms / repeat,8:F2}  {node}");
        }
    }

    /// <summary>Largest coordinate and score differences between two [P, 56] outputs.</summary>
    internal static (double Coordinates, double Scores) Differences(float[] a, float[] b)
    {
        double c = 0, s = 0;
        for (var i = 0; i < Math.Min(a.Length, b.Length); i++)
        {
            var k = i % 56;
            var isScore = k == 55 || (k < 51 && k % 3 == 2);
            var d = Math.Abs(a[i] - b[i]);
            if (isScore)
            {
                s = Math.Max(s, d);
            }
            else
            {
                c = Math.Max(c, d);
            }
        }

        return (c, s);
    }

    private static void WriteFixture(string path, string imageRoot, string modelJson, int longSide, TfjsPeer.Run peer, List<(string File, Letterbox Box, int[] Input)> inputs)
    {
        var shared = Path.GetFullPath(Path.Combine(imageRoot, ".."));
        var doc = new
        {
            generator = "polypose bench detect --fixture (bench/tfjs/movenet.mjs, TF.js wasm backend, 1 thread); remake with bench/tfjs/make-fixture.sh",
            tfjs = peer.Version,
            backend = peer.Backend,
            model = Path.GetFileName(modelJson),
            model_sha256 = ModelInstaller.Sha256(modelJson),
            long_side = longSide,
            images = inputs.Select((x, i) => new
            {
                path = Path.GetRelativePath(shared, x.File).Replace('\\', '/'),
                input_width = x.Box.InputWidth,
                input_height = x.Box.InputHeight,
                input_sha256 = Convert.ToHexStringLower(SHA256.HashData(x.Input.Select(v => (byte)v).ToArray())),
                output = peer.Results[i].Output,
            }),
        };
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.WriteAllText(path, JsonSerializer.Serialize(doc) + "\n");
    }

    private static double Median(double[] values)
    {
        var s = values.Order().ToArray();
        return s.Length % 2 == 1 ? s[s.Length / 2] : (s[(s.Length / 2) - 1] + s[s.Length / 2]) / 2;
    }

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Directory.Packages.props")))
            {
                return dir.FullName;
            }
        }

        return Directory.GetCurrentDirectory();
    }
}
