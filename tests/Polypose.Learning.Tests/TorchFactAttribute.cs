using System.Diagnostics;

namespace Polypose.Learning.Tests;

/// <summary>A fact that runs a PyTorch twin; skipped, with the reason shown, when /usr/bin/python3 cannot import torch.</summary>
internal sealed class TorchFactAttribute : FactAttribute
{
    private static readonly Lazy<bool> Available = new(Probe);

    public TorchFactAttribute()
    {
        if (!Available.Value)
        {
            Skip = "needs Debian's python3-torch (/usr/bin/python3 -c 'import torch' failed)";
        }
    }

    public const string Python = "/usr/bin/python3";

    private static bool Probe()
    {
        try
        {
            using var p = Process.Start(new ProcessStartInfo(Python, ["-c", "import torch"]) { RedirectStandardError = true, RedirectStandardOutput = true });
            if (p is null)
            {
                return false;
            }

            p.WaitForExit(60_000);
            return p.HasExited && p.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}
