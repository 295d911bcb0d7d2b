using Polypose.Tensors.Memory;

namespace Polypose.Tensors.Tests.Memory;

[Trait("Stage", "Tensors")]
[Collection(PoolTestGroup.Name)]
public sealed class TensorPoolTests
{
    [Theory]
    [InlineData(16)]
    [InlineData(17)]
    [InlineData(38400)]
    [InlineData(1_000_003)]
    public void SizeClasses_RentCoversLengthAndWastesAtMostAQuarter(int length)
    {
        var up = TensorPool.ClassUp(length);
        var size = TensorPool.ClassSize(up);
        Assert.True(size >= length);
        Assert.True(size <= (length * 1.25) + 4, $"{length} -> {size}");
        var down = TensorPool.ClassDown(length);
        Assert.True(TensorPool.ClassSize(down) <= length);
        Assert.True(TensorPool.ClassSize(down + 1) > length);
    }

    [Fact]
    public void Return_ThenRent_SameClassGetsSameArray()
    {
        var a = TensorPool.RentFloat(5000);
        TensorPool.Return(a);
        var b = TensorPool.RentFloat(5000);
        Assert.Same(a, b);
        Assert.True(b.Length >= 5000);
    }

    [Fact]
    public void MaxRetainedBytes_Zero_DropsReturnedArrays()
    {
        var saved = TensorPool.MaxRetainedBytes;
        try
        {
            TensorPool.MaxRetainedBytes = 0;
            var a = TensorPool.RentFloat(4096);
            TensorPool.Return(a);
            Assert.NotSame(a, TensorPool.RentFloat(4096));
        }
        finally
        {
            TensorPool.MaxRetainedBytes = saved;
        }
    }

    [Fact]
    public void ConcurrentRentReturn_NoArrayHandedOutTwice()
    {
        var owners = new System.Collections.Concurrent.ConcurrentDictionary<float[], int>(ReferenceEqualityComparer.Instance);
        var duplicates = 0;
        Parallel.For(0, 8, worker =>
        {
            for (var i = 0; i < 2000; i++)
            {
                var a = TensorPool.RentFloat(1000 + (i % 3 * 100));
                if (!owners.TryAdd(a, worker))
                {
                    Interlocked.Increment(ref duplicates);
                }

                a[0] = worker;
                Thread.SpinWait(10);
                if (a[0] != worker)
                {
                    Interlocked.Increment(ref duplicates);
                }

                owners.TryRemove(a, out _);
                TensorPool.Return(a);
            }
        });
        Assert.Equal(0, duplicates);
    }
}
