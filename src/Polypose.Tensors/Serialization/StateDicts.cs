using Polypose.Tensors.Internal;
using Polypose.Tensors.Nn;

namespace Polypose.Tensors.Serialization;

/// <summary>Saving and strictly loading module state dicts (PyTorch keys, e.g. "layers.0.weight") as safetensors.</summary>
public static class StateDicts
{
    /// <summary>Compares a state dict with a model's parameters and buffers (name, shape and dtype).</summary>
    public static StateDictReport Compare(Module model, IReadOnlyDictionary<string, Tensor> state)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(state);
        var targets = model.StateDict();
        var missing = targets.Keys.Where(k => !state.ContainsKey(k)).Order(StringComparer.Ordinal).ToList();
        var unexpected = state.Keys.Where(k => !targets.ContainsKey(k)).Order(StringComparer.Ordinal).ToList();
        var mismatched = new List<string>();
        foreach (var (key, target) in targets.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (state.TryGetValue(key, out var value) && (!Shapes.Equal(value.ShapeArray, target.ShapeArray) || value.DType != target.DType))
            {
                mismatched.Add($"{key}: checkpoint {Shapes.Format(value.ShapeArray)} {value.DType}, model {Shapes.Format(target.ShapeArray)} {target.DType}");
            }
        }

        return new StateDictReport(missing, unexpected, mismatched);
    }

    /// <summary>Copies a state dict into a model after checking that every key matches exactly.</summary>
    /// <exception cref="StateDictMismatchException">Any key is missing, unexpected or of another shape/dtype; nothing is copied.</exception>
    public static void LoadStrict(Module model, IReadOnlyDictionary<string, Tensor> state, string source = "<state dict>")
    {
        var report = Compare(model, state);
        if (!report.IsExactMatch)
        {
            throw new StateDictMismatchException(source, report);
        }

        model.LoadStateDict(state, strict: true);
    }

    /// <summary>Writes a model's state dict to a safetensors file atomically.</summary>
    public static void Save(Module model, string path, IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        SafeTensors.Save(path, model.StateDict(), metadata);
    }

    /// <summary>Reads a safetensors file and loads it strictly into <paramref name="model"/>.</summary>
    /// <exception cref="SafeTensorsFormatException">The file is malformed.</exception>
    /// <exception cref="StateDictMismatchException">Keys, shapes or dtypes do not match.</exception>
    public static void Load(Module model, string path)
    {
        var file = SafeTensors.Load(path);
        LoadStrict(model, file.Tensors, path);
    }
}
