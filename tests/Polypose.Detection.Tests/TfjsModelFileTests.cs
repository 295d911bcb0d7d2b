using Polypose.Detection.TfjsGraph;

namespace Polypose.Detection.Tests;

/// <summary>Reading model.json + shards: a tiny hand-made graph runs, and broken files fail with the file named.</summary>
public sealed class TfjsModelFileTests : IDisposable
{
    private readonly DirectoryInfo dir = Directory.CreateTempSubdirectory("polypose-tfjs-");

    public void Dispose() => dir.Delete(true);

    private string Write(string json, byte[] shard)
    {
        File.WriteAllBytes(Path.Combine(dir.FullName, "w.bin"), shard);
        var path = Path.Combine(dir.FullName, "model.json");
        File.WriteAllText(path, json);
        return path;
    }

    private const string Graph = """
    {"format": "graph-model", "modelTopology": {"node": [
      {"name": "x", "op": "Placeholder", "attr": {"dtype": {"type": "DT_FLOAT"}}},
      {"name": "w", "op": "Const"},
      {"name": "b", "op": "Const"},
      {"name": "conv", "op": "_FusedConv2D", "input": ["x", "w", "b"], "attr": {
        "strides": {"list": {"i": ["1", "1", "1", "1"]}}, "padding": {"s": "VkFMSUQ="},
        "fused_ops": {"list": {"s": ["Qmlhc0FkZA==", "UmVsdQ=="]}}, "data_format": {"s": "TkhXQw=="}}},
      {"name": "Identity", "op": "Identity", "input": ["conv", "^x"]}]},
     "weightsManifest": [{"paths": ["w.bin"], "weights": [
       {"name": "w", "shape": [1, 1, 2, 1], "dtype": "float32", "quantization": {"dtype": "float16", "original_dtype": "float32"}},
       {"name": "b", "shape": [1], "dtype": "float32", "quantization": {"dtype": "uint8", "scale": 0.5, "min": -2}}]}]}
    """;

    // w = [1, -2] as float16 (0x3C00, 0xC000); b = 2 * 0.5 - 2 = -1 as uint8 code 2.
    private static readonly byte[] Shard = [0x00, 0x3C, 0x00, 0xC0, 2];

    [Fact]
    public void HandMadeGraphRunsWithQuantisedWeightsAndFusedRelu()
    {
        var model = TfjsModel.Load(Write(Graph, Shard));
        Assert.Equal(["x"], model.InputNames);
        var ex = new TfjsExecutor(model, ["Identity"]);
        var y = ex.Run(new Dictionary<string, TfjsTensor> { ["x"] = TfjsTensor.FromFloats([1, 1, 2, 2], [3, 1, 1, 3]) })[0];
        // pixel [3, 1]: 3 - 2 - 1 = 0; pixel [1, 3]: 1 - 6 - 1 = -6, cut to 0 by the fused Relu; pixel [5, 0]: 5 - 1 = 4.
        Assert.Equal([1, 1, 2, 1], y.Shape);
        Assert.Equal([0f, 0f], y.Floats);
        var z = ex.Run(new Dictionary<string, TfjsTensor> { ["x"] = TfjsTensor.FromFloats([1, 1, 1, 2], [5, 0]) })[0];
        Assert.Equal([4f], z.Floats);
    }

    [Fact]
    public void TruncatedShardIsReportedWithTheModelFile()
    {
        var path = Write(Graph, Shard[..3]);
        var e = Assert.Throws<TfjsModelException>(() => TfjsModel.Load(path));
        Assert.Contains(path, e.Message, StringComparison.Ordinal);
        Assert.Contains("truncated", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingShardAndMissingModelAreNamed()
    {
        var path = Write(Graph, Shard);
        File.Delete(Path.Combine(dir.FullName, "w.bin"));
        Assert.Contains("w.bin", Assert.Throws<TfjsModelException>(() => TfjsModel.Load(path)).Message, StringComparison.Ordinal);
        Assert.Contains("not found", Assert.Throws<TfjsModelException>(() => TfjsModel.Load(Path.Combine(dir.FullName, "none.json"))).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CorruptJsonAndUnknownOpsAreRejected()
    {
        var path = Write("{not json", Shard);
        Assert.Contains("not valid JSON", Assert.Throws<TfjsModelException>(() => TfjsModel.Load(path)).Message, StringComparison.Ordinal);
        var unknown = Write(Graph.Replace("\"op\": \"Identity\"", "\"op\": \"FancyOp\"", StringComparison.Ordinal), Shard);
        var model = TfjsModel.Load(unknown);
        Assert.Contains("FancyOp", Assert.Throws<TfjsModelException>(() => new TfjsExecutor(model, ["Identity"])).Message, StringComparison.Ordinal);
    }
}
