using Polypose.Tensors.Nn;
using Polypose.Tensors.Optim;

namespace Polypose.Tensors.Tests.Nn;

[Trait("Stage", "Tensors")]
public sealed class TrainingTests
{
    [Fact]
    public void Mlp_Regression_Converges()
    {
        var (initial, final, _) = TrainRegression(seed: 11);
        Assert.True(final < initial / 20, $"loss {initial} -> {final}");
        Assert.True(final < 0.01, $"final loss {final}");
    }

    [Fact]
    public void Training_SameSeed_SameBits()
    {
        var a = TrainRegression(seed: 3, steps: 30).Parameters;
        var b = TrainRegression(seed: 3, steps: 30).Parameters;
        var c = TrainRegression(seed: 4, steps: 30).Parameters;
        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
    }

    [Fact]
    public void TransformerBlock_ReverseSequence_Learns()
    {
        const int vocab = 6, length = 5, width = 16, batch = 16, steps = 150;
        var g = new Generator(1);
        var model = new TinyTransformer(vocab, length, width, g);
        var opt = new AdamW(model.NamedParameters(), 1e-2, weightDecay: 0.0);
        var schedule = new WarmupCosineSchedule(1e-2, 10, steps, 5e-4);
        var data = new Generator(2);
        for (var step = 0; step < steps; step++)
        {
            var tokens = Tensor.RandInt(data, 0, vocab, batch, length);
            var target = tokens.IndexSelect(1, Tensor.Arange(length - 1, -1, -1, DType.Int64));
            var logits = model.Forward(tokens);
            var loss = Functional.CrossEntropy(logits.Reshape(-1, vocab), target.Reshape(-1));
            opt.ZeroGrad();
            loss.Backward();
            GradClip.ClipGradNorm(model.Parameters(), 1.0);
            schedule.Apply(opt, step);
            opt.Step();
        }

        model.Eval();
        using (Tensor.NoGrad())
        {
            var test = Tensor.RandInt(new Generator(99), 0, vocab, 200, length);
            var expected = test.IndexSelect(1, Tensor.Arange(length - 1, -1, -1, DType.Int64)).ToInt64Array();
            var predicted = model.Forward(test).Argmax(-1).ToInt64Array();
            var accuracy = expected.Zip(predicted).Count(p => p.First == p.Second) / (double)expected.Length;
            Assert.True(accuracy > 0.95, $"accuracy {accuracy}");
        }
    }

    private static (double Initial, double Final, float[] Parameters) TrainRegression(ulong seed, int steps = 400)
    {
        var g = new Generator(seed);
        var x = Tensor.Uniform(g, [128, 2], -1f, 1f);
        var y = x.Select(1, 0).Mul(2f).Sigmoid().Add(x.Select(1, 1).Square()).Unsqueeze(1);
        var model = new Mlp(2, [32, 32, 1], g, Activation.Tanh);
        var opt = new Adam(model.NamedParameters(), 1e-2);
        double initial = 0, final = 0;
        for (var step = 0; step < steps; step++)
        {
            var loss = Functional.MseLoss(model.Forward(x), y);
            if (step == 0)
            {
                initial = loss.Item();
            }

            final = loss.Item();
            opt.ZeroGrad();
            loss.Backward();
            opt.Step();
        }

        return (initial, final, model.Parameters().SelectMany(p => p.ToArray()).ToArray());
    }

    /// <summary>Token + position embedding, one pre-norm block (MHA + MLP), linear head.</summary>
    private sealed class TinyTransformer : Module<Tensor, Tensor>
    {
        private readonly Embedding _tokens;
        private readonly Embedding _positions;
        private readonly LayerNorm _norm1;
        private readonly MultiheadAttention _attention;
        private readonly LayerNorm _norm2;
        private readonly Mlp _mlp;
        private readonly Linear _head;
        private readonly int _length;

        public TinyTransformer(int vocab, int length, int width, Generator g)
        {
            _length = length;
            _tokens = RegisterModule("tok", new Embedding(vocab, width, g));
            _positions = RegisterModule("pos", new Embedding(length, width, g));
            _norm1 = RegisterModule("norm1", new LayerNorm(width));
            _attention = RegisterModule("attn", new MultiheadAttention(width, 2, g));
            _norm2 = RegisterModule("norm2", new LayerNorm(width));
            _mlp = RegisterModule("mlp", new Mlp(width, [2 * width, width], g, Activation.Gelu));
            _head = RegisterModule("head", new Linear(width, vocab, g));
        }

        public override Tensor Forward(Tensor input)
        {
            var x = _tokens.Forward(input) + _positions.Forward(Tensor.Arange(_length, DType.Int64));
            var h = _norm1.Forward(x);
            x = x + _attention.Forward(h, h, h).Output;
            x = x + _mlp.Forward(_norm2.Forward(x));
            return _head.Forward(x);
        }
    }
}
