using System.Text;
using Polypose.Formats;
using Polypose.Tensors;
using Polypose.Tensors.Serialization;

namespace Polypose.Learning.Tests.Training;

public sealed class Stage1ModelFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("stage1-file").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    [Fact]
    public void ASavedModelLoadsWithItsConfigurationWeightsAndMetadata()
    {
        var model = new Stage1Model(TinyTraining.Config, new Generator(3));
        var path = Path.Combine(_dir, "m.safetensors");
        model.Save(path, "two scenes");
        var loaded = Stage1Model.Load(path);
        Assert.Equal(TinyTraining.Config, loaded.Config);
        Assert.Equal("two scenes", loaded.Metadata["training"]);
        Assert.Equal("panoptic15", loaded.Metadata["skeleton"]);
        Assert.Equal("rendered", loaded.Metadata["evidence"]);
        Assert.True(loaded.Metadata.ContainsKey("polypose_version"));
        foreach (var (key, value) in model.StateDict())
        {
            Assert.Equal(value.ToArray(), loaded.StateDict()[key].ToArray());
        }
    }

    [Fact]
    public void ATruncatedFileIsOneLineNamingTheFileAndTheTensor()
    {
        var path = Path.Combine(_dir, "t.safetensors");
        new Stage1Model(TinyTraining.Config, new Generator(3)).Save(path, "x");
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..^100]);
        var e = Assert.Throws<PolyposeFormatException>(() => Stage1Model.Load(path));
        Assert.DoesNotContain('\n', e.Message);
        Assert.Contains(path, e.Message, StringComparison.Ordinal);
        Assert.Contains("tensor '", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WeightsOfAnotherConfigurationAreReportedByTensorName()
    {
        var path = Path.Combine(_dir, "c.safetensors");
        var wider = new Stage1Model(TinyTraining.Config with { Dim = 32 }, new Generator(3));
        var metadata = wider.FileMetadata("x");
        metadata["config"] = TinyTraining.Config.ToJson();
        SafeTensors.Save(path, wider.StateDict(), metadata);
        var e = Assert.Throws<PolyposeFormatException>(() => Stage1Model.Load(path));
        Assert.DoesNotContain('\n', e.Message);
        Assert.Contains(path, e.Message, StringComparison.Ordinal);
        Assert.Contains("tensor 'attention.", e.Message, StringComparison.Ordinal);
        Assert.Contains("more:", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("skeleton", "body25", "__metadata__.skeleton")]
    [InlineData("config", "{\"Dim\": -3}", "__metadata__.config")]
    [InlineData("format", "polypose-stage2/1", "__metadata__.format")]
    public void AWrongMetadataEntryNamesItsKey(string key, string value, string place)
    {
        var path = Path.Combine(_dir, "k.safetensors");
        var model = new Stage1Model(TinyTraining.Config, new Generator(3));
        var metadata = model.FileMetadata("x");
        metadata[key] = value;
        SafeTensors.Save(path, model.StateDict(), metadata);
        var e = Assert.Throws<PolyposeFormatException>(() => Stage1Model.Load(path));
        Assert.Contains(place, e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void ANonSafetensorsFileIsAFormatError()
    {
        var path = Path.Combine(_dir, "j.safetensors");
        File.WriteAllText(path, "not a model", Encoding.UTF8);
        var e = Assert.Throws<PolyposeFormatException>(() => Stage1Model.Load(path));
        Assert.Contains(path, e.Message, StringComparison.Ordinal);
    }
}
