using Polypose.Testing;

namespace Polypose.Export.Tests;

/// <summary>
/// A fact that runs node (the Khronos glTF validator); skipped with the reason shown when node is not on PATH, or, with
/// <see cref="NeedsSharedData"/>, when ../shared/data is absent.
/// </summary>
internal sealed class NodeFactAttribute : FactAttribute
{
    public NodeFactAttribute()
    {
        if (!CliProcess.OnPath("node"))
        {
            Skip = "node is not on PATH (the Khronos glTF validator runs in node; apt-get install nodejs npm)";
        }
    }

    /// <summary>Also needs ../shared/data.</summary>
    public bool NeedsSharedData
    {
        get => false;
        init
        {
            if (value && SharedData.DataRoot is null && Skip is null)
            {
                Skip = "needs ../shared/data beside the repository (absent in a fresh clone; present in CI)";
            }
        }
    }
}
