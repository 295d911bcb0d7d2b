using Polypose.Detection.TfjsGraph.Ops;

namespace Polypose.Detection.TfjsGraph;

/// <summary>
/// Runs a <see cref="TfjsModel"/> on CPU: the nodes the requested outputs depend on are ordered once (inputs before
/// users); each run evaluates them in that order with shapes taken from the actual inputs (dynamic sizes), and drops
/// every intermediate after its last use, its element array going back to the executor's <see cref="TensorArena"/>
/// for the next ops and runs. Ops follow TensorFlow's semantics; the heavy ones run on Polypose.Tensors
/// (<see cref="NhwcConvolution"/>). Not thread-safe: one executor per thread.
/// </summary>
public sealed class TfjsExecutor
{
    private readonly TfjsModel model;
    private readonly TfjsNode[] order;
    private readonly int[][] inputSlots;
    private readonly int[] lastUse;
    private readonly (int Node, int Output)[] outputSlots;
    private readonly Dictionary<string, int> nodeIndex;
    private readonly TensorArena arena = new();

    /// <summary>Prepares the execution order for the given output tensors (<c>node</c> or <c>node:k</c>).</summary>
    /// <exception cref="TfjsModelException">An output or an input reference names no node, or the graph uses an op this runtime lacks.</exception>
    public TfjsExecutor(TfjsModel model, IReadOnlyList<string> outputs)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(outputs);
        this.model = model;
        var byName = model.Nodes.ToDictionary(n => n.Name, StringComparer.Ordinal);
        var ordered = new List<TfjsNode>();
        var state = new Dictionary<string, int>(StringComparer.Ordinal);
        var wanted = outputs.Select(TfjsNode.ParseInput).ToArray();
        foreach (var (name, _) in wanted)
        {
            Visit(name);
        }

        void Visit(string root)
        {
            var stack = new Stack<(string Name, bool Expanded)>();
            stack.Push((root, false));
            while (stack.Count > 0)
            {
                var (name, expanded) = stack.Pop();
                if (!byName.TryGetValue(name, out var node))
                {
                    throw new TfjsModelException($"{model.Path}: the graph has no node '{name}'");
                }

                if (expanded)
                {
                    if (state[name] != 2)
                    {
                        state[name] = 2;
                        ordered.Add(node);
                    }

                    continue;
                }

                if (state.TryGetValue(name, out var s))
                {
                    if (s == 1)
                    {
                        continue;
                    }

                    if (s == 2)
                    {
                        continue;
                    }
                }

                state[name] = 1;
                stack.Push((name, true));
                for (var i = node.Inputs.Count - 1; i >= 0; i--)
                {
                    if (!state.ContainsKey(node.Inputs[i].Node))
                    {
                        stack.Push((node.Inputs[i].Node, false));
                    }
                }
            }
        }

