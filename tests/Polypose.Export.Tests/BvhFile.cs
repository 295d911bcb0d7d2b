using System.Globalization;

namespace Polypose.Export.Tests;

/// <summary>
/// A BVH reader with its own forward kinematics, written for the tests from the BVH description (not from the writer):
/// each joint's transform is parent · translate(OFFSET + position channels) · the rotation channels multiplied in the
/// order they are listed (Zrotation = rotation about z, in degrees).
/// </summary>
internal sealed class BvhFile
{
    private BvhFile(List<Joint> joints, int channelCount, double frameTime, List<double[]> motion)
    {
        Joints = joints;
        ChannelCount = channelCount;
        FrameTime = frameTime;
        Motion = motion;
    }

    public List<Joint> Joints { get; }

    public int ChannelCount { get; }

    public double FrameTime { get; }

    public List<double[]> Motion { get; }

    public sealed record Joint(string Name, int Parent, double[] Offset, string[] Channels, int FirstChannel, bool EndSite);

    public static BvhFile Parse(string text)
    {
        var tokens = text.Split((char[])[' ', '\t', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries);
        var i = 0;
        string Next() => tokens[i++];
        double Number() => double.Parse(Next(), CultureInfo.InvariantCulture);
        Assert.Equal("HIERARCHY", Next());
        var joints = new List<Joint>();
        var stack = new Stack<int>();
        var channels = 0;
        while (true)
        {
            var t = Next();
            if (t == "MOTION")
            {
                break;
            }

            if (t is "ROOT" or "JOINT" or "End")
            {
                var endSite = t == "End";
                var name = Next();
                if (endSite)
                {
                    name = "End Site of " + joints[stack.Peek()].Name;
                }

                Assert.Equal("{", Next());
                Assert.Equal("OFFSET", Next());
                double[] offset = [Number(), Number(), Number()];
                var list = Array.Empty<string>();
                if (!endSite)
                {
                    Assert.Equal("CHANNELS", Next());
                    var n = int.Parse(Next(), CultureInfo.InvariantCulture);
                    list = [.. Enumerable.Range(0, n).Select(_ => Next())];
                }

                joints.Add(new Joint(name, stack.Count > 0 ? stack.Peek() : -1, offset, list, channels, endSite));
                channels += list.Length;
                stack.Push(joints.Count - 1);
            }
            else if (t == "}")
            {
                stack.Pop();
            }
            else
            {
                throw new FormatException($"unexpected BVH token '{t}'");
            }
        }

        Assert.Equal("Frames:", Next());
        var frames = int.Parse(Next(), CultureInfo.InvariantCulture);
        Assert.Equal("Frame", Next());
        Assert.Equal("Time:", Next());
        var frameTime = Number();
        var motion = new List<double[]>();
        for (var f = 0; f < frames; f++)
        {
            motion.Add([.. Enumerable.Range(0, channels).Select(_ => Number())]);
        }

        Assert.Equal(tokens.Length, i);
        return new BvhFile(joints, channels, frameTime, motion);
    }

    /// <summary>World positions (file units, file axes) of every non-end-site joint at frame f.</summary>
    public Dictionary<string, double[]> Positions(int f)
    {
        var values = Motion[f];
        var rotation = new double[Joints.Count][];
        var position = new double[Joints.Count][];
        var result = new Dictionary<string, double[]>();
        for (var k = 0; k < Joints.Count; k++)
        {
            var joint = Joints[k];
            double[] translation = [.. joint.Offset];
            var local = Identity();
            for (var c = 0; c < joint.Channels.Length; c++)
            {
                var v = values[joint.FirstChannel + c];
                switch (joint.Channels[c])
                {
                    case "Xposition": translation[0] += v; break;
                    case "Yposition": translation[1] += v; break;
                    case "Zposition": translation[2] += v; break;
                    case "Xrotation": local = Multiply(local, Axis(0, v)); break;
                    case "Yrotation": local = Multiply(local, Axis(1, v)); break;
                    case "Zrotation": local = Multiply(local, Axis(2, v)); break;
                    default: throw new FormatException("unknown channel " + joint.Channels[c]);
                }
            }

            if (joint.Parent < 0)
            {
                rotation[k] = local;
                position[k] = translation;
            }
            else
            {
                var pr = rotation[joint.Parent];
                var pp = position[joint.Parent];
                var moved = Apply(pr, translation);
                position[k] = [pp[0] + moved[0], pp[1] + moved[1], pp[2] + moved[2]];
                rotation[k] = Multiply(pr, local);
            }

            if (!joint.EndSite)
            {
                result[joint.Name] = position[k];
            }
        }

        return result;
    }

    private static double[] Identity() => [1, 0, 0, 0, 1, 0, 0, 0, 1];

    private static double[] Axis(int axis, double degrees)
    {
        var a = degrees * Math.PI / 180;
        double c = Math.Cos(a), s = Math.Sin(a);
        return axis switch
        {
            0 => [1, 0, 0, 0, c, -s, 0, s, c],
            1 => [c, 0, s, 0, 1, 0, -s, 0, c],
            _ => [c, -s, 0, s, c, 0, 0, 0, 1],
        };
    }

    private static double[] Multiply(double[] a, double[] b)
    {
        var r = new double[9];
        for (var row = 0; row < 3; row++)
        {
            for (var col = 0; col < 3; col++)
            {
                r[(row * 3) + col] = (a[row * 3] * b[col]) + (a[(row * 3) + 1] * b[3 + col]) + (a[(row * 3) + 2] * b[6 + col]);
            }
        }

        return r;
    }

    private static double[] Apply(double[] m, double[] v) =>
        [(m[0] * v[0]) + (m[1] * v[1]) + (m[2] * v[2]), (m[3] * v[0]) + (m[4] * v[1]) + (m[5] * v[2]), (m[6] * v[0]) + (m[7] * v[1]) + (m[8] * v[2])];
}
