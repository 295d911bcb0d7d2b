using System.Xml.Linq;
using Polypose.Core.Poses;
using Polypose.Core.Skeletons;
using Polypose.Geometry;

namespace Polypose.Export.Tests;

public sealed class SvgFigureTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    // 1000 x 800 pinhole, fx = fy = 1000, principal point (500, 400), camera 5 m in front of the world origin, no rotation.
    private static Camera FrontCamera() => new("front", 1000, 800, new Intrinsics(1000, 1000, 500, 400), Mat3.Identity, new Vec3(0, 0, 5000));

    // Panoptic-15 person with only mid_hip (index 2) at (100, 0, 0) and neck (index 0) at (100, -500, 0): one bone, (2, 0).
    private static Person3D NeckAndHip(int id)
    {
        var joints = new Vec3[15];
        var confidence = new double[15];
        joints[2] = new Vec3(100, 0, 0);
        joints[0] = new Vec3(100, -500, 0);
        confidence[2] = confidence[0] = 1;
        return new Person3D(id, KnownSkeletons.Panoptic15, joints, confidence, [0]);
    }

    [Fact]
    public void Render_OneBone_DrawsItAtTheHandProjectedPixelsScaledIntoThePanel()
    {
        var svg = XDocument.Parse(SvgFigure.Render([FrontCamera()], [NeckAndHip(0)], options: new SvgFigureOptions { TopView = false }));

        // Pixels by hand: u = 1000 * 100 / 5000 + 500 = 520; v = 400 (hip) and 1000 * -500 / 5000 + 400 = 300 (neck).
        // Panel: width 360, so scale 0.36; origin (gap 12, gap 12 + label 18) = (12, 30).
        var line = Assert.Single(svg.Descendants(Svg + "line"));
        Assert.Equal(("199.2", "174.0", "199.2", "138.0"), ((string)line.Attribute("x1")!, (string)line.Attribute("y1")!, (string)line.Attribute("x2")!, (string)line.Attribute("y2")!));
    }

    [Fact]
    public void Render_JointBehindTheCamera_DrawsNoBone()
    {
        var person = NeckAndHip(0);
        person.Joints[0] = new Vec3(100, -500, -6000);
        var svg = XDocument.Parse(SvgFigure.Render([FrontCamera()], [person], options: new SvgFigureOptions { TopView = false }));
        Assert.Empty(svg.Descendants(Svg + "line"));
    }

    [Fact]
    public void Render_TopView_AddsOnePanelWithTheCameraAndTheBone()
    {
        var without = XDocument.Parse(SvgFigure.Render([FrontCamera()], [NeckAndHip(0)], options: new SvgFigureOptions { TopView = false }));
        var with = XDocument.Parse(SvgFigure.Render([FrontCamera()], [NeckAndHip(0)]));
        Assert.Empty(without.Descendants(Svg + "circle"));
        Assert.Single(with.Descendants(Svg + "circle"));
        Assert.Contains(with.Descendants(Svg + "text"), t => t.Value.StartsWith("top view", StringComparison.Ordinal));

        // Camera panel bone + top-view bone + the camera's heading tick.
        Assert.Equal(3, with.Descendants(Svg + "line").Count());
    }

    [Fact]
    public void Render_DetectionsAndPeople_DrawDetectionsGreyAndPeopleInTheirIdColour()
    {
        var joints = new Keypoint2D[15];
        joints[2] = new Keypoint2D(100, 100, 0.9);
        joints[0] = new Keypoint2D(100, 50, 0.9);
        var detection = new Person2D(KnownSkeletons.Panoptic15, joints);
        var svg = XDocument.Parse(SvgFigure.Render([FrontCamera()], [NeckAndHip(3), NeckAndHip(13)], [[detection]], new SvgFigureOptions { TopView = false }));
        var strokes = svg.Descendants(Svg + "line").Select(l => (string)l.Attribute("stroke")!).ToList();
        Assert.Equal(["#9a9a9a", SvgFigure.ColorOf(3), SvgFigure.ColorOf(13)], strokes);
        Assert.Equal(SvgFigure.ColorOf(3), SvgFigure.ColorOf(13));
        Assert.NotEqual(SvgFigure.ColorOf(3), SvgFigure.ColorOf(4));
    }

    [Fact]
    public void Render_CaptionWithMarkup_IsEscapedAndTheDocumentIsWellFormed()
    {
        var text = SvgFigure.Render([FrontCamera()], [], options: new SvgFigureOptions { Caption = "a < b & \"c\"" });
        var svg = XDocument.Parse(text);
        Assert.Contains(svg.Descendants(Svg + "text"), t => t.Value == "a < b & \"c\"");
    }

    [Fact]
    public void Render_SameInputTwice_GivesTheSameText() =>
        Assert.Equal(SvgFigure.Render([FrontCamera()], [NeckAndHip(1)]), SvgFigure.Render([FrontCamera()], [NeckAndHip(1)]));

    [Theory]
    [InlineData("PanelWidth")]
    [InlineData("Columns")]
    [InlineData("TopViewHalfExtent")]
    public void Options_OutOfRange_ThrowNamingTheSetting(string setting)
    {
        Action make = setting switch
        {
            "PanelWidth" => () => _ = new SvgFigureOptions { PanelWidth = 0 },
            "Columns" => () => _ = new SvgFigureOptions { Columns = 0 },
            _ => () => _ = new SvgFigureOptions { TopViewHalfExtent = double.NaN },
        };
        Assert.Equal(setting, Assert.Throws<ArgumentOutOfRangeException>(make).ParamName);
    }
}
