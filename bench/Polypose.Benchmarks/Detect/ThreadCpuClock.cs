using System.Runtime.InteropServices;

namespace Polypose.Benchmarks.Detect;

/// <summary>
/// The calling thread's CPU time (Linux <c>clock_gettime(CLOCK_THREAD_CPUTIME_ID)</c>), in milliseconds; NaN where
/// the call is unavailable. Unlike wall time it is not inflated by other processes waiting for the same cores.
/// </summary>
internal static partial class ThreadCpuClock
{
    private const int ClockThreadCpuTimeId = 3;

    public static double Milliseconds()
    {
        if (!OperatingSystem.IsLinux())
        {
            return double.NaN;
        }

        try
        {
            return ClockGetTime(ClockThreadCpuTimeId, out var ts) == 0 ? (ts.Seconds * 1e3) + (ts.Nanoseconds / 1e6) : double.NaN;
        }
        catch (DllNotFoundException)
        {
            return double.NaN;
        }
    }

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    private static partial int ClockGetTime(int clock, out TimeSpec value);

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }
}
