using System.Globalization;
using Polypose.Tensors.Nn;
using Polypose.Tensors.Optim;

namespace Polypose.Tensors.Serialization;

/// <summary>
/// Training checkpoints in one safetensors file: model tensors under "model/&lt;key&gt;", optimizer state under
/// "optimizer/&lt;key&gt;", and metadata "format" = <see cref="FormatName"/>, "step", "rng" (the generator state) and
/// "optimizer.lr". Written atomically (temp file, flush to disk, rename) so a killed run leaves the previous checkpoint.
/// </summary>
public static class Checkpoint
{
    /// <summary>The "format" metadata value.</summary>
    public const string FormatName = "polypose-checkpoint/1";

    private const string ModelPrefix = "model/";
    private const string OptimizerPrefix = "optimizer/";

    /// <summary>Writes model, optimizer, step and generator state to <paramref name="path"/> atomically.</summary>
    public static void Save(string path, Module model, Optimizer optimizer, long step, Generator rng)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(optimizer);
        ArgumentNullException.ThrowIfNull(rng);
        var tensors = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (var (k, v) in model.StateDict())
        {
            tensors[ModelPrefix + k] = v;
        }

        foreach (var (k, v) in optimizer.StateDict())
        {
            tensors[OptimizerPrefix + k] = v;
        }

        var metadata = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["format"] = FormatName,
            ["step"] = step.ToString(CultureInfo.InvariantCulture),
            ["rng"] = string.Join(',', rng.GetState().Select(s => s.ToString(CultureInfo.InvariantCulture))),
            ["optimizer.lr"] = optimizer.LearningRate.ToString("R", CultureInfo.InvariantCulture),
        };
        SafeTensors.Save(path, tensors, metadata);
    }

    /// <summary>Restores model, optimizer and generator from <paramref name="path"/> and returns the saved step.</summary>
    /// <exception cref="SafeTensorsFormatException">The file is malformed or not a checkpoint.</exception>
    /// <exception cref="StateDictMismatchException">The model's keys, shapes or dtypes differ from the checkpoint.</exception>
    public static long Load(string path, Module model, Optimizer optimizer, Generator rng)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(optimizer);
        ArgumentNullException.ThrowIfNull(rng);
        var file = SafeTensors.Load(path);
        var meta = file.Metadata;
        if (!meta.TryGetValue("format", out var format) || format != FormatName)
        {
            throw new SafeTensorsFormatException(path, "__metadata__.format", $"expected '{FormatName}', got '{format ?? "nothing"}'");
        }

        var step = ParseLong(path, meta, "step");
        var rngState = Require(path, meta, "rng").Split(',').Select(s => ulong.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var v)
            ? v
            : throw new SafeTensorsFormatException(path, "__metadata__.rng", $"expected comma-separated unsigned integers, got '{s}'")).ToArray();
        if (!double.TryParse(Require(path, meta, "optimizer.lr"), NumberStyles.Float, CultureInfo.InvariantCulture, out var lr))
        {
            throw new SafeTensorsFormatException(path, "__metadata__.optimizer.lr", $"expected a number, got '{meta["optimizer.lr"]}'");
        }

        var modelState = Strip(file.Tensors, ModelPrefix);
        var optimizerState = Strip(file.Tensors, OptimizerPrefix);
        StateDicts.LoadStrict(model, modelState, path);
        optimizer.LoadStateDict(optimizerState);
        optimizer.LearningRate = lr;
        try
        {
            rng.SetState(rngState);
        }
        catch (ArgumentException e)
        {
            throw new SafeTensorsFormatException(path, "__metadata__.rng", e.Message);
        }

        return step;
    }

    private static Dictionary<string, Tensor> Strip(IReadOnlyDictionary<string, Tensor> all, string prefix)
        => all.Where(p => p.Key.StartsWith(prefix, StringComparison.Ordinal)).ToDictionary(p => p.Key[prefix.Length..], p => p.Value, StringComparer.Ordinal);

    private static string Require(string path, IReadOnlyDictionary<string, string> meta, string key)
        => meta.TryGetValue(key, out var v) ? v : throw new SafeTensorsFormatException(path, "__metadata__." + key, "missing");

    private static long ParseLong(string path, IReadOnlyDictionary<string, string> meta, string key)
    {
        var s = Require(path, meta, key);
        return long.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v)
            ? v
            : throw new SafeTensorsFormatException(path, "__metadata__." + key, $"expected an integer, got '{s}'");
    }
}
