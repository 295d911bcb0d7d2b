using System.Numerics.Tensors;

namespace Polypose.Tensors.Kernels;

/// <summary>General-geometry tap workers: one row span of one tap at a time (allocation-free struct visitors).</summary>
internal static unsafe partial class DepthwiseConv2dKernel
{
    /// <summary>Work for one output row span [ox0, ox1) of tap (ky, kx), reading input row iy from column ix0 with the column stride.</summary>
    private interface ITapVisitor
    {
        void Visit(int oy, int ky, int kx, int iy, int ox0, int ox1, int ix0);
    }

    /// <summary>y[oy, ox] += w[ky, kx] · x[iy, ix].</summary>
    private readonly struct ForwardTap(Conv2dGeometry g, float* x, float* w, float* y) : ITapVisitor
    {
        public void Visit(int oy, int ky, int kx, int iy, int ox0, int ox1, int ix0)
        {
            var tap = w[(ky * g.KernelW) + kx];
            var dst = new Span<float>(y + ((long)oy * g.OutWidth) + ox0, ox1 - ox0);
            var src = x + ((long)iy * g.Width) + ix0;
            if (g.StrideW == 1)
            {
                TensorPrimitives.MultiplyAdd(new ReadOnlySpan<float>(src, dst.Length), tap, dst, dst);
                return;
            }

            for (var i = 0; i < dst.Length; i++)
            {
                dst[i] += tap * src[i * g.StrideW];
            }
        }
    }

    /// <summary>dx[iy, ix] += w[ky, kx] · dy[oy, ox].</summary>
    private readonly struct InputGradTap(Conv2dGeometry g, float* dy, float* w, float* dx) : ITapVisitor
    {
        public void Visit(int oy, int ky, int kx, int iy, int ox0, int ox1, int ix0)
        {
            var tap = w[(ky * g.KernelW) + kx];
            var src = new ReadOnlySpan<float>(dy + ((long)oy * g.OutWidth) + ox0, ox1 - ox0);
            var dst = dx + ((long)iy * g.Width) + ix0;
            if (g.StrideW == 1)
            {
                var d = new Span<float>(dst, src.Length);
                TensorPrimitives.MultiplyAdd(src, tap, d, d);
                return;
            }

            for (var i = 0; i < src.Length; i++)
            {
                dst[i * g.StrideW] += tap * src[i];
            }
        }
    }

    /// <summary>dw[ky, kx] += Σ_ox dy[oy, ox] · x[iy, ix].</summary>
    private readonly struct WeightGradTap(Conv2dGeometry g, float* x, float* dy, float* dw) : ITapVisitor
    {
        public void Visit(int oy, int ky, int kx, int iy, int ox0, int ox1, int ix0)
        {
            var grad = new ReadOnlySpan<float>(dy + ((long)oy * g.OutWidth) + ox0, ox1 - ox0);
            var src = x + ((long)iy * g.Width) + ix0;
            float s;
            if (g.StrideW == 1)
            {
                s = TensorPrimitives.Dot(grad, new ReadOnlySpan<float>(src, grad.Length));
            }
            else
            {
                s = 0f;
                for (var i = 0; i < grad.Length; i++)
                {
                    s += grad[i] * src[i * g.StrideW];
                }
            }

            dw[(ky * g.KernelW) + kx] += s;
        }
    }
}
