using Polypose.Core.Poses;

namespace Polypose.Evidence.Tests;

/// <summary>Exact (bit-for-bit) comparison of parsed person lists.</summary>
internal static class PersonAssert
{
    /// <summary>Same count and order, same skeleton instance, and joint X, Y, score identical to the last bit.</summary>
    public static void Identical(IReadOnlyList<Person2D> expected, IReadOnlyList<Person2D> actual, string where)
    {
        Assert.True(expected.Count == actual.Count, $"{where}: {actual.Count} persons, expected {expected.Count}");
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.Same(expected[i].Skeleton, actual[i].Skeleton);
            var e = expected[i].Joints;
            var a = actual[i].Joints;
            Assert.True(e.Length == a.Length, $"{where}, person {i}: {a.Length} joints, expected {e.Length}");
            for (var j = 0; j < e.Length; j++)
            {
                var same = BitConverter.DoubleToInt64Bits(e[j].X) == BitConverter.DoubleToInt64Bits(a[j].X)
                    && BitConverter.DoubleToInt64Bits(e[j].Y) == BitConverter.DoubleToInt64Bits(a[j].Y)
                    && BitConverter.DoubleToInt64Bits(e[j].Score) == BitConverter.DoubleToInt64Bits(a[j].Score);
                Assert.True(same, $"{where}, person {i}, joint {j}: got {a[j]}, expected {e[j]}");
            }
        }
    }
}
