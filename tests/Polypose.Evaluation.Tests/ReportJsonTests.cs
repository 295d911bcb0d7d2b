using System.Text.Json;
using Polypose.Evaluation.Metrics;
using static Polypose.Evaluation.Tests.TestPoses;

namespace Polypose.Evaluation.Tests;

[Trait("Stage", "Evaluation")]
public sealed class ReportJsonTests
{
    [Fact]
    public void PcpReport_SerializesToPlainJson()
    {
        var metric = new PcpMetric(PcpOptions.FourDAssociation());
        metric.Add(Frame(0, Shelf15(0)), Frame(0, Shelf15(0)));
        var json = JsonSerializer.Serialize(metric.Compute());
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        Assert.Equal("4d-association", root.GetProperty("Protocol").GetString());
        Assert.Equal(10, root.GetProperty("Actors")[0].GetProperty("Parts").GetArrayLength());
        Assert.Equal(1.0, root.GetProperty("Average").GetDouble());
        Assert.Equal("Head", root.GetProperty("BoneGroups")[0].GetProperty("Name").GetString());
    }

    [Fact]
    public void PoseApReport_EmptyMetric_SerializesWithNullMpjpe()
    {
        var json = JsonSerializer.Serialize(new PoseApMetric().Compute());
        using var doc = JsonDocument.Parse(json);
        Assert.Equal(JsonValueKind.Null, doc.RootElement.GetProperty("Mpjpe").ValueKind);
        Assert.Equal(6, doc.RootElement.GetProperty("Ap").GetArrayLength());
        Assert.DoesNotContain("NaN", json, StringComparison.Ordinal);
    }
}
