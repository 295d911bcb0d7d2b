using Polypose.Formats;
using Polypose.Formats.Calibration;
using Polypose.Reconstruction.Input;
using Polypose.Testing;

namespace Polypose.Reconstruction.Tests;

/// <summary>Loading input whose calibration holds more cameras than the detections (CMU Panoptic: 520 entries, 5 used).</summary>
public sealed class CameraSubsetInputTests
{
    [SharedDataFact]
    public void Panoptic520CameraCalibration_FiveDetectionFolders_ReconstructsWithThoseFiveAndSaysSo()
    {
        var detections = PanopticDetectionSet.Write();

        var input = ReconstructionInput.Load(PanopticDetectionSet.CalibrationPath, detections);
        var frames = input.Reconstruct(threads: 1);

        Assert.Equal(PanopticDetectionSet.Cmu0, input.Rig.Names);
        var note = Assert.Single(input.Notes);
        Assert.StartsWith("using the 5 of 520 calibration cameras that have detections: 00_03, 00_06, 00_12, 00_13, 00_23 (no detections for 01_01, 01_02, ", note, StringComparison.Ordinal);
        Assert.EndsWith(" and 503 more)", note, StringComparison.Ordinal);
        Assert.Empty(input.CamerasContributingToNobody(frames));
        Assert.Null(input.NobodyWarning(frames));

        // Against the ground truth the projections came from: every person found, joints within a few centimetres.
        var truth = PanopticDetectionSet.GroundTruth().ToDictionary(f => f.FrameIndex);
        var errors = new List<double>();
        foreach (var frame in frames)
        {
            foreach (var gt in truth[frame.FrameIndex].People)
            {
                var best = frame.People.Select(p => MeanError(p, gt)).DefaultIfEmpty(double.PositiveInfinity).Min();
                errors.Add(best);
            }
        }

        Assert.Equal(20, frames.Count);
        Assert.Equal(60, errors.Count);
        Assert.True(errors.Count(e => e < 50) >= 57, $"people within 50 mm: {errors.Count(e => e < 50)} of 60; errors {string.Join(", ", errors.Select(e => e.ToString("F0", System.Globalization.CultureInfo.InvariantCulture)))}");
    }

    [SharedDataFact]
    public void OnlyOneCameraWithDetections_IsRefusedNamingIt()
    {
        var detections = PanopticDetectionSet.Write(["00_03"]);

        var ex = Assert.Throws<PolyposeFormatException>(() => ReconstructionInput.Load(PanopticDetectionSet.CalibrationPath, detections));

        Assert.Equal("only 1 of the 520 calibration cameras has detections (00_03); reconstruction needs at least two", ex.Problem);
        Assert.Equal(detections, ex.FilePath);
    }

    [SharedDataFact]
    public void ImageSizeForACameraNotInTheCalibration_IsRefused()
    {
        var ex = Assert.Throws<PolyposeFormatException>(() =>
            ReconstructionInput.Load(PanopticDetectionSet.CalibrationPath, PanopticDetectionSet.Write(), imageSizes: ImageSizeSpec.Parse("cam9=10x10")));

        Assert.StartsWith("--image-size names camera(s) 'cam9' that this calibration does not have (cameras: 01_01, ", ex.Problem, StringComparison.Ordinal);
    }

    private static double MeanError(Polypose.Core.Poses.Person3D predicted, Polypose.Core.Poses.Person3D truth)
    {
        var d = new List<double>();
        for (var b = 0; b < 25; b++)
        {
            var p = PanopticDetectionSet.FromPanoptic[b];
            if (p >= 0 && truth.Has(p) && predicted.Has(b))
            {
                d.Add((predicted.Joints[b] - truth.Joints[p]).Length);
            }
        }

        return d.Count >= 8 ? d.Average() : double.PositiveInfinity;
    }
}
