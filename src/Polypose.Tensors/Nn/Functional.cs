using Polypose.Tensors.Internal;

namespace Polypose.Tensors.Nn;

/// <summary>Stateless layer functions (PyTorch <c>torch.nn.functional</c>); modules call these.</summary>
public static class Functional
{
    /// <summary>y = x Wᵀ + b; x [*, in], weight [out, in], bias [out] → [*, out] (PyTorch <c>F.linear</c>).</summary>
    public static Tensor Linear(Tensor input, Tensor weight, Tensor? bias = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(weight);
        if (input.DType == DType.Float32 && weight.DType == DType.Float32 && input.NDim >= 1 && weight.NDim == 2
            && input.ShapeArray[^1] == weight.ShapeArray[1]
            && (bias is null || (bias.DType == DType.Float32 && bias.NDim == 1 && bias.ShapeArray[0] == weight.ShapeArray[0])))
        {
            return new Ops.LinearFunction().Apply(bias is null ? [input, weight] : [input, weight, bias]);
        }

        var y = input.Matmul(weight.MT);
        return bias is null ? y : y.Add(bias);
    }

    /// <summary>
    /// Layer normalisation over the trailing <paramref name="normalizedShape"/> dims: (x - mean) / sqrt(var + eps) * w + b,
    /// biased variance (PyTorch <c>F.layer_norm</c>).
    /// </summary>
    public static Tensor LayerNorm(Tensor input, int[] normalizedShape, Tensor? weight = null, Tensor? bias = null, float eps = 1e-5f)
    {
        ArgumentNullException.ThrowIfNull(normalizedShape);
        var dims = Enumerable.Range(input.NDim - normalizedShape.Length, normalizedShape.Length).ToArray();
        for (var i = 0; i < normalizedShape.Length; i++)
        {
            if (dims[i] < 0 || input.ShapeArray[dims[i]] != normalizedShape[i])
            {
                throw new ArgumentException($"LayerNorm: input shape {Shapes.Format(input.ShapeArray)} does not end with {Shapes.Format(normalizedShape)}", nameof(normalizedShape));
            }
        }

        var size = Shapes.NumEl(normalizedShape);
        var affine = weight is not null && bias is not null;
        if (input.DType == DType.Float32 && size > 0 && (affine || (weight is null && bias is null))
            && (!affine || (weight!.DType == DType.Float32 && bias!.DType == DType.Float32 && Shapes.Equal(weight.ShapeArray, normalizedShape) && Shapes.Equal(bias.ShapeArray, normalizedShape))))
        {
            var fn = new Ops.LayerNormFunction(size, eps, affine);
            return affine ? fn.Apply(input, weight!, bias!) : fn.Apply(input);
        }

        var mean = input.Mean(dims, keepDim: true);
        var centered = input.Sub(mean);
        var variance = centered.Mul(centered).Mean(dims, keepDim: true);
        var y = centered.Mul(variance.Add(eps).Rsqrt());
        if (weight is not null)
        {
            y = y.Mul(weight);
        }

        return bias is null ? y : y.Add(bias);
    }

    /// <summary>
    /// Batch normalisation over all dims except channel dim 1 of x [N, C, *] (PyTorch <c>F.batch_norm</c>). In training
    /// mode uses batch statistics (biased variance) and updates the running buffers in place with
    /// r = (1 - momentum) r + momentum · stat (unbiased variance); in eval mode uses the running buffers.
    /// </summary>
    public static Tensor BatchNorm(Tensor input, Tensor? runningMean, Tensor? runningVar, Tensor? weight, Tensor? bias, bool training, float momentum = 0.1f, float eps = 1e-5f)
    {
        if (input.NDim < 2)
        {
            throw new ArgumentException($"BatchNorm expects [N, C, *], got {Shapes.Format(input.ShapeArray)}", nameof(input));
        }

        var c = input.ShapeArray[1];
        var dims = Enumerable.Range(0, input.NDim).Where(d => d != 1).ToArray();
        var statShape = new int[input.NDim];
        Array.Fill(statShape, 1);
        statShape[1] = c;
        Tensor mean, variance;
        if (training || runningMean is null || runningVar is null)
        {
            var n = input.NumEl / Math.Max(c, 1);
            if (training && n <= 1)
            {
                throw new ArgumentException($"expected more than 1 value per channel when training, got input size {Shapes.Format(input.ShapeArray)}", nameof(input));
            }

            mean = input.Mean(dims, keepDim: true);
            var centeredForVar = input.Sub(mean);
            variance = centeredForVar.Mul(centeredForVar).Mean(dims, keepDim: true);
            if (training && runningMean is not null && runningVar is not null)
            {
                using (Tensor.NoGrad())
                {
                    var unbiased = variance.Detach().Mul(n / (float)Math.Max(n - 1, 1)).Reshape(c);
                    runningMean.CopyInPlace(runningMean.Mul(1f - momentum).Add(mean.Detach().Reshape(c).Mul(momentum)));
                    runningVar.CopyInPlace(runningVar.Mul(1f - momentum).Add(unbiased.Mul(momentum)));
                }
            }
        }
        else
        {
            mean = runningMean.Reshape(statShape);
            variance = runningVar.Reshape(statShape);
        }

        var y = input.Sub(mean).Mul(variance.Add(eps).Rsqrt());
        if (weight is not null)
        {
            y = y.Mul(weight.Reshape(statShape));
        }

        return bias is null ? y : y.Add(bias.Reshape(statShape));
    }

