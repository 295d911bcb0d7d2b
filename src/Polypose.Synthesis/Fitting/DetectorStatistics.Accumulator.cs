using Polypose.Core.Poses;
using Polypose.Core.Skeletons;
using Polypose.Geometry;
using Polypose.Synthesis.Detection;

namespace Polypose.Synthesis.Fitting;

/// <summary>The running sums behind <see cref="DetectorStatistics.Measure(IReadOnlyList{Camera}, IReadOnlyList{Frame3D}, IReadOnlyList{IReadOnlyList{IReadOnlyList{Keypoint2D}[]}}, double)"/>.</summary>
public sealed partial record DetectorStatistics
{
    private sealed class Accumulator(double gate)
    {
        private readonly int[] _counts = new int[12];
        private readonly int[] _misses = new int[12];
        private readonly List<double>[] _perJoint = [.. Enumerable.Range(0, 12).Select(_ => new List<double>())];
        private readonly List<double> _errors = [];
        private readonly List<double> _scores = [];
        private readonly int[] _index = new int[12];
        private Skeleton? _skeleton;

        public void AddPerson(Camera camera, Person3D person, IReadOnlyList<Keypoint2D>[] candidates, int[] body25)
        {
            if (!ReferenceEquals(_skeleton, person.Skeleton))
            {
                _skeleton = person.Skeleton;
                for (var i = 0; i < 12; i++)
                {
                    _index[i] = person.Skeleton.IndexOf(JointNames[i]);
                }
            }

            var centroid = Vec3.Zero;
            for (var i = 0; i < 12; i++)
            {
                if (_index[i] < 0 || !person.Has(_index[i]))
                {
                    return;
                }

                centroid += person.Joints[_index[i]];
            }

            var scale = ApparentSize.Pixels(camera, centroid / 12);
            if (scale <= 0)
            {
                return;
            }

            var limit = gate * scale;
            for (var i = 0; i < 12; i++)
            {
                var proj = camera.Project(person.Joints[_index[i]]);
                if (!proj.InImage)
                {
                    continue;
                }

                _counts[i]++;
                var best = double.PositiveInfinity;
                var score = 0.0;
                foreach (var c in candidates[body25[i]])
                {
                    var d = Vec2.Distance(new Vec2(c.X, c.Y), proj.Pixel);
                    if (d < best)
                    {
                        best = d;
                        score = c.Score;
                    }
                }

                if (!(best <= limit))
                {
                    _misses[i]++;
                    continue;
                }

                var e = best / scale;
                _perJoint[i].Add(e);
                _errors.Add(e);
                _scores.Add(score);
            }
        }

        public DetectorStatistics Finish()
        {
            var bins = new (int Count, double Sum)[ErrorBinEdges.Count];
            double sx = 0, sy = 0, sxx = 0, sxy = 0;
            var n = _errors.Count;
            for (var k = 0; k < n; k++)
            {
                var e = _errors[k];
                var s = _scores[k];
                var b = 0;
                while (e >= ErrorBinEdges[b])
                {
                    b++;
                }

                bins[b] = (bins[b].Count + 1, bins[b].Sum + s);
                sx += e;
                sy += s;
                sxx += e * e;
                sxy += e * s;
            }

            double intercept = 0, slope = 0, resid = 0;
            if (n >= 2)
            {
                var den = (n * sxx) - (sx * sx);
                var b1 = den > 0 ? ((n * sxy) - (sx * sy)) / den : 0;
                var b0 = (sy - (b1 * sx)) / n;
                intercept = b0;
                slope = -b1;
                double ss = 0;
                for (var k = 0; k < n; k++)
                {
                    var r = _scores[k] - (b0 + (b1 * _errors[k]));
                    ss += r * r;
                }

                resid = Math.Sqrt(ss / (n - 2 == 0 ? 1 : n - 2));
            }

            var sorted = _errors.ToArray();
            Array.Sort(sorted);
            return new DetectorStatistics
            {
                Gate = gate,
                Counts = _counts,
                Misses = _misses,
                MedianError = [.. _perJoint.Select(l => { var a = l.ToArray(); Array.Sort(a); return Quantile(a, 0.5); })],
                Errors = sorted,
                ConfidenceByError = [.. bins.Select(b => (b.Count, b.Count == 0 ? 0 : b.Sum / b.Count))],
                ScoreLine = (intercept, slope, resid),
                MeanScore = n == 0 ? 0 : sy / n,
            };
        }
    }
}
