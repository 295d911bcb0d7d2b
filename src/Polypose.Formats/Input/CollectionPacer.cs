namespace Polypose.Formats.Input;

/// <summary>
/// Keeps a reader's short-lived garbage to a fixed amount, whatever the machine: <see cref="Step"/>, called once per
/// record read (a camera, a table, a top-level entry), runs a gen0 collection when the calling thread has allocated
/// <see cref="BytesBetweenCollections"/> since the last collection (its own or the runtime's; or since the pacer was made). Why: .NET sizes its gen0
/// allocation budget from the CPU's cache (a VM reporting a 260 MiB L3 gets a budget of about 100 MiB), so a reader
/// that makes a few kilobytes of temporaries per camera runs up to that budget of dead objects before the first
/// collection; its peak working set then depends on the host instead of on the input (issue 12: peak ≤ 3× the input).
/// A gen0 collection here finds only the records kept since the last one alive, so it is short (BENCHMARKS.md,
/// "Calibration readers: garbage paced"); a file allocating less than the interval is never collected.
/// Not thread-safe: one pacer per reading thread.
/// </summary>
internal sealed class CollectionPacer
{
    /// <summary>Bytes allocated by the reading thread between two collections: 16 MiB.</summary>
    public const long BytesBetweenCollections = 16L << 20;

    private long next = GC.GetAllocatedBytesForCurrentThread() + BytesBetweenCollections;
    private int seen = GC.CollectionCount(0);

    /// <summary>
    /// Runs a gen0 collection when the interval has been allocated since the last collection; nothing otherwise, and
    /// nothing when the runtime collected on its own since the last step (where its budget is already that small).
    /// </summary>
    public void Step()
    {
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var count = GC.CollectionCount(0);
        if (count != seen)
        {
            seen = count;
            next = allocated + BytesBetweenCollections;
            return;
        }

        if (allocated < next)
        {
            return;
        }

        GC.Collect(0, GCCollectionMode.Forced, blocking: true, compacting: false);
        seen = GC.CollectionCount(0);
        next = GC.GetAllocatedBytesForCurrentThread() + BytesBetweenCollections;
    }
}