    /// <summary>
    /// Zeroes elements with probability <paramref name="p"/> and scales survivors by 1/(1-p) when training
    /// (PyTorch <c>F.dropout</c>); identity otherwise.
    /// </summary>
    public static Tensor Dropout(Tensor input, float p, bool training, Generator generator)
    {
        if (p < 0f || p > 1f)
        {
            throw new ArgumentOutOfRangeException(nameof(p), p, "dropout probability has to be between 0 and 1");
        }

        if (!training || p == 0f)
        {
            return input;
        }

        if (p == 1f)
        {
            return input.Mul(0f);
        }

        var mask = Tensor.Bernoulli(generator, 1f - p, input.ShapeArray);
        return input.Mul(mask.Mul(1f / (1f - p)));
    }

    /// <summary>Rows of <paramref name="weight"/> [num, dim] at int64 <paramref name="indices"/> [*] → [*, dim] (PyTorch <c>F.embedding</c>).</summary>
    public static Tensor Embedding(Tensor indices, Tensor weight)
    {
        var flat = indices.Reshape(-1);
        var rows = weight.IndexSelect(0, flat);
        var shape = indices.ShapeArray.Append(weight.ShapeArray[1]).ToArray();
        return rows.Reshape(shape);
    }

    /// <summary>
    /// softmax(q kᵀ / sqrt(d) + mask) v for q [*, L, d], k [*, S, d], v [*, S, dv] (PyTorch
    /// <c>F.scaled_dot_product_attention</c>). <paramref name="mask"/> is bool (true = attend) or additive float,
    /// broadcastable to [*, L, S]. Returns the output and the attention weights.
    /// </summary>
    public static (Tensor Output, Tensor Weights) ScaledDotProductAttention(Tensor query, Tensor key, Tensor value, Tensor? mask = null)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(value);
        if (query.NDim is 3 or 4 && key.NDim == query.NDim && value.NDim == query.NDim && query.DType == DType.Float32)
        {
            var four = query.NDim == 4;
            var additive = mask is null ? null : mask.DType == DType.Bool ? Ops.AttentionOps.BlockedToAdditive(mask.LogicalNot()) : mask;
            if (additive is not null && !four && additive.NDim == 3)
            {
                additive = additive.Unsqueeze(1);
            }

            var (o, w) = Ops.AttentionOps.ScaledDotProduct(four ? query : query.Unsqueeze(1), four ? key : key.Unsqueeze(1), four ? value : value.Unsqueeze(1), additive);
            return four ? (o, w) : (o.Squeeze(1), w.Squeeze(1));
        }

        var d = query.ShapeArray[^1];
        var scores = query.Matmul(key.MT).Mul(1f / MathF.Sqrt(d));
        if (mask is not null)
        {
            scores = mask.DType == DType.Bool ? scores.MaskedFill(mask.LogicalNot(), float.NegativeInfinity) : scores.Add(mask);
        }

        var weights = scores.Softmax(-1);
        return (weights.Matmul(value), weights);
    }

    /// <summary>Mean squared error, mean over all elements (PyTorch <c>F.mse_loss</c>).</summary>
    public static Tensor MseLoss(Tensor input, Tensor target)
    {
        var diff = input.Sub(target);
        return diff.Mul(diff).Mean();
    }

    /// <summary>Cross entropy of logits [N, C] against int64 class targets [N], mean over N (PyTorch <c>F.cross_entropy</c>).</summary>
    public static Tensor CrossEntropy(Tensor logits, Tensor target)
    {
        var logp = logits.LogSoftmax(-1);
        return logp.Gather(1, target.Reshape(-1, 1)).Mean().Neg();
    }
}
