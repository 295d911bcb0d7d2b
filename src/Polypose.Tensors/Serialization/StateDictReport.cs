namespace Polypose.Tensors.Serialization;

/// <summary>How a state dict's keys line up with a model's parameters and buffers.</summary>
/// <param name="Missing">Model keys absent from the state dict.</param>
/// <param name="Unexpected">State dict keys the model does not have.</param>
/// <param name="Mismatched">Keys present on both sides whose shape or dtype differs, as "key: checkpoint [..] F32, model [..] F32".</param>
public sealed record StateDictReport(IReadOnlyList<string> Missing, IReadOnlyList<string> Unexpected, IReadOnlyList<string> Mismatched)
{
    /// <summary>Gets a value indicating whether every key matches in name, shape and dtype.</summary>
    public bool IsExactMatch => Missing.Count == 0 && Unexpected.Count == 0 && Mismatched.Count == 0;

    /// <summary>A multi-line description listing every problem.</summary>
    public override string ToString()
    {
        var lines = new List<string>();
        lines.AddRange(Missing.Select(k => "missing: " + k));
        lines.AddRange(Unexpected.Select(k => "unexpected: " + k));
        lines.AddRange(Mismatched.Select(k => "mismatch: " + k));
        return lines.Count == 0 ? "state dict matches" : string.Join(Environment.NewLine, lines);
    }
}
