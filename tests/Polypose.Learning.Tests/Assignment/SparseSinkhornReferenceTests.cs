using System.Text.Json;
using Polypose.Learning.Assignment;

namespace Polypose.Learning.Tests.Assignment;

/// <summary>Compares the Sinkhorn with the PyTorch implementation in bench/torch/sinkhorn_reference.py (stored fixture).</summary>
public sealed class SparseSinkhornReferenceTests
{
    [Fact]
    public void MassesAndGradientsMatchThePyTorchReference()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Fixtures", "sinkhorn_reference.json");
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        var cases = doc.RootElement.GetProperty("cases");
        Assert.True(cases.GetArrayLength() >= 3);
        var worstX = 0.0;
        var worstG = 0.0;
        foreach (var c in cases.EnumerateArray())
        {
            var graph = new CandidateHyperedges(
                c.GetProperty("samples").GetInt32(),
                c.GetProperty("views").GetInt32(),
                c.GetProperty("slots").GetInt32(),
                Ints(c, "tuples"),
                Ints(c, "edge_sample"),
                [.. c.GetProperty("node_mask").EnumerateArray().Select(x => x.GetBoolean())]);
            var result = new SparseSinkhornProblem(graph).Solve(Doubles(c, "logits"), c.GetProperty("iterations").GetInt32(), recordTape: true);
            var x = result.Probabilities();
            var g = result.Backward(Doubles(c, "weights"));
            var refX = Doubles(c, "probabilities");
            var refG = Doubles(c, "grad_logits");
            for (var e = 0; e < x.Length; e++)
            {
                worstX = Math.Max(worstX, Math.Abs(x[e] - refX[e]));
                worstG = Math.Max(worstG, Math.Abs(g[e] - refG[e]));
            }
        }

        Assert.True(worstX < 1e-12, $"largest mass difference {worstX:E3}");
        Assert.True(worstG < 1e-12, $"largest gradient difference {worstG:E3}");
    }

    private static int[] Ints(JsonElement e, string name) => [.. e.GetProperty(name).EnumerateArray().Select(x => x.GetInt32())];

    private static double[] Doubles(JsonElement e, string name) => [.. e.GetProperty(name).EnumerateArray().Select(x => x.GetDouble())];
}
