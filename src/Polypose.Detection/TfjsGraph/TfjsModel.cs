using System.Text.Json;

namespace Polypose.Detection.TfjsGraph;

/// <summary>
/// A TF.js graph model (<c>format: graph-model</c>) read from its model.json and the binary weight shards listed in
/// its weights manifest (paths relative to model.json; each manifest group's shards are concatenated and its weights
/// laid out in order). Every <c>Const</c> node gets its decoded weight. Nothing is fetched from anywhere.
/// </summary>
public sealed class TfjsModel
{
    private TfjsModel(string path, IReadOnlyList<TfjsNode> nodes, IReadOnlyDictionary<string, TfjsTensor> weights, IReadOnlyList<string> inputs, IReadOnlyList<string> outputs)
    {
        Path = path;
        Nodes = nodes;
        Weights = weights;
        InputNames = inputs;
        OutputNames = outputs;
    }

    /// <summary>Gets the model.json path it was read from.</summary>
    public string Path { get; }

    /// <summary>Gets the graph nodes in file order.</summary>
    public IReadOnlyList<TfjsNode> Nodes { get; }

    /// <summary>Gets the decoded constants by node name.</summary>
    public IReadOnlyDictionary<string, TfjsTensor> Weights { get; }

    /// <summary>Gets the Placeholder node names (the graph's inputs).</summary>
    public IReadOnlyList<string> InputNames { get; }

    /// <summary>Gets the signature's output tensor names (e.g. <c>Identity:0</c>), or the sink nodes when there is no signature.</summary>
    public IReadOnlyList<string> OutputNames { get; }

    /// <summary>Reads model.json and its shards.</summary>
    /// <exception cref="TfjsModelException">A file is missing, unreadable, truncated, or not a graph model this runtime reads; the message names it.</exception>
    public static TfjsModel Load(string modelJsonPath)
    {
        if (!File.Exists(modelJsonPath))
        {
            throw new TfjsModelException($"{modelJsonPath}: model file not found");
        }

        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(File.ReadAllBytes(modelJsonPath));
        }
        catch (JsonException e)
        {
            throw new TfjsModelException($"{modelJsonPath}: not valid JSON ({e.Message})", e);
        }

        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("modelTopology", out var topology) || !topology.TryGetProperty("node", out var nodeArray))
            {
                throw new TfjsModelException($"{modelJsonPath}: no modelTopology.node: not a TF.js graph model");
            }

            if (root.TryGetProperty("format", out var format) && format.GetString() != "graph-model")
            {
                throw new TfjsModelException($"{modelJsonPath}: format '{format.GetString()}' is not 'graph-model'");
            }

            var nodes = new List<TfjsNode>();
            foreach (var n in nodeArray.EnumerateArray())
            {
                var name = n.GetProperty("name").GetString() ?? throw new TfjsModelException($"{modelJsonPath}: node without a name");
                var op = n.GetProperty("op").GetString() ?? throw new TfjsModelException($"{modelJsonPath}: node '{name}' without an op");
                var inputs = new List<(string, int)>();
                if (n.TryGetProperty("input", out var ins))
                {
                    foreach (var i in ins.EnumerateArray())
                    {
                        var parsed = TfjsNode.ParseInput(i.GetString() ?? string.Empty);
                        if (parsed.Output >= 0)
                        {
                            inputs.Add(parsed);
                        }
                    }
                }

                var attrs = new Dictionary<string, TfjsAttr>(StringComparer.Ordinal);
                if (n.TryGetProperty("attr", out var a))
                {
                    foreach (var p in a.EnumerateObject())
                    {
                        attrs[p.Name] = new TfjsAttr(p.Value);
                    }
                }

                nodes.Add(new TfjsNode(name, op, inputs, attrs));
            }

            var weights = ReadWeights(modelJsonPath, root);
            foreach (var n in nodes)
            {
                if (n.Op == "Const" && !weights.ContainsKey(n.Name))
                {
                    throw new TfjsModelException($"{modelJsonPath}: Const node '{n.Name}' has no weight in the manifest");
                }
            }

            var inputNames = nodes.Where(n => n.Op == "Placeholder").Select(n => n.Name).ToList();
            var outputs = new List<string>();
            if (root.TryGetProperty("signature", out var sig) && sig.TryGetProperty("outputs", out var so))
            {
                foreach (var o in so.EnumerateObject())
                {
                    outputs.Add(o.Value.TryGetProperty("name", out var on) ? on.GetString() ?? o.Name : o.Name);
                }
            }

            if (outputs.Count == 0)
            {
                var consumed = new HashSet<string>(nodes.SelectMany(n => n.Inputs.Select(i => i.Node)), StringComparer.Ordinal);
                outputs.AddRange(nodes.Where(n => !consumed.Contains(n.Name) && n.Op != "Const").Select(n => n.Name));
            }

            return new TfjsModel(modelJsonPath, nodes, weights, inputNames, outputs);
        }
    }

    private static Dictionary<string, TfjsTensor> ReadWeights(string modelJsonPath, JsonElement root)
    {
        var weights = new Dictionary<string, TfjsTensor>(StringComparer.Ordinal);
        if (!root.TryGetProperty("weightsManifest", out var manifest))
        {
            return weights;
        }

        var dir = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(modelJsonPath)) ?? ".";
        foreach (var group in manifest.EnumerateArray())
        {
            using var buffer = new MemoryStream();
            foreach (var p in group.GetProperty("paths").EnumerateArray())
            {
                var shard = System.IO.Path.Combine(dir, p.GetString() ?? string.Empty);
                if (!File.Exists(shard))
                {
                    throw new TfjsModelException($"{shard}: weight shard listed in {modelJsonPath} not found");
                }

                using var fs = File.OpenRead(shard);
                fs.CopyTo(buffer);
            }

            var bytes = buffer.GetBuffer().AsSpan(0, (int)buffer.Length);
            var offset = 0;
            foreach (var w in group.GetProperty("weights").EnumerateArray())
            {
                var name = w.GetProperty("name").GetString() ?? string.Empty;
                var shape = w.GetProperty("shape").EnumerateArray().Select(d => d.GetInt32()).ToArray();
                var dtype = w.GetProperty("dtype").GetString() ?? "float32";
                string? quant = null;
                float scale = 1, min = 0;
                if (w.TryGetProperty("quantization", out var q))
                {
                    quant = q.GetProperty("dtype").GetString();
                    scale = q.TryGetProperty("scale", out var s) ? s.GetSingle() : 1f;
                    min = q.TryGetProperty("min", out var m) ? m.GetSingle() : 0f;
                }

                int size;
                try
                {
                    size = TfjsTensor.ElementCount(shape) * WeightDecoder.BytesPerElement(quant ?? dtype);
                }
                catch (Exception e) when (e is ArgumentException or TfjsModelException)
                {
                    throw new TfjsModelException($"{modelJsonPath}: weight '{name}': {e.Message}", e);
                }

                if (offset + size > bytes.Length)
                {
                    throw new TfjsModelException($"{modelJsonPath}: weight shards are truncated: '{name}' needs bytes {offset}..{offset + size}, the shards hold {bytes.Length}");
                }

                weights[name] = WeightDecoder.Decode(bytes.Slice(offset, size), shape, dtype, quant, scale, min);
                offset += size;
            }

            if (offset != bytes.Length)
            {
                throw new TfjsModelException($"{modelJsonPath}: weight shards hold {bytes.Length} bytes but the manifest describes {offset}");
            }
        }

        return weights;
    }
}
