using System.Text;
using Polypose.Core.Skeletons;
using Polypose.Geometry;

namespace Polypose.Export.Exporters;

/// <summary>
/// Writes one person as a Biovision BVH file: a HIERARCHY whose rest pose (OFFSETs) is the T-pose of
/// <see cref="BvhRestPose"/> scaled by the person's median bone lengths, and a MOTION section over the frames where
/// the person appears (gaps filled as <see cref="FilledTrack"/> says: a missing joint is interpolated linearly between
/// its observations, held at the nearest one before the first and after the last, and a joint never observed sits on
/// its parent). The root has <c>Xposition Yposition Zposition Zrotation Xrotation Yrotation</c>, every other joint
/// <c>Zrotation Xrotation Yrotation</c> (degrees; local rotation = Rz·Rx·Ry, applied to column vectors), preceded in
/// <see cref="BvhBones.Exact"/> mode by <c>Xposition Yposition Zposition</c> on the joints whose bone length varies.
/// Axes are the Y-up axes of <see cref="YUpAxes"/>; lengths in the chosen unit (cm by default).
/// <para>
/// A joint with several children gets one zero-offset helper joint per child (named <c>parent_to_child</c>), so that
/// every bone has its own rotation and all bone directions are reproduced exactly; forward kinematics then gives each
/// joint at its parent + median bone length × the observed bone direction. Rotations are the minimal (swing) rotation
/// from the rest direction to the observed one: joint positions carry no twist information.
/// </para>
/// <para>
/// <see cref="BvhBones.Exact"/> (the default) adds, to each joint whose distance to its parent differs from the rest
/// length by more than <see cref="StretchTolerance"/> in some frame, a per-frame translation (rest direction ×
/// (observed length − rest length), in its parent's frame), so that forward kinematics gives the written joint
/// positions themselves; <see cref="BvhBones.Rigid"/> writes rotations only.
/// </para>
/// </summary>
public static class BvhWriter
{
    /// <summary>The channels of the root and of the other joints, in file order.</summary>
    public const string RootChannels = "Xposition Yposition Zposition Zrotation Xrotation Yrotation";

    /// <summary>The rotation channels of every non-root joint.</summary>
    public const string JointChannels = "Zrotation Xrotation Yrotation";

    /// <summary>The channels of a non-root joint whose bone stretches (<see cref="BvhBones.Exact"/>).</summary>
    public const string StretchingJointChannels = "Xposition Yposition Zposition Zrotation Xrotation Yrotation";

    /// <summary>The largest bone-length deviation from the rest length (mm) written without translation channels.</summary>
    public const double StretchTolerance = 1e-3;

    /// <summary>Writes <paramref name="person"/>; returns the filled track it animated (for reporting).</summary>
    /// <exception cref="ArgumentException">The skeleton does not have exactly one root.</exception>
    public static FilledTrack Write(Stream stream, PoseSequence sequence, PersonTrack person, LengthUnit unit, Action<double>? progress = null, BvhBones bones = BvhBones.Exact)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(sequence);
        ArgumentNullException.ThrowIfNull(person);
        var skeleton = sequence.Skeleton;
        var filled = FilledTrack.From(person, skeleton);
        var scale = 1 / unit.MillimetresPerUnit();
        var rig = BvhRig.Build(skeleton, person, filled, scale, bones);
        var decimals = Numbers.LengthDecimals(unit.MillimetresPerUnit());

