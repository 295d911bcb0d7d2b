namespace Polypose.Tensors.Serialization;

/// <summary>The content of a safetensors file: tensors by name (ordinal order) and the optional string metadata.</summary>
/// <param name="Tensors">Tensors by name; F16/BF16 data is converted to float32, I64 stays int64, BOOL stays bool.</param>
/// <param name="Metadata">The "__metadata__" string map (empty when absent).</param>
public sealed record SafeTensorsFile(IReadOnlyDictionary<string, Tensor> Tensors, IReadOnlyDictionary<string, string> Metadata);
