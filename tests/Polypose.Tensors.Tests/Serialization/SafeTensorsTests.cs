using System.Text;
using Polypose.Tensors.Serialization;

namespace Polypose.Tensors.Tests.Serialization;

[Trait("Stage", "Tensors")]
public sealed class SafeTensorsTests
{
    [Fact]
    public void Serialize_OneF32Tensor_ProducesExactBytes()
    {
        // Arrange: header {"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}} is 54 bytes, padded with 2 spaces to 56.
        var tensors = new Dictionary<string, Tensor> { ["a"] = Tensor.FromArray(new[] { 1f, -2f }) };
        var expected = new List<byte> { 56, 0, 0, 0, 0, 0, 0, 0 };
        expected.AddRange(Encoding.ASCII.GetBytes("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}"));
        expected.AddRange([0x20, 0x20]);
        expected.AddRange([0x00, 0x00, 0x80, 0x3F]); // 1.0f  = 0x3F800000, little-endian
        expected.AddRange([0x00, 0x00, 0x00, 0xC0]); // -2.0f = 0xC0000000

        // Act
        var bytes = SafeTensors.Serialize(tensors);

        // Assert
        Assert.Equal(expected.ToArray(), bytes);
    }

    [Fact]
    public void Serialize_MetadataInt64ScalarAndBool_ProducesExactBytesInNameOrder()
    {
        // Arrange: names are written in ordinal order ("b" before "c") after the metadata; header 135 bytes + 1 space.
        var tensors = new Dictionary<string, Tensor>
        {
            ["c"] = Tensor.FromArray(new[] { true, false }, 1, 2),
            ["b"] = Tensor.FromArray(new long[] { 258 }).Reshape([]),
        };
        var expected = new List<byte> { 136, 0, 0, 0, 0, 0, 0, 0 };
        expected.AddRange(Encoding.ASCII.GetBytes(
            "{\"__metadata__\":{\"k\":\"v\"},\"b\":{\"dtype\":\"I64\",\"shape\":[],\"data_offsets\":[0,8]}," +
            "\"c\":{\"dtype\":\"BOOL\",\"shape\":[1,2],\"data_offsets\":[8,10]}}"));
        expected.Add(0x20);
        expected.AddRange([0x02, 0x01, 0, 0, 0, 0, 0, 0]); // 258 = 0x0102
        expected.AddRange([0x01, 0x00]);

        // Act
        var bytes = SafeTensors.Serialize(tensors, new Dictionary<string, string> { ["k"] = "v" });

        // Assert
        Assert.Equal(expected.ToArray(), bytes);
    }

    [Fact]
    public void Deserialize_F16AndBF16_ConvertsToFloat32()
    {
        // Arrange: hand-made file. F16 1.0 = 0x3C00, −2.0 = 0xC000; BF16 0.5 = 0x3F00, 3.0 = 0x4040.
        var header = "{\"h\":{\"dtype\":\"F16\",\"shape\":[2],\"data_offsets\":[0,4]},\"g\":{\"dtype\":\"BF16\",\"shape\":[2,1],\"data_offsets\":[4,8]}}";
        var bytes = new List<byte>(BitConverter.GetBytes((ulong)header.Length));
        bytes.AddRange(Encoding.ASCII.GetBytes(header));
        bytes.AddRange([0x00, 0x3C, 0x00, 0xC0, 0x00, 0x3F, 0x40, 0x40]);

        // Act
        var file = SafeTensors.Deserialize(bytes.ToArray());

        // Assert
        Assert.Equal([1f, -2f], file.Tensors["h"].ToArray());
        Assert.Equal([0.5f, 3f], file.Tensors["g"].ToArray());
        Assert.Equal([2, 1], file.Tensors["g"].Shape);
        Assert.Equal(DType.Float32, file.Tensors["g"].DType);
        Assert.Empty(file.Metadata);
    }