        using var w = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16, leaveOpen: true) { NewLine = "\n" };
        w.WriteLine("HIERARCHY");
        WriteNode(w, rig, 0, 0, decimals);
        w.WriteLine("MOTION");
        w.WriteLine($"Frames: {filled.Rows}");
        w.WriteLine($"Frame Time: {Numbers.Text(1 / sequence.Fps, 7)}");
        var global = new Mat3[rig.Nodes.Count];
        var line = new StringBuilder();
        for (var r = 0; r < filled.Rows; r++)
        {
            line.Clear();
            for (var n = 0; n < rig.Nodes.Count; n++)
            {
                var node = rig.Nodes[n];
                var parentGlobal = node.Parent >= 0 ? global[node.Parent] : Mat3.Identity;
                global[n] = parentGlobal;
                if (node.BoneFrom >= 0)
                {
                    var now = YUpAxes.FromWorld(filled.At(r, node.BoneTo) - filled.At(r, node.BoneFrom)).Normalized();
                    if (now != Vec3.Zero)
                    {
                        global[n] = Swing(node.RestDirection, now);
                    }
                }

                if (node.IsEndSite)
                {
                    continue;
                }

                if (node.Parent < 0)
                {
                    var root = YUpAxes.FromWorld(filled.At(r, node.Joint), scale);
                    line.Append(Numbers.Text(root.X, decimals)).Append(' ').Append(Numbers.Text(root.Y, decimals)).Append(' ').Append(Numbers.Text(root.Z, decimals)).Append(' ');
                }
                else if (node.Stretches)
                {
                    // The parent node turns the rest direction onto the observed one, so translating by the rest
                    // direction × (observed − rest length) in its frame lands the joint on its observed position.
                    var parentJoint = skeleton.Parents[node.Joint];
                    var observed = Vec3.Distance(filled.At(r, node.Joint), filled.At(r, parentJoint)) * scale;
                    var stretch = rig.Rest[node.Joint] * (observed - rig.RestLength[node.Joint]);
                    line.Append(Numbers.Text(stretch.X, decimals)).Append(' ').Append(Numbers.Text(stretch.Y, decimals)).Append(' ').Append(Numbers.Text(stretch.Z, decimals)).Append(' ');
                }

                var (z, x, y) = EulerZxy(parentGlobal.Transpose() * global[n]);
                line.Append(Numbers.Text(z, 6)).Append(' ').Append(Numbers.Text(x, 6)).Append(' ').Append(Numbers.Text(y, 6)).Append(' ');
            }

            w.WriteLine(line.ToString(0, line.Length - 1));
            progress?.Invoke((r + 1) / (double)filled.Rows);
        }

        return filled;
    }

    /// <summary>The ZXY Euler angles (degrees) of R = Rz(z)·Rx(x)·Ry(y).</summary>
    internal static (double Z, double X, double Y) EulerZxy(Mat3 r)
    {
        var sx = Math.Clamp(r.M21, -1, 1);
        var x = Math.Asin(sx);
        double z, y;
        if (Math.Abs(sx) < 1 - 1e-12)
        {
            z = Math.Atan2(-r.M01, r.M11);
            y = Math.Atan2(-r.M20, r.M22);
        }
        else
        {
            z = Math.Atan2(r.M10, r.M00);
            y = 0;
        }

        const double deg = 180 / Math.PI;
        return (z * deg, x * deg, y * deg);
    }

    /// <summary>The minimal rotation taking unit vector a onto unit vector b.</summary>
    internal static Mat3 Swing(Vec3 a, Vec3 b)
    {
        var axis = Vec3.Cross(a, b);
        var sin = axis.Length;
        var cos = Vec3.Dot(a, b);
        if (sin < 1e-12)
        {
            if (cos > 0)
            {
                return Mat3.Identity;
            }

            var helper = Math.Abs(a.X) < 0.9 ? new Vec3(1, 0, 0) : new Vec3(0, 1, 0);
            return Mat3.FromRodrigues(Vec3.Cross(a, helper).Normalized() * Math.PI);
        }

        return Mat3.FromRodrigues(axis / sin * Math.Atan2(sin, cos));
    }

    private static void WriteNode(StreamWriter w, BvhRig rig, int n, int depth, int decimals)
    {
        var node = rig.Nodes[n];
        var pad = new string('\t', depth);
        var o = node.Offset;
        var offset = $"OFFSET {Numbers.Text(o.X, decimals)} {Numbers.Text(o.Y, decimals)} {Numbers.Text(o.Z, decimals)}";
        if (node.IsEndSite)
        {
            w.WriteLine($"{pad}End Site");
            w.WriteLine($"{pad}{{");
            w.WriteLine($"{pad}\t{offset}");
            w.WriteLine($"{pad}}}");
            return;
        }

        w.WriteLine(node.Parent < 0 ? $"ROOT {node.Name}" : $"{pad}JOINT {node.Name}");
        w.WriteLine($"{pad}{{");
        w.WriteLine($"{pad}\t{offset}");
        w.WriteLine(node.Parent < 0 ? $"{pad}\tCHANNELS 6 {RootChannels}" : node.Stretches ? $"{pad}\tCHANNELS 6 {StretchingJointChannels}" : $"{pad}\tCHANNELS 3 {JointChannels}");
        foreach (var c in node.Children)
        {
            WriteNode(w, rig, c, depth + 1, decimals);
        }

        w.WriteLine($"{pad}}}");
    }

    /// <summary>
    /// The BVH node tree in depth-first (file) order: joints, helper joints and end sites. A node with
    /// <see cref="Node.BoneFrom"/> ≥ 0 orients the bone BoneFrom → BoneTo.
    /// </summary>
    private sealed class BvhRig
    {
        public List<Node> Nodes { get; } = [];

        /// <summary>Per skeleton joint, the unit rest direction of its bone (output axes).</summary>
        public Vec3[] Rest { get; private set; } = [];

        /// <summary>Per skeleton joint, the rest length of its bone (output unit).</summary>
        public double[] RestLength { get; private set; } = [];

        public static BvhRig Build(Skeleton skeleton, PersonTrack person, FilledTrack filled, double scale, BvhBones bones)
        {
            var roots = Enumerable.Range(0, skeleton.JointCount).Where(j => skeleton.Parents[j] < 0).ToList();
            if (roots.Count != 1)
            {
                throw new ArgumentException($"BVH needs a skeleton with one root but '{skeleton.Name}' has {roots.Count} ({string.Join(", ", roots.Select(r => skeleton.JointNames[r]))})");
            }

            var lengths = BoneLengths.Median(person, skeleton);
            var rig = new BvhRig();
            var rest = new Vec3[skeleton.JointCount];
            for (var j = 0; j < skeleton.JointCount; j++)
            {
                var parent = skeleton.Parents[j];
                if (parent >= 0)
                {
                    var median = MedianDirection(filled, parent, j);
                    rest[j] = BvhRestPose.Direction(skeleton.JointNames[parent], skeleton.JointNames[j], median);
                }
            }

            var children = Enumerable.Range(0, skeleton.JointCount).ToLookup(j => skeleton.Parents[j]);
            rig.AddJoint(skeleton, children, rest, lengths, scale, roots[0], -1, Vec3.Zero);
            rig.Rest = rest;
            rig.RestLength = [.. lengths.Select(l => l * scale)];
            if (bones == BvhBones.Exact)
            {
                foreach (var node in rig.Nodes)
                {
                    node.Stretches = node.Joint >= 0 && node.Parent >= 0 && Stretches(filled, node.Joint, skeleton.Parents[node.Joint], lengths[node.Joint]);
                }
            }

            return rig;
        }

        private static bool Stretches(FilledTrack filled, int joint, int parent, double restLength)
        {
            for (var r = 0; r < filled.Rows; r++)
            {
                if (Math.Abs(Vec3.Distance(filled.At(r, joint), filled.At(r, parent)) - restLength) > StretchTolerance)
                {
                    return true;
                }
            }

            return false;
        }

        private int AddJoint(Skeleton skeleton, ILookup<int, int> children, Vec3[] rest, double[] lengths, double scale, int j, int parentNode, Vec3 offset)
        {
            var index = Add(new Node(skeleton.JointNames[j], parentNode, j, offset));
            var kids = children[j].ToList();
            if (kids.Count == 0)
            {
                var incoming = skeleton.Parents[j] >= 0 ? rest[j] : new Vec3(0, 1, 0);
                var length = Math.Max(lengths[j] * 0.25, 10) * scale;
                Add(new Node("End Site", index, -1, incoming * length) { IsEndSite = true });
            }
            else if (kids.Count == 1)
            {
                Nodes[index].BoneFrom = j;
                Nodes[index].BoneTo = kids[0];
                Nodes[index].RestDirection = rest[kids[0]];
                AddJoint(skeleton, children, rest, lengths, scale, kids[0], index, rest[kids[0]] * (lengths[kids[0]] * scale));
            }
            else
            {
                foreach (var c in kids)
                {
                    var helper = Add(new Node($"{skeleton.JointNames[j]}_to_{skeleton.JointNames[c]}", index, -1, Vec3.Zero)
                    {
                        BoneFrom = j,
                        BoneTo = c,
                        RestDirection = rest[c],
                    });
                    AddJoint(skeleton, children, rest, lengths, scale, c, helper, rest[c] * (lengths[c] * scale));
                }
            }

            return index;
        }

        private int Add(Node node)
        {
            Nodes.Add(node);
            if (node.Parent >= 0)
            {
                Nodes[node.Parent].Children.Add(Nodes.Count - 1);
            }

            return Nodes.Count - 1;
        }

        private static Vec3 MedianDirection(FilledTrack filled, int parent, int child)
        {
            var xs = new List<double>();
            var ys = new List<double>();
            var zs = new List<double>();
            for (var r = 0; r < filled.Rows; r++)
            {
                var d = YUpAxes.FromWorld(filled.At(r, child) - filled.At(r, parent)).Normalized();
                if (d != Vec3.Zero)
                {
                    xs.Add(d.X);
                    ys.Add(d.Y);
                    zs.Add(d.Z);
                }
            }

            if (xs.Count == 0)
            {
                return Vec3.Zero;
            }

            xs.Sort();
            ys.Sort();
            zs.Sort();
            return new Vec3(xs[xs.Count / 2], ys[ys.Count / 2], zs[zs.Count / 2]).Normalized();
        }
    }

    private sealed class Node(string name, int parent, int joint, Vec3 offset)
    {
        public string Name { get; } = name;

        public int Parent { get; } = parent;

        /// <summary>The skeleton joint at this node, or −1 for helpers and end sites.</summary>
        public int Joint { get; } = joint;

        public Vec3 Offset { get; } = offset;

        public bool IsEndSite { get; init; }

        public int BoneFrom { get; set; } = -1;

        public int BoneTo { get; set; } = -1;

        public Vec3 RestDirection { get; set; }

        /// <summary>True when the joint has per-frame translation channels (<see cref="BvhBones.Exact"/>).</summary>
        public bool Stretches { get; set; }

        public List<int> Children { get; } = [];
    }
}
