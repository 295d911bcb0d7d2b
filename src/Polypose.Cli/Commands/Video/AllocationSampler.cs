using System.Diagnostics.Tracing;
using System.Globalization;

namespace Polypose.Cli.Commands.Video;

/// <summary>
/// The runtime's allocation samples (its <c>GCAllocationTick</c> event, about one per 100 KB allocated), summed per
/// allocated type and object size, when <c>POLYPOSE_MEMTRACE_ALLOC=1</c> is set (off otherwise): a diagnostic that
/// names the big allocators of a streamed run. <see cref="Report"/> writes the largest rows (MB sampled, object size
/// in bytes, type) to stderr.
/// </summary>
internal sealed class AllocationSampler : EventListener
{
    private const long GcKeyword = 0x1;
    private readonly Dictionary<(string Type, long Size), long> _bytes = [];

    /// <summary>The sampler asked for by the environment, or null.</summary>
    public static AllocationSampler? FromEnvironment() =>
        Environment.GetEnvironmentVariable("POLYPOSE_MEMTRACE_ALLOC") == "1" ? new AllocationSampler() : null;

    /// <summary>Writes the <paramref name="rows"/> largest (type, size) rows to stderr.</summary>
    public void Report(int rows = 25)
    {
        KeyValuePair<(string Type, long Size), long>[] top;
        lock (_bytes)
        {
            top = [.. _bytes.OrderByDescending(kv => kv.Value).Take(rows)];
        }

        foreach (var ((type, size), bytes) in top)
        {
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"memtrace alloc {bytes / 1e6,10:F1} MB  size={size,10}  {type}"));
        }
    }

    /// <inheritdoc/>
    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(eventSource, EventLevel.Verbose, (EventKeywords)GcKeyword);
        }
    }

    /// <inheritdoc/>
    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (eventData.EventName is not { } name || !name.StartsWith("GCAllocationTick", StringComparison.Ordinal) || eventData.Payload is not { } payload || eventData.PayloadNames is not { } names)
        {
            return;
        }

        string type = "?";
        long amount = 0, size = 0;
        for (var i = 0; i < names.Count; i++)
        {
            switch (names[i])
            {
                case "TypeName": type = payload[i] as string ?? "?"; break;
                case "AllocationAmount64": amount = Convert.ToInt64(payload[i], CultureInfo.InvariantCulture); break;
                case "ObjectSize": size = Convert.ToInt64(payload[i], CultureInfo.InvariantCulture); break;
                default: break;
            }
        }

        lock (_bytes)
        {
            _bytes[(type, size)] = (_bytes.TryGetValue((type, size), out var b) ? b : 0) + amount;
        }
    }
}
