using System.Buffers.Binary;
using Polypose.Testing;

namespace Polypose.Viewer.Tests;

public sealed class PoseBinaryTests
{
    [Fact]
    public void EncodedJointsDecodeToTheFileValuesWithinHalfAMillimetre()
    {
        var dir = RepoPaths.NewTempDir();
        var (_, scene) = TestScenes.Synthetic(dir);
        var bytes = PoseBinary.Encode(scene.Poses);
        var doc = scene.Poses;

        // An independent reader of the documented layout.
        var s = bytes.AsSpan();
        Assert.Equal(0x31565050u, BinaryPrimitives.ReadUInt32LittleEndian(s));
        var frames = BinaryPrimitives.ReadInt32LittleEndian(s[4..]);
        var records = BinaryPrimitives.ReadInt32LittleEndian(s[8..]);
        var joints = BinaryPrimitives.ReadInt32LittleEndian(s[12..]);
        var step = BinaryPrimitives.ReadSingleLittleEndian(s[16..]);
        Assert.Equal(doc.Frames.Count, frames);
        Assert.Equal(doc.Frames.Sum(f => f.People.Count), records);
        Assert.Equal(25, joints);
        Assert.Equal(1f, step);
        var numbers = 32;
        var starts = numbers + (4 * frames);
        var ids = starts + (4 * (frames + 1));
        var coords = ids + (4 * records);
        for (var f = 0; f < frames; f++)
        {
            Assert.Equal(doc.Frames[f].FrameIndex, BinaryPrimitives.ReadInt32LittleEndian(s[(numbers + (4 * f))..]));
            var first = BinaryPrimitives.ReadInt32LittleEndian(s[(starts + (4 * f))..]);
            var end = BinaryPrimitives.ReadInt32LittleEndian(s[(starts + (4 * (f + 1)))..]);
            Assert.Equal(doc.Frames[f].People.Count, end - first);
            for (var r = first; r < end; r++)
            {
                var person = doc.Frames[f].People[r - first];
                Assert.Equal(person.Id, BinaryPrimitives.ReadInt32LittleEndian(s[(ids + (4 * r))..]));
                for (var j = 0; j < joints; j++)
                {
                    var at = coords + (2 * ((r * joints * 3) + (j * 3)));
                    var x = BinaryPrimitives.ReadInt16LittleEndian(s[at..]) * step;
                    var y = BinaryPrimitives.ReadInt16LittleEndian(s[(at + 2)..]) * step;
                    var z = BinaryPrimitives.ReadInt16LittleEndian(s[(at + 4)..]) * step;
                    Assert.InRange(x - person.Joints[j].X, -0.5, 0.5);
                    Assert.InRange(y - person.Joints[j].Y, -0.5, 0.5);
                    Assert.InRange(z - person.Joints[j].Z, -0.5, 0.5);
                }
            }
        }
    }

    [Fact]
    public void MissingJointsAreMarkedAndFarJointsCoarsenTheStep()
    {
        var doc = TestScenes.Walkers(1, 2);
        var person = doc.Frames[0].People[0];
        person.Confidence[3] = 0;
        person.Joints[5] = new Polypose.Geometry.Vec3(64_000, 0, 0);
        var bytes = PoseBinary.Encode(doc);
        var s = bytes.AsSpan();
        Assert.Equal(2f, BinaryPrimitives.ReadSingleLittleEndian(s[16..]));
        var coords = 32 + (4 * 2) + (4 * 3) + (4 * 2);
        for (var k = 0; k < 3; k++)
        {
            Assert.Equal(short.MinValue, BinaryPrimitives.ReadInt16LittleEndian(s[(coords + (2 * ((3 * 3) + k)))..]));
        }

        Assert.Equal(32_000, BinaryPrimitives.ReadInt16LittleEndian(s[(coords + (2 * 5 * 3))..]));
    }

    [Fact]
    public void TenPeopleOverTenThousandFramesFitInSixteenMegabytes()
    {
        var bytes = PoseBinary.Encode(TestScenes.Walkers(10, 10_000));
        Assert.InRange(bytes.Length, 1, 16 * 1024 * 1024);
    }
}