        order = [.. ordered];
        nodeIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < order.Length; i++)
        {
            nodeIndex[order[i].Name] = i;
            if (!IsSupported(order[i].Op))
            {
                throw new TfjsModelException($"{model.Path}: node '{order[i].Name}' uses op '{order[i].Op}', which this runtime does not implement");
            }
        }

        inputSlots = [.. order.Select(n => n.Inputs.Select(i => nodeIndex[i.Node]).ToArray())];
        lastUse = new int[order.Length];
        for (var i = 0; i < order.Length; i++)
        {
            lastUse[i] = i;
            foreach (var j in inputSlots[i])
            {
                lastUse[j] = Math.Max(lastUse[j], i);
            }
        }

        outputSlots = [.. wanted.Select(w => (nodeIndex[w.Node], w.Output))];
        foreach (var (n, _) in outputSlots)
        {
            lastUse[n] = order.Length;
        }
    }

    /// <summary>Gets the op names this runtime implements.</summary>
    public static IReadOnlySet<string> SupportedOps { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "Const", "Placeholder", "Identity", "Cast", "Shape", "Size", "Reshape", "Squeeze", "ExpandDims", "StridedSlice",
        "Pack", "Unpack", "ConcatV2", "Split", "Tile", "Fill", "Range", "Select", "SelectV2", "AddN",
        "AddV2", "Add", "BiasAdd", "Sub", "Mul", "RealDiv", "Div", "FloorDiv", "Minimum", "Maximum", "SquaredDifference",
        "Less", "LessEqual", "Greater", "GreaterEqual", "Equal", "NotEqual", "LogicalAnd", "LogicalOr",
        "Sigmoid", "Exp", "Abs", "Neg", "Sqrt", "Rsqrt", "Reciprocal", "Square", "Floor", "Relu", "Relu6", "Tanh",
        "Sum", "Max", "ArgMax", "TopKV2", "GatherNd", "ResizeBilinear", "MaxPool",
        "Conv2D", "_FusedConv2D", "DepthwiseConv2dNative", "FusedDepthwiseConv2dNative",
    };

    /// <summary>Gets or sets a table that, when set, accumulates milliseconds spent per op type (profiling).</summary>
    public IDictionary<string, double>? OpMilliseconds { get; set; }

    /// <summary>
    /// Gets or sets a table that, when set, accumulates milliseconds spent per node, keyed by
    /// <c>"op node-name [input shapes]"</c> (profiling).
    /// </summary>
    public IDictionary<string, double>? NodeMilliseconds { get; set; }

    /// <summary>
    /// Gets or sets the clock (milliseconds) the profiling tables read; null for wall time. A thread CPU clock keeps
    /// the tables meaningful on a loaded machine.
    /// </summary>
    public Func<double>? ProfileClock { get; set; }

    /// <summary>Runs the graph.</summary>
    /// <param name="inputs">A value for each Placeholder, by node name.</param>
    /// <returns>The requested outputs, in the order given to the constructor.</returns>
    /// <exception cref="InvalidOperationException">An op fails (bad shapes); the message names the node.</exception>
    public TfjsTensor[] Run(IReadOnlyDictionary<string, TfjsTensor> inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        using var scope = arena.Enter();
        try
        {
            return RunInArena(inputs);
        }
        finally
        {
            arena.EndRun();
        }
    }

    private TfjsTensor[] RunInArena(IReadOnlyDictionary<string, TfjsTensor> inputs)
    {
        var values = new TfjsTensor[order.Length][];
        for (var i = 0; i < order.Length; i++)
        {
            var node = order[i];
            var args = new TfjsTensor[inputSlots[i].Length];
            for (var a = 0; a < args.Length; a++)
            {
                var output = node.Inputs[a].Output;
                var produced = values[inputSlots[i][a]];
                if (output >= produced.Length)
                {
                    throw new InvalidOperationException($"node '{node.Name}': input '{node.Inputs[a].Node}:{output}' does not exist");
                }

                args[a] = produced[output];
            }

            var timed = OpMilliseconds is not null || NodeMilliseconds is not null;
            var started = !timed ? 0 : Now();
            try
            {
                values[i] = node.Op switch
                {
                    "Const" => [model.Weights[node.Name]],
                    "Placeholder" => [inputs.TryGetValue(node.Name, out var v) ? v : throw new InvalidOperationException($"no value for input '{node.Name}'")],
                    _ => Evaluate(node, args),
                };
            }
            catch (Exception e) when (e is InvalidOperationException or ArgumentException or IndexOutOfRangeException or NotSupportedException)
            {
                throw new InvalidOperationException($"node '{node.Name}' ({node.Op}) failed on [{string.Join(", ", args.Select(x => x.ToString()))}]: {e.Message}", e);
            }

            if (timed)
            {
                var ms = Now() - started;
                if (OpMilliseconds is not null)
                {
                    OpMilliseconds[node.Op] = (OpMilliseconds.TryGetValue(node.Op, out var spent) ? spent : 0) + ms;
                }

                if (NodeMilliseconds is not null)
                {
                    var key = $"{node.Op} {node.Name} [{string.Join(", ", args.Where(x => x.Rank > 0).Select(x => x.ToString()))}]";
                    NodeMilliseconds[key] = (NodeMilliseconds.TryGetValue(key, out var spent) ? spent : 0) + ms;
                }
            }

            foreach (var t in values[i])
            {
                arena.AddReference(t);
            }

            foreach (var j in inputSlots[i])
            {
                if (lastUse[j] == i && values[j].Length > 0)
                {
                    foreach (var t in values[j])
                    {
                        arena.Release(t);
                    }

                    values[j] = [];
                }
            }
        }

        return [.. outputSlots.Select(o => values[o.Node][o.Output])];
    }

    private double Now() => ProfileClock is { } clock ? clock() : System.Diagnostics.Stopwatch.GetTimestamp() * 1e3 / System.Diagnostics.Stopwatch.Frequency;

    private static bool IsSupported(string op) => SupportedOps.Contains(op);

    private static TfjsTensor[] Evaluate(TfjsNode node, TfjsTensor[] a)
    {
        switch (node.Op)
        {
            case "Identity": return [a[0]];
            case "Cast": return [ShapeOps.Cast(a[0], DType(node.Attr("DstT")?.Type ?? "DT_FLOAT"))];
            case "Shape": return [TfjsTensor.FromInts([a[0].Rank], (int[])a[0].Shape.Clone())];
            case "Size": return [TfjsTensor.FromInts([], [a[0].Length])];
            case "Reshape": return [ShapeOps.Reshape(a[0], a[1].Ints.AsSpan(0, a[1].Length))];
            case "Squeeze": return [ShapeOps.Squeeze(a[0], node.Attr("squeeze_dims")?.Ints ?? [])];
            case "ExpandDims": return [ShapeOps.ExpandDims(a[0], a[1].Ints[0])];
            case "StridedSlice":
                return [ShapeOps.StridedSlice(a[0], Ints(a[1]), Ints(a[2]), Ints(a[3]), Mask(node, "begin_mask"), Mask(node, "end_mask"), Mask(node, "ellipsis_mask"), Mask(node, "new_axis_mask"), Mask(node, "shrink_axis_mask"))];
            case "Pack": return [ShapeOps.Pack(a, (int)(node.Attr("axis")?.Int ?? 0))];
            case "Unpack": return ShapeOps.Unpack(a[0], (int)(node.Attr("axis")?.Int ?? 0));
            case "ConcatV2": return [ShapeOps.Concat(a[..^1], a[^1].Ints[0])];
            case "Split": return ShapeOps.Split(a[1], a[0].Ints[0], (int)(node.Attr("num_split")?.Int ?? 1));
            case "Tile": return [ShapeOps.Tile(a[0], Ints(a[1]))];
            case "Fill": return [ShapeOps.Fill(Ints(a[0]), a[1])];
            case "Range": return [ShapeOps.Range(a[0], a[1], a[2])];
            case "Select" or "SelectV2": return [ShapeOps.Select(a[0], a[1], a[2])];
            case "AddN": return [ReductionOps.AddN(a)];
            case "Sum" or "Max": return [ReductionOps.Reduce(a[0], Ints(a[1]), node.Attr("keep_dims")?.Bool ?? false, node.Op == "Max")];
            case "ArgMax": return [ReductionOps.ArgMax(a[0], a[1].Ints[0])];
            case "TopKV2":
                var (values, indices) = ReductionOps.TopK(a[0], a[1].Ints[0]);
                return [values, indices];
            case "GatherNd": return [ReductionOps.GatherNd(a[0], a[1])];
            case "ResizeBilinear":
                return [ResizeBilinearNhwc.Resize(a[0], a[1].Ints[0], a[1].Ints[1], node.Attr("align_corners")?.Bool ?? false, node.Attr("half_pixel_centers")?.Bool ?? false)];
            case "MaxPool":
                {
                    RequireNhwc(node);
                    var k = node.Attr("ksize")?.Ints ?? [1, 1, 1, 1];
                    var s = node.Attr("strides")?.Ints ?? [1, 1, 1, 1];
                    return [NhwcConvolution.MaxPool(a[0], (int)k[1], (int)k[2], (int)s[1], (int)s[2], SamePadding.IsSame(node.Attr("padding")?.String ?? "VALID"))];
                }

            case "Conv2D" or "_FusedConv2D" or "DepthwiseConv2dNative" or "FusedDepthwiseConv2dNative":
                return [Convolution(node, a)];
            default:
                if (UnaryOps.Handles(node.Op))
                {
                    return [UnaryOps.Apply(node.Op, a[0])];
                }

                return [BinaryOps.Apply(Binary(node.Op), a[0], a[1])];
        }
    }

    private static TfjsTensor Convolution(TfjsNode node, TfjsTensor[] a)
    {
        RequireNhwc(node);
        var s = node.Attr("strides")?.Ints ?? [1, 1, 1, 1];
        var d = node.Attr("dilations")?.Ints ?? [1, 1, 1, 1];
        var same = SamePadding.IsSame(node.Attr("padding")?.String ?? "VALID");
        var fused = node.Attr("fused_ops")?.Strings ?? [];
        TfjsTensor? bias = null;
        var activation = Activation.None;
        var k = 0;
        if (fused.Length > 0 && fused[0] == "BiasAdd")
        {
            bias = a[2];
            k = 1;
        }
        else if (fused.Length > 0)
        {
            throw new NotSupportedException($"fused op '{fused[0]}' is not supported (BiasAdd first)");
        }

        if (fused.Length > k)
        {
            activation = fused[k] switch
            {
                "Relu" => Activation.Relu,
                "Relu6" => Activation.Relu6,
                _ => throw new NotSupportedException($"fused activation '{fused[k]}' is not supported"),
            };
        }

        if (fused.Length > k + 1)
        {
            throw new NotSupportedException($"fused ops [{string.Join(", ", fused)}] are not supported");
        }

        var depthwise = node.Op.Contains("Depthwise", StringComparison.Ordinal);
        return depthwise
            ? NhwcConvolution.Depthwise(a[0], a[1], bias, (int)s[1], (int)s[2], (int)d[1], (int)d[2], same, activation)
            : NhwcConvolution.Conv2d(a[0], a[1], bias, (int)s[1], (int)s[2], (int)d[1], (int)d[2], same, activation);
    }

    private static void RequireNhwc(TfjsNode node)
    {
        var format = node.Attr("data_format")?.String;
        if (!string.IsNullOrEmpty(format) && format != "NHWC")
        {
            throw new NotSupportedException($"data_format '{format}' is not supported (NHWC only)");
        }
    }

    private static BinaryOp Binary(string op) => op switch
    {
        "AddV2" or "Add" or "BiasAdd" => BinaryOp.Add,
        "Sub" => BinaryOp.Sub,
        "Mul" => BinaryOp.Mul,
        "RealDiv" or "Div" => BinaryOp.RealDiv,
        "FloorDiv" => BinaryOp.FloorDiv,
        "Minimum" => BinaryOp.Minimum,
        "Maximum" => BinaryOp.Maximum,
        "SquaredDifference" => BinaryOp.SquaredDifference,
        "Less" => BinaryOp.Less,
        "LessEqual" => BinaryOp.LessEqual,
        "Greater" => BinaryOp.Greater,
        "GreaterEqual" => BinaryOp.GreaterEqual,
        "Equal" => BinaryOp.Equal,
        "NotEqual" => BinaryOp.NotEqual,
        "LogicalAnd" => BinaryOp.LogicalAnd,
        "LogicalOr" => BinaryOp.LogicalOr,
        _ => throw new NotSupportedException($"op '{op}' is not supported"),
    };

    private static TfjsDType DType(string tf) => tf switch
    {
        "DT_FLOAT" => TfjsDType.Float32,
        "DT_INT32" => TfjsDType.Int32,
        "DT_BOOL" => TfjsDType.Bool,
        _ => throw new NotSupportedException($"dtype '{tf}' is not supported"),
    };

    private static int Mask(TfjsNode node, string name) => (int)(node.Attr(name)?.Int ?? 0);

    private static int[] Ints(TfjsTensor t) => t.Length == t.Ints.Length ? t.Ints : t.Ints[..t.Length];
}
