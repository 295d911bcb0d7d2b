using Polypose.Learning.Assignment;
using Polypose.Tensors;

namespace Polypose.Learning.Tests.Assignment;

/// <summary>
/// A hand-built Stage I batch: 2 samples, 3 views, 4 slots; in each sample two people are seen in every view (view 2
/// lists them in swapped slots) plus, in sample 1, a distractor in view 0 slot 2. Candidates: every tuple over
/// {node, dustbin} per view except all-dustbin. Node features encode the person (a fixed random vector per person)
/// plus noise; the cue is 0.8 on each person's tuple and 0.4 elsewhere.
/// </summary>
internal sealed class TinyScene
{
    public const int Samples = 2, Views = 3, Slots = 4;

    public TinyScene(int dim, ulong seed)
    {
        var mask = new bool[Samples * Views * Slots];
        NodePerson = Enumerable.Repeat(-1, mask.Length).ToArray();
        for (var b = 0; b < Samples; b++)
        {
            for (var v = 0; v < Views; v++)
            {
                for (var p = 0; p < 2; p++)
                {
                    var slot = v == 2 ? 1 - p : p;
                    mask[(((b * Views) + v) * Slots) + slot] = true;
                    NodePerson[(((b * Views) + v) * Slots) + slot] = p;
                }
            }
        }

        mask[(((1 * Views) + 0) * Slots) + 2] = true; // distractor

        var tuples = new List<int>();
        var edgeSample = new List<int>();
        var cue = new List<double>();
        for (var b = 0; b < Samples; b++)
        {
            var options = Enumerable.Range(0, Views).Select(v => Enumerable.Range(0, Slots).Where(n => mask[(((b * Views) + v) * Slots) + n]).Append(-1).ToArray()).ToArray();
            foreach (var a in options[0])
            {
                foreach (var c in options[1])
                {
                    foreach (var e in options[2])
                    {
                        if (a < 0 && c < 0 && e < 0)
                        {
                            continue;
                        }

                        tuples.AddRange([a, c, e]);
                        edgeSample.Add(b);
                        var person = a == 0 && c == 0 && e == 1 ? 0 : a == 1 && c == 1 && e == 0 ? 1 : -1;
                        cue.Add(person >= 0 ? 0.8 : 0.4);
                    }
                }
            }
        }

        Graph = new CandidateHyperedges(Samples, Views, Slots, [.. tuples], [.. edgeSample], mask, [.. cue]);
        var gen = new Generator(seed);
        var people = Tensor.Randn(gen, 3, dim).ToArray();
        var noise = Tensor.Randn(gen, mask.Length, dim).ToArray();
        var features = new float[mask.Length * dim];
        for (var i = 0; i < mask.Length; i++)
        {
            var p = NodePerson[i] >= 0 ? NodePerson[i] : 2;
            for (var k = 0; k < dim; k++)
            {
                features[(i * dim) + k] = mask[i] ? people[(p * dim) + k] + (0.1f * noise[(i * dim) + k]) : 0f;
            }
        }

        NodeFeatures = Tensor.FromArray(features, mask.Length, dim);
    }

    public CandidateHyperedges Graph { get; }

    public int[] NodePerson { get; }

    public Tensor NodeFeatures { get; }
}
