using Polypose.Tensors.Memory;
using Polypose.Tensors.Nn;
using Polypose.Tensors.Optim;

namespace Polypose.Tensors.Tests.Memory;

[Trait("Stage", "Tensors")]
[Collection(PoolTestGroup.Name)]
public sealed class TensorScopeTests
{
    [Fact]
    public void Dispose_TensorCreatedInside_AccessThrowsNamingOp()
    {
        Tensor y;
        using (Tensor.Scope())
        {
            var x = Tensor.Randn(new Generator(1), 64, 8).SetRequiresGrad();
            y = x * 2f;
        }

        Assert.True(y.IsReleased);
        var ex = Assert.Throws<ObjectDisposedException>(() => y.Gelu());
        Assert.Contains("Gelu", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Mul", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ObjectDisposedException>(() => y.ToArray());
        Assert.Throws<ObjectDisposedException>(() => y.Reshape(-1).Sum());
        Assert.Contains("released", y.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Dispose_ViewOfReleasedStorage_AlsoThrows()
    {
        Tensor view;
        using (Tensor.Scope())
        {
            view = Tensor.Ones(32, 4).Transpose(0, 1);
        }

        Assert.Throws<ObjectDisposedException>(() => view.Contiguous().ToArray());
    }

    [Fact]
    public void Keep_MovedOutTensor_StaysValidWithValues()
    {
        Tensor kept, viaMethod;
        using (var scope = Tensor.Scope())
        {
            var a = Tensor.Arange(100);
            kept = scope.Keep(a * 3f);
            viaMethod = (a + 1f).MoveToOuterScope();
        }

        Assert.False(kept.IsReleased);
        Assert.Equal(297f, kept.ToArray()[99]);
        Assert.Equal(100f, viaMethod.ToArray()[99]);
    }

    [Fact]
    public void Keep_NestedScopes_MovesToEnclosingScopeOnly()
    {
        Tensor t;
        using (Tensor.Scope())
        {
            using (var inner = Tensor.Scope())
            {
                t = inner.Keep(Tensor.Ones(40));
            }

            Assert.False(t.IsReleased);
        }

        Assert.True(t.IsReleased);
    }

    [Fact]
    public void Tensor_CreatedOutsideScope_NotReleasedByInnerScope()
    {
        var outside = Tensor.Ones(50);
        using (Tensor.Scope())
        {
            var view = outside.Reshape(5, 10);
            _ = view * 2f;
        }

        Assert.False(outside.IsReleased);
        Assert.Equal(50f, outside.Sum().Item());
    }

    [Fact]
    public void Zeros_AfterDirtyBufferReturned_ReusesBufferAndIsZero()
    {
        using (Tensor.Scope())
        {
            Tensor.Full(7f, 1000);
        }

        var hits = TensorPool.Hits;
        using (Tensor.Scope())
        {
            var z = Tensor.Zeros(1000);
            Assert.True(TensorPool.Hits > hits, "the released buffer was not reused");
            Assert.All(z.ToArray(), v => Assert.Equal(0f, v));
        }
    }

    [Fact]
    public void LiveTensors_InOneScope_NeverShareStorage()
    {
        using var scope = Tensor.Scope();
        var tensors = new List<Tensor>();
        for (var i = 0; i < 40; i++)
        {
            tensors.Add(Tensor.Full(i, 333));
            if (i % 3 == 0)
            {
                using (Tensor.Scope())
                {
                    _ = Tensor.Full(-1f, 333) * 2f;
                }
            }
        }

        for (var i = 0; i < tensors.Count; i++)
        {
            Assert.All(tensors[i].ToArray(), v => Assert.Equal(i, v));
        }
    }

    [Fact]
    public void Dispose_OutOfOrder_Throws()
    {
        var outer = Tensor.Scope();
        var inner = Tensor.Scope();
        Assert.Throws<InvalidOperationException>(outer.Dispose);
        inner.Dispose();
        outer.Dispose();
        Assert.Null(TensorScope.Current);
    }

    [Fact]
    public void Backward_AfterScopeWithKeptLoss_MatchesInScopeGradient()
    {
        var w = Tensor.Randn(new Generator(2), 16, 8).SetRequiresGrad();
        var x = Tensor.Randn(new Generator(3), 10, 16);
        Tensor hidden;
        using (Tensor.Scope())
        {
            x.Matmul(w).Gelu().Square().Mean().Backward();
        }

        var expected = w.Grad!.ToArray();
        w.Grad = null;
        Tensor loss;
        using (var scope = Tensor.Scope())
        {
            hidden = x.Matmul(w);
            loss = scope.Keep(hidden.Gelu().Square().Mean());
        }

        Assert.False(hidden.IsReleased);
        loss.Backward();
        Assert.Equal(expected, w.Grad!.ToArray());
        Assert.True(hidden.IsReleased, "backward should free the kept graph's saved tensors");
    }

    [Fact]
    public void ZeroGradInPlace_ReusesLeafGradientBuffer()
    {
        var lin = new Linear(8, 4, new Generator(5));
        var x = Tensor.Randn(new Generator(6), 3, 8);
        lin.Forward(x).Sum().Backward();
        var grad = lin.Weight.Grad!;
        var first = grad.ToArray();
        lin.ZeroGrad(setToNone: false);
        Assert.Same(grad, lin.Weight.Grad);
        Assert.All(grad.ToArray(), v => Assert.Equal(0f, v));
        using (Tensor.Scope())
        {
            lin.Forward(x).Sum().Backward();
        }

        Assert.Same(grad, lin.Weight.Grad);
        Assert.False(grad.IsReleased);
        Assert.Equal(first, grad.ToArray());
    }

    [Fact]
    public void ScopedTrainingLoop_SameBitsAsUnscoped_AndFewAllocations()
    {
        var (plain, plainBytes) = Train(scoped: false);
        var (pooled, pooledBytes) = Train(scoped: true);
        Assert.Equal(plain, pooled);
        Assert.True(pooledBytes * 5 < plainBytes, $"allocated per step: scoped {pooledBytes} B vs plain {plainBytes} B");
    }

    [Fact]
    public void ParallelScopes_OnManyThreads_GiveSameResultsAsSequential()
    {
        static float[] Work(int seed)
        {
            using var scope = Tensor.Scope();
            var a = Tensor.Randn(new Generator((ulong)seed), 48, 48);
            var r = a;
            for (var i = 0; i < 20; i++)
            {
                r = (r.Matmul(a) * 0.05f).Gelu() + a;
            }

            return r.Sum(1).ToArray();
        }

        var expected = Enumerable.Range(0, 8).Select(Work).ToArray();
        var results = new float[8][];
        Parallel.For(0, 64, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i => results[i % 8] = Work(i % 8));
        for (var i = 0; i < 8; i++)
        {
            Assert.Equal(expected[i], results[i]);
        }
    }

    private static (float[] Parameters, long BytesPerStep) Train(bool scoped)
    {
        var g = new Generator(9);
        var model = new Mlp(32, [256, 256, 1], g, Activation.Gelu);
        var opt = new Adam(model.NamedParameters(), 1e-3);
        var x = Tensor.Randn(g, 64, 32);
        var y = Tensor.Randn(g, 64, 1);
        long bytes = 0;
        for (var step = 0; step < 6; step++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            var scope = scoped ? Tensor.Scope() : null;
            opt.ZeroGrad(setToNone: !scoped);
            Functional.MseLoss(model.Forward(x), y).Backward();
            opt.Step();
            scope?.Dispose();
            if (step >= 3)
            {
                bytes = Math.Max(bytes, GC.GetAllocatedBytesForCurrentThread() - before);
            }
        }

        return (model.Parameters().SelectMany(p => p.ToArray()).ToArray(), bytes);
    }
}