    [Fact]
    public void SaveLoad_RoundTrip_PreservesValuesShapesDtypesAndMetadata()
    {
        // Arrange: a transposed (non-contiguous) view must be written row-major.
        var dir = Polypose.Testing.RepoPaths.NewTempDir();
        var path = Path.Combine(dir, "m.safetensors");
        var w = Tensor.FromArray(new[] { 1f, 2f, 3f, 4f, 5f, 6f }, 2, 3);
        var tensors = new Dictionary<string, Tensor> { ["w.t"] = w.MT, ["n"] = Tensor.FromArray(new long[] { -5, 7 }) };

        // Act
        SafeTensors.Save(path, tensors, new Dictionary<string, string> { ["note"] = "é ü" });
        var back = SafeTensors.Load(path);

        // Assert
        Assert.Equal([3, 2], back.Tensors["w.t"].Shape);
        Assert.Equal([1f, 4f, 2f, 5f, 3f, 6f], back.Tensors["w.t"].ToArray());
        Assert.Equal([-5L, 7L], back.Tensors["n"].ToInt64Array());
        Assert.Equal("é ü", back.Metadata["note"]);
        Assert.Equal(["m.safetensors"], Directory.GetFiles(dir).Select(Path.GetFileName));
    }

    [Theory]
    [InlineData(new byte[] { 1, 2, 3 }, "header length", "at least 8 bytes")]
    [InlineData(new byte[] { 200, 0, 0, 0, 0, 0, 0, 0, 0x7B, 0x7D }, "header length", "does not fit")]
    public void Deserialize_TruncatedInput_ThrowsNamingPlace(byte[] bytes, string place, string problem)
    {
        var ex = Assert.Throws<SafeTensorsFormatException>(() => SafeTensors.Deserialize(bytes, "x.safetensors"));
        Assert.Equal("x.safetensors", ex.FilePath);
        Assert.Equal(place, ex.Place);
        Assert.Contains(problem, ex.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"a\":{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[0,8]}}", 8, "tensor 'a' dtype", "got 'F64'")]
    [InlineData("{\"a\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,8]}}", 8, "tensor 'a' data_offsets", "needs 12 bytes")]
    [InlineData("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}", 12, "data section", "file has 12 data bytes")]
    [InlineData("{\"a\":{\"dtype\":\"F32\",\"shape\":[-1],\"data_offsets\":[0,8]}}", 8, "tensor 'a' shape[0]", "non-negative")]
    [InlineData("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}", 8, "tensor 'a' data_offsets", "hole")]
    [InlineData("{\"a\": [", 0, "header JSON line 1, byte 8", "invalid JSON")]
    public void Deserialize_BadHeader_ThrowsNamingTensorAndExpectation(string header, int dataBytes, string place, string problem)
    {
        var bytes = new List<byte>(BitConverter.GetBytes((ulong)header.Length));
        bytes.AddRange(Encoding.ASCII.GetBytes(header));
        bytes.AddRange(new byte[dataBytes]);
        var ex = Assert.Throws<SafeTensorsFormatException>(() => SafeTensors.Deserialize(bytes.ToArray(), "bad.safetensors"));
        Assert.Equal(place, ex.Place);
        Assert.Contains(problem, ex.Problem, StringComparison.Ordinal);
        Assert.StartsWith("bad.safetensors: ", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AtomicWrite_WriterFailsMidway_LeavesPreviousFileAndNoTemporaries()
    {
        // Arrange: a good file, then a write that dies after some bytes (as a killed run would).
        var dir = Polypose.Testing.RepoPaths.NewTempDir();
        var path = Path.Combine(dir, "ckpt.safetensors");
        SafeTensors.Save(path, new Dictionary<string, Tensor> { ["a"] = Tensor.Ones(3) });
        var before = File.ReadAllBytes(path);

        // Act
        Assert.Throws<IOException>(() => AtomicFileWriter.Write(path, s =>
        {
            s.Write(new byte[100]);
            throw new IOException("simulated crash");
        }));

        // Assert
        Assert.Equal(before, File.ReadAllBytes(path));
        Assert.Single(Directory.GetFiles(dir));
    }
}
