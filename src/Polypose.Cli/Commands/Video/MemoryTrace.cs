using System.Globalization;

namespace Polypose.Cli.Commands.Video;

/// <summary>
/// Memory figures of a streamed run, one line to stderr every <c>N</c> frames, when <c>POLYPOSE_MEMTRACE=N</c> is set
/// (for tracing growth with video length; off otherwise). Each line: frames done, the process's resident set and its
/// peak (MB, /proc), the GC heap after the last collection, its fragmentation and committed bytes (MB), the managed
/// bytes live after a forced full collection when <c>POLYPOSE_MEMTRACE_FULL=1</c> (MB), and the collections per
/// generation so far, the gen0 allocation budget (MB, as the runtime's own event counter reads it), the bytes allocated
/// since the start (MB) and per output frame since the previous line (MB). The first line
/// also lists the GC's settings (<see cref="GC.GetConfigurationVariables"/>).
/// </summary>
internal sealed class MemoryTrace
{
    private readonly int _every;
    private readonly bool _full;
    private bool _settingsShown;
    private long _allocatedBefore = GC.GetTotalAllocatedBytes(precise: false);
    private int _framesBefore;

    private MemoryTrace(int every, bool full)
    {
        _every = every;
        _full = full;
    }

    /// <summary>The trace asked for by the environment, or null.</summary>
    public static MemoryTrace? FromEnvironment() =>
        int.TryParse(Environment.GetEnvironmentVariable("POLYPOSE_MEMTRACE"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n > 0
            ? new MemoryTrace(n, Environment.GetEnvironmentVariable("POLYPOSE_MEMTRACE_FULL") == "1")
            : null;

    /// <summary>Writes a line when <paramref name="frames"/> is a multiple of the period.</summary>
    public void After(int frames)
    {
        if (frames % _every != 0)
        {
            return;
        }

        if (!_settingsShown)
        {
            _settingsShown = true;
            Console.Error.WriteLine("memtrace gc settings: " + string.Join(" ", GC.GetConfigurationVariables().Select(kv => $"{kv.Key}={kv.Value}")));
        }

        var allocated = GC.GetTotalAllocatedBytes(precise: false);
        var perFrame = (allocated - _allocatedBefore) / (double)Math.Max(1, frames - _framesBefore);
        _allocatedBefore = allocated;
        _framesBefore = frames;
        var live = _full ? GC.GetTotalMemory(forceFullCollection: true) / 1e6 : double.NaN;
        var info = GC.GetGCMemoryInfo();
        var (rss, hwm) = Status();
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"memtrace frames={frames} rss={rss / 1e3:F1} hwm={hwm / 1e3:F1} heap={info.HeapSizeBytes / 1e6:F1} frag={info.FragmentedBytes / 1e6:F1} committed={info.TotalCommittedBytes / 1e6:F1} live={live:F1} gc={GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)} gen0budget={Gen0Budget() / 1e6:F1} allocated={allocated / 1e6:F1} perframe={perFrame / 1e6:F3}"));
    }

    // The runtime's gen0 budget (bytes; the internal GC.GetGenerationBudget that its "gen-0-gc-budget" counter reads), -1 if absent.
    private static long Gen0Budget() =>
        typeof(GC).GetMethod("GetGenerationBudget", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)?.Invoke(null, [0]) is long b ? b : -1;

    // VmRSS and VmHWM in kB (0 when /proc is not there).
    private static (long Rss, long Hwm) Status()
    {
        long rss = 0, hwm = 0;
        try
        {
            foreach (var line in File.ReadLines("/proc/self/status"))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                {
                    rss = Kb(line);
                }
                else if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                {
                    hwm = Kb(line);
                }
            }
        }
        catch (IOException)
        {
        }

        return (rss, hwm);
    }

    private static long Kb(string line) => long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
}
