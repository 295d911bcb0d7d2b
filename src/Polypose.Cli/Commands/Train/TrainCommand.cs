using System.CommandLine;
using System.Diagnostics;
using Polypose.Cli.Options;
using Polypose.Learning;
using Polypose.Learning.Evidence;
using Polypose.Learning.Training;
using Polypose.Tensors.Kernels;
using Spectre.Console;

namespace Polypose.Cli.Commands.Train;

/// <summary><c>polypose train</c>: DisPOSE Stage I on teacher pseudo-labels (synthetic scenes, Shelf, any calibration + detections).</summary>
internal static class TrainCommand
{
    public static Command Create()
    {
        var output = new Option<string>("--out", "-o") { Description = "Run folder: model.safetensors, checkpoint.safetensors, log.json, loss.svg.", Required = true };
        var config = new Option<string>("--config") { Description = "Model configuration: cpu, reference or a JSON file (Stage1Config).", DefaultValueFactory = _ => "cpu" };
        var steps = new Option<int?>("--steps") { Description = "Training steps (default: the configuration's; also the cosine schedule's length)." };
        var seed = SharedOptions.Seed("Seed of every random choice (initialisation, batches, noise, augmentation).");
        var init = new Option<string?>("--init") { Description = "Start from this Stage I model's weights (fine-tuning, e.g. with --shelf; with --stages 1+2 they start Stage I), or with --stages 1+2 from a full model (both stages, fine-tuning); its configuration must match --config except the schedule." };
        var resume = new Option<bool>("--resume") { Description = "Continue the run in --out from its last checkpoint (bit for bit)." };
        var threads = SharedOptions.Threads("Worker threads for the teacher and the tensor kernels (default: all cores).");
        var synthetic = new Option<int>("--synthetic") { Description = $"Use the first N documented synthetic training scenes (TrainingSets; held-out rigs never included; at most {TrainingSets.MaxScenes}).", DefaultValueFactory = _ => 0 };
        var shelf = new Option<string?>("--shelf") { Description = "Shelf folder (calibration.json, detection/): teacher pseudo-labels of the test frames, transductive adaptation." };
        var panoptic = new Option<string?>("--panoptic") { Description = "Panoptic sample folder (panoptic-sample): its motion seen by the training rig CMU0 through the detector model, labelled by the teacher." };
        var calib = SharedOptions.Calibration("Calibration of a further source (with --detections): the teacher labels it.", required: false);
        var detections = new Option<string?>("--detections", "-d") { Description = "Detections of the --calib source (formats of 'reconstruct')." };
        var labels = new Option<string?>("--pseudo-labels") { Description = "Pseudo-label file of the --calib/--detections source (written by 'reconstruct') instead of running the teacher." };
        var firstFrame = SharedOptions.FirstFrame("Frame number of the first frame of the --detections source (4D Association text).");
        var stages = new Option<string>("--stages") { Description = "1 = Stage I alone; 1+2 = the full model (Stage I + encoder + Stage II decoder, teacher-forced), jointly.", DefaultValueFactory = _ => "1" };
        var fraction = new Option<double>("--label-fraction") { Description = "With --stages 1+2: train on this seeded fraction (0, 1] of each sequence's pseudo-labelled frames.", DefaultValueFactory = _ => 1.0 };
        var validateEvery = new Option<int>("--validate-every") { Description = "With --stages 1+2: steps between validations against the teacher (a 6-camera validation scene, seed 8999); best.safetensors keeps the best.", DefaultValueFactory = _ => 100 };
        var clip = new Option<string>("--clip") { Description = "With --stages 1+2: gradient clipping, joint (one norm over both stages, the reference) or per-stage (Stage I, the encoder and Stage II each clipped on their own).", DefaultValueFactory = _ => "joint" };
        var augment = new Option<int?>("--augment-slots") { Description = "Augmentation slots A per frame (slot 0 the identity; default: the configuration's, cpu 1, reference 3); with --stages 1+2 and A > 1 the cross-augmentation term is on." };
        var augmentScale = new Option<double?>("--augment-scale") { Description = "Largest relative scale change of an augmentation slot's letterbox, per view (default: the configuration's, 0)." };
        var rootFallback = new Option<string?>("--root-fallback") { Description = "Root drawn for detections without hips: hips (the reference: none) or torso (estimated from neck, shoulders, upper arms or knees; stored in the model) (default: the configuration's, hips)." };
        var augmentShift = new Option<double?>("--augment-shift") { Description = "Largest shift of an augmentation slot's letterbox centre, fraction of the image size, per view (default: the configuration's, 0)." };
        var command = new Command("train", "Train DisPOSE Stage I (learned cross-view assignment) on the teacher's pseudo-labels; no ground truth is read.")
        {
            output, config, steps, seed, init, resume, threads, synthetic, panoptic, shelf, calib, detections, labels, firstFrame, stages, fraction, validateEvery, clip, augment, augmentScale, augmentShift, rootFallback,
        };
        command.SetAction(parse =>
        {
            var threadCount = parse.GetValue(threads);
            TensorThreads.Count = threadCount;
            Stage1Config cfg;
            var configName = parse.GetValue(config)!;
            if (configName is not "cpu" and not "reference" && !File.Exists(configName))
            {
                throw new UserError($"--config {configName}: no such file (expected cpu, reference or a Stage1Config JSON file)");
            }

            try
            {
                cfg = Stage1Config.Resolve(parse.GetValue(config)!);
            }
            catch (FormatException e)
            {
                throw new UserError($"{parse.GetValue(config)}: {e.Message}");
            }

            var stepCount = parse.GetValue(steps);
            if (stepCount is { } s)
            {
                if (s < 1)
                {
                    throw new UserError($"--steps must be at least 1, got {s}");
                }

                cfg = cfg with { Steps = s };
            }

            cfg = WithAugmentation(cfg, parse.GetValue(augment), parse.GetValue(augmentScale), parse.GetValue(augmentShift));
            cfg = parse.GetValue(rootFallback) switch
            {
                null => cfg,
                "hips" => cfg with { RootFallback = RootFallback.Hips },
                "torso" => cfg with { RootFallback = RootFallback.Torso },
                var other => throw new UserError($"--root-fallback must be hips or torso, got {other}"),
            };
            var clipValue = parse.GetValue(clip)!;
            if (clipValue is not "joint" and not "per-stage")
            {
                throw new UserError($"--clip must be joint or per-stage, got {clipValue}");
            }

            var clipping = clipValue == "joint" ? GradientClipping.Joint : GradientClipping.PerStage;
            var stageValue = parse.GetValue(stages)!;
            if (stageValue is not "1" and not "1+2")
            {
                throw new UserError($"--stages must be 1 or 1+2, got {stageValue}");
            }

            var joint = stageValue == "1+2";
            var labelFraction = parse.GetValue(fraction);
            if (labelFraction is not (> 0 and <= 1))
            {
                throw new UserError($"--label-fraction must be in (0, 1], got {labelFraction}");
            }

            if (!joint && labelFraction != 1.0)
            {
                throw new UserError("--label-fraction needs --stages 1+2");
            }

            if (!joint && clipping != GradientClipping.Joint)
            {
                throw new UserError("--clip per-stage needs --stages 1+2");
            }

            if (parse.GetValue(validateEvery) < 1)
            {
                throw new UserError($"--validate-every must be at least 1, got {parse.GetValue(validateEvery)}");
            }

            var n = parse.GetValue(synthetic);
            if (n < 0 || n > TrainingSets.MaxScenes)
            {
                throw new UserError($"--synthetic must be 0..{TrainingSets.MaxScenes}, got {n}");
            }

            string? c = parse.GetValue(calib), d = parse.GetValue(detections), p = parse.GetValue(labels), sh = parse.GetValue(shelf), pan = parse.GetValue(panoptic);
            if ((c is null) != (d is null))
            {
                throw new UserError("--calib and --detections go together");
            }

            if (p is not null && c is null)
            {
                throw new UserError("--pseudo-labels needs --calib and --detections");
            }

            if (n == 0 && c is null && sh is null && pan is null)
            {
                throw new UserError("no training data: give --synthetic N, --panoptic PATH, --shelf PATH or --calib C --detections D");
            }

            if (pan is not null && !File.Exists(Path.Combine(pan, "calibration_160906_band1.json")))
            {
                throw new UserError($"--panoptic {pan}: no calibration_160906_band1.json there (expected the Panoptic sample folder)");
            }

            var initPath = parse.GetValue(init);
            Stage1Model? initModel = null;
            if (initPath is not null)
            {
                if (!File.Exists(initPath))
                {
                    throw new UserError($"--init {initPath}: file not found");
                }

                // (a joint run loads --init itself, in JointRun.Create: a Stage I or a full model)
                if (!joint)
                {
                    initModel = Stage1Model.Load(initPath);
                }
            }

            var err = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
            var data = new List<TrainingSequence>();
            var watch = Stopwatch.StartNew();
            if (c is not null)
            {
                data.Add(p is null
                    ? TrainingSources.FromDetections(Path.GetFileName(Path.GetFullPath(d!)), c, d!, parse.GetValue(firstFrame), threadCount, transductive: false)
                    : TrainingSources.FromPseudoLabels(Path.GetFileName(Path.GetFullPath(d!)), c, d!, p, parse.GetValue(firstFrame), transductive: false));
            }

            if (sh is not null)
            {
                data.Add(TrainingSources.FromDetections("shelf", Path.Combine(sh, "calibration.json"), Path.Combine(sh, "detection"), 300, threadCount, transductive: true));
            }

            if (pan is not null)
            {
                data.AddRange(TrainingSources.PanopticCmu0(pan, threadCount));
            }

            if (n > 0)
            {
                data.AddRange(TrainingSources.Synthetic(TrainingSets.Synthetic(n), threadCount));
            }

            var summary = TrainingSources.Summary(data);
            err.MarkupLine($"[green]data[/] {Markup.Escape(summary)}: {data.Sum(x => x.PeopleCount)} pseudo-labelled people, labelled in {watch.Elapsed.TotalSeconds:F1} s");
            var run = joint
                ? JointRun.Create(parse.GetValue(output)!, cfg, data, (ulong)parse.GetValue(seed), labelFraction, parse.GetValue(init), parse.GetValue(validateEvery), threadCount, clipping, ref summary)
                : new TrainingRun(parse.GetValue(output)!, new Stage1Trainer(cfg, data, (ulong)parse.GetValue(seed)), summary);
            if (parse.GetValue(resume))
            {
                run.Resume();
                err.MarkupLine($"[green]resumed[/] at step {run.Trainer.Step}");
            }
            else if (initPath is not null && !joint)
            {
                // (a joint run starts Stage I from --init itself, in JointRun.Create)
                try
                {
                    ((Stage1Trainer)run.Trainer).InitializeFrom(initModel!);
                }
                catch (ArgumentException e)
                {
                    throw new UserError($"--init {initPath}: {e.Message.Split('\n')[0].Replace(" (Parameter 'source')", "", StringComparison.Ordinal)}");
                }

                err.MarkupLine($"[green]initialised[/] from {Markup.Escape(initPath)}");
            }

            var total = cfg.Steps;
            var start = run.Trainer.Step;
            watch.Restart();
            AnsiConsole.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
                .Start(ctx =>
                {
                    var task = ctx.AddTask("train", maxValue: total);
                    task.Value = start;
                    var recent = new Queue<double>();
                    run.Run(total, e =>
                    {
                        if (!e.Skipped)
                        {
                            recent.Enqueue(e.Loss);
                            if (recent.Count > 50)
                            {
                                recent.Dequeue();
                            }
                        }

                        var rate = (e.Step - start) / Math.Max(watch.Elapsed.TotalSeconds, 1e-9);
                        task.Description = $"step {e.Step}/{total} loss {(recent.Count > 0 ? recent.Average() : 0):F4}{(run.BestValidation is { } b ? $" val {b:F1} mm" : "")} {rate:F2} steps/s";
                        task.Value = e.Step;
                    });
                });
            var last = run.Log.Where(e => !e.Skipped).TakeLast(50).ToArray();
            err.MarkupLine($"[green]wrote[/] {Markup.Escape(Path.Combine(run.Directory, TrainingRun.ModelFile))}: {total - start} steps in {watch.Elapsed.TotalSeconds:F0} s, mean loss of the last {last.Length} steps {(last.Length > 0 ? last.Average(e => e.Loss) : 0):F4}");
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>The configuration with the augmentation options applied (each null keeps the configuration's value).</summary>
    private static Stage1Config WithAugmentation(Stage1Config cfg, int? slots, double? scale, double? shift)
    {
        if (slots is { } a)
        {
            cfg = a is >= 1 and <= 16 ? cfg with { AugmentSlots = a } : throw new UserError($"--augment-slots must be 1..16, got {a}");
        }

        if (scale is { } s)
        {
            cfg = s is >= 0 and <= 0.9 ? cfg with { AugmentScale = s } : throw new UserError($"--augment-scale must be in [0, 0.9], got {s}");
        }

        if (shift is { } t)
        {
            cfg = t is >= 0 and <= 0.5 ? cfg with { AugmentShift = t } : throw new UserError($"--augment-shift must be in [0, 0.5], got {t}");
        }

        return cfg;
    }
}
