using Polypose.Benchmarks.Crowd;
using Polypose.Benchmarks.Detect;
using Polypose.Benchmarks.Dispose;
using Polypose.Benchmarks.Engine;
using Polypose.Benchmarks.Formats;
using Polypose.Benchmarks.Reconstruct;
using Polypose.Benchmarks.Stage1;
using Polypose.Benchmarks.Stage2;
using Polypose.Benchmarks.Synthesis;

// Benchmarks are reached through `./polypose bench <name>`; each prints a table (or --json) with the measured figures.
var usage = "usage: polypose bench engine [--json] [--threads N] | polypose bench reconstruct --data DIR [--json] | polypose bench synth [--json] [--repeats N] | polypose bench stage1-sampler [--json] [--threads N] [--dim D] | polypose bench dispose [--json] [--data DIR] [--frames N] [--reference-frames N] [--config cpu|reference|both] [--dim D] [--model PATH] [--no-torch] [--sweep] | polypose bench detect [--images DIR] [--long-side N] [--repeat N] [--fixture FILE] | polypose bench crowd [--people N] [--frames F] | polypose bench stage2-loss [--json] [--views V] [--people P] [--layers L] | polypose bench formats [--lines N] [--repeats R]";
if (args.Length == 0)
{
    Console.Error.WriteLine(usage);
    return 2;
}

return args[0] switch
{
    "engine" => EngineBenchmark.Run(args[1..]),
    "reconstruct" => ReconstructBenchmark.Run(args[1..]),
    "synth" => SynthBenchmark.Run(args[1..]),
    "stage1-sampler" => Stage1SamplerBenchmark.Run(args[1..]),
    "detect" => DetectBenchmark.Run(args[1..]),
    "dispose" => DisposeBenchmark.Run(args[1..]),
    "crowd" => CrowdBenchmark.Run(args[1..]),
    "stage2-loss" => Stage2LossBenchmark.Run(args[1..]),
    "formats" => FormatDetectionBenchmark.Run(args[1..]),
    _ => Fail($"unknown benchmark '{args[0]}'\n{usage}"),
};

static int Fail(string message)
{
    Console.Error.WriteLine($"error: {message}");
    return 2;
}
