using Polypose.Tensors.Nn;
using Polypose.Tensors.Ops;
using Polypose.Tensors.Optim;

namespace Polypose.Tensors.Tests.Nn;

/// <summary>A small CNN learns a generated image task: is the bright bar in a 12×12 image horizontal or vertical?</summary>
[Trait("Stage", "Tensors")]
public sealed class CnnTrainingTests
{
    private const int Size = 12;

    [Fact]
    public void SmallCnn_BarOrientation_LearnsToHighAccuracy()
    {
        var g = new Generator(5);
        var conv1 = new Conv2d(1, 8, 3, g, padding: 1);
        var conv2 = new Conv2d(8, 16, 3, g, padding: 1);
        var head = new Linear(16, 2, g);
        Tensor Forward(Tensor x)
        {
            var h = PoolOps.MaxPool2d(conv1.Forward(x).Relu(), 2);
            h = conv2.Forward(h).Relu().Mean([2, 3]);
            return head.Forward(h);
        }

        var parameters = conv1.Parameters().Concat(conv2.Parameters()).Concat(head.Parameters()).ToList();
        var opt = new Adam(parameters, 1e-2);
        var data = new Generator(6);
        double firstLoss = 0, lastLoss = 0;
        for (var step = 0; step < 120; step++)
        {
            var (images, labels) = Batch(data, 32);
            var loss = Functional.CrossEntropy(Forward(images), labels);
            if (step == 0)
            {
                firstLoss = loss.Item();
            }

            lastLoss = loss.Item();
            foreach (var p in parameters)
            {
                p.Grad?.ZeroInPlace();
            }

            loss.Backward();
            opt.Step();
        }

        using (Tensor.NoGrad())
        {
            var (test, truth) = Batch(new Generator(77), 200);
            var predicted = Forward(test).Argmax(-1).ToInt64Array();
            var expected = truth.ToInt64Array();
            var accuracy = predicted.Zip(expected).Count(p => p.First == p.Second) / (double)expected.Length;
            Assert.True(accuracy > 0.95, $"accuracy {accuracy}, loss {firstLoss} -> {lastLoss}");
            Assert.True(lastLoss < firstLoss / 4, $"loss {firstLoss} -> {lastLoss}");
        }
    }

    /// <summary>Images [n, 1, 12, 12]: noise plus one bright horizontal (label 0) or vertical (label 1) bar of random position and length.</summary>
    private static (Tensor Images, Tensor Labels) Batch(Generator g, int n)
    {
        var pixels = new float[n * Size * Size];
        var labels = new long[n];
        for (var i = 0; i < n; i++)
        {
            var vertical = g.NextDouble() < 0.5;
            labels[i] = vertical ? 1 : 0;
            for (var k = 0; k < Size * Size; k++)
            {
                pixels[(i * Size * Size) + k] = (float)(0.3 * g.NextNormal());
            }

            var line = (int)g.NextInt64(1, Size - 1);
            var start = (int)g.NextInt64(0, 4);
            var length = (int)g.NextInt64(6, Size - start + 1);
            for (var t = start; t < start + length; t++)
            {
                var (y, x) = vertical ? (t, line) : (line, t);
                pixels[(i * Size * Size) + (y * Size) + x] += 1.5f;
            }
        }

        return (Tensor.FromArray(pixels, n, 1, Size, Size), Tensor.FromArray(labels, n));
    }
}
