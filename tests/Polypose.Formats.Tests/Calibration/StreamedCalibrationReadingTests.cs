using System.Globalization;
using System.Text;
using Polypose.Formats.Calibration;
using Polypose.Testing;

namespace Polypose.Formats.Tests.Calibration;

/// <summary>
/// The calibration readers read as events or in one pass over a stream (issue 12: peak memory within 3× the file), one
/// camera at a time. These cases pin what that must not change: which error wins when a file has several, errors found
/// after cameras were already built, and values that cross the readers' buffers.
/// </summary>
public class StreamedCalibrationReadingTests
{
    private const string PolyposeCamera = """{"name": "NAME", "width": 640, "height": 480, "K": [[500, 0, 320], [0, 500, 240], [0, 0, 1]], "R": [[1, 0, 0], [0, 1, 0], [0, 0, 1]], "t": [0, 0, 3000]}""";

    [Fact]
    public void Read_PolyposeJsonCamerasBeforeAWrongVersion_ReportsTheVersionAsBefore()
    {
        var bad = PolyposeCamera.Replace("\"width\": 640", "\"width\": -1", StringComparison.Ordinal);
        var path = Write("calibration.json", $$"""{"cameras": [{{bad}}], "format": "polypose-calibration", "version": 2}""");

        var ex = Assert.Throws<PolyposeFormatException>(() => CalibrationReader.Read(path));

        Assert.Equal("version", ex.Place);
        Assert.Contains("unsupported version 2", ex.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_PolyposeJsonWithCommentsAndTrailingCommasAroundTheCameras_ReadsEveryCamera()
    {
        var cams = string.Join(",\n", Enumerable.Range(0, 300).Select(i => PolyposeCamera.Replace("NAME", $"c{i:D3}", StringComparison.Ordinal)));
        var path = Write("calibration.json", $$"""
            // written by hand
            {
              "format": "polypose-calibration", /* the canonical format */
              "version": 1,
              "note": { "by": "test", /* inside a kept value */ "rev": [1, 2,], },
              "cameras": [
            {{cams}},
              ],
              "unit": "mm",
            }
            """);

        var rig = CalibrationReader.Read(path);

        Assert.Equal(300, rig.Count);
        Assert.Equal("c000", rig[0].Name);
        Assert.Equal("c299", rig[299].Name);
        Assert.Equal(CalibrationFormat.Polypose, CalibrationReader.DetectFormat(path));
    }

    [Fact]
    public void Read_FourDAssociationJsonBrokenAfterItsCameras_GivesTheSyntaxErrorsLine()
    {
        var sb = new StringBuilder("{\n");
        for (var i = 0; i < 50; i++)
        {
            sb.Append(CultureInfo.InvariantCulture, $"  \"{i}\": {{\"K\": [500, 0, 320, 0, 500, 240, 0, 0, 1], \"R\": [1, 0, 0, 0, 1, 0, 0, 0, 1], \"T\": [0, 0, 3], \"imgSize\": [640, 480]}},\n");
        }

        sb.Append("  \"50\": {\"K\": [500, 0, 320, 0, 500, 240, 0, 0, 1] oops\n}\n");
        var path = Write("calibration.json", sb.ToString());

        var ex = Assert.Throws<PolyposeFormatException>(() => CalibrationReader.Read(path));

        Assert.Equal(52, ex.Line);
        Assert.StartsWith("not valid JSON", ex.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_TomlCameraErrorThenASyntaxErrorFurtherOn_ReportsTheSyntaxError()
    {
        var path = Write("calibration.toml", """
            [cam01]
            size = [ 640.0, 480.0]
            rotation = [ 0.0, 0.0, 0.0]
            translation = [ 0.0, 0.0, 3.0]

            [cam02]
            size = [ 640.0, 480.0]
            matrix = [ [ 500.0, 0.0, 320.0], [ 0.0, 500.0, 240.0], [ 0.0, 0.0, 1.0]]
            rotation = [ 0.0, 0.0, 0.0]
            translation = [ 0.0, 0.0, 3.0] ]
            """);

        var ex = Assert.Throws<PolyposeFormatException>(() => CalibrationReader.Read(path));

        Assert.Equal(10, ex.Line);
        Assert.StartsWith("TOML: expected the end of the line", ex.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_TomlWithManyTablesAndANameLongerThanTheReadBuffer_KeepsEveryCameraAndTheWholeName()
    {
        var longName = new string('n', 200_000);
        var sb = new StringBuilder();
        for (var i = 0; i < 2000; i++)
        {
            sb.Append(CultureInfo.InvariantCulture, $"[c{i:D4}]\n");
            if (i == 1000)
            {
                sb.Append("name = \"").Append(longName).Append("\"\n");
            }

            sb.Append("size = [ 640.0, 480.0]\nmatrix = [ [ 500.0, 0.0, 320.0], [ 0.0, 500.0, 240.0], [ 0.0, 0.0, 1.0]]\n");
            sb.Append("distortions = [ 0.0, 0.0, 0.0, 0.0]\nrotation = [ 0.0, 0.0, 0.0]\ntranslation = [ 0.0, 0.0, 3.0]\nfisheye = false\n\n");
        }

        sb.Append("[metadata]\nadjusted = false\n");
        var path = Write("calibration.toml", sb.ToString());

        var rig = CalibrationReader.Read(path);

        Assert.Equal(2000, rig.Count);
        Assert.Equal(longName, rig[1000].Name);
        Assert.Equal("c1999", rig[1999].Name);
    }

    [Fact]
    public void Read_QualisysCameraErrorThenMalformedXml_ReportsTheXml()
    {
        var path = Write("c.qca.txt", """
            <?xml version='1.0' encoding='ASCII'?>
            <calibration type="regular">
              <cameras>
                <camera active="1">
                  <fov_video bottom="1079" left="0" right="1919" top="0"/>
                </camera>
                <camera active="1" serial="b">
              </cameras>
            </calibration>
            """);

        var ex = Assert.Throws<PolyposeFormatException>(() => CalibrationReader.Read(path));

        Assert.StartsWith("not well-formed XML", ex.Problem, StringComparison.Ordinal);
        Assert.Equal(8, ex.Line);
    }

    [Fact]
    public void Read_QualisysCamerasOutsideTheFirstCamerasElement_AreNotCameras()
    {
        var camera = """<camera active="1" serial="S"><fov_video bottom="479" left="0" right="639" top="0"/><transform r11="1" r12="0" r13="0" r21="0" r22="0" r23="1" r31="0" r32="-1" r33="0" x="0" y="-3000" z="1000"/><intrinsic centerPointU="20480" centerPointV="15360" focalLengthU="32000" focalLengthV="32000"/></camera>""";
        var path = Write("c.qca.txt", $"""
            <calibration>
              <other>{camera.Replace("\"S\"", "\"nested\"", StringComparison.Ordinal)}</other>
              <cameras>
                {camera.Replace("\"S\"", "\"a\"", StringComparison.Ordinal)}
                <group>{camera.Replace("\"S\"", "\"deeper\"", StringComparison.Ordinal)}</group>
                {camera.Replace("\"S\"", "\"b\"", StringComparison.Ordinal).Replace("active=\"1\"", "active=\"0\"", StringComparison.Ordinal)}
                {camera.Replace("\"S\"", "\"c\"", StringComparison.Ordinal)}
              </cameras>
              <cameras>{camera.Replace("\"S\"", "\"second\"", StringComparison.Ordinal)}</cameras>
            </calibration>
            """);

        var rig = CalibrationReader.Read(path);

        Assert.Equal(new[] { "a", "c" }, rig.Names);
    }

    [Fact]
    public void Read_EasyMocapDuplicateKey_IsASyntaxErrorAtTheSecondKey()
    {
        var intri = Intri.Replace("dist_1:", "K_1: !!opencv-matrix\n   rows: 3\n   cols: 3\n   dt: d\n   data: [ 1., 0., 0., 0., 1., 0., 0., 0., 1. ]\ndist_1:", StringComparison.Ordinal);
        var dir = WriteEasyMocap(intri, Extri);

        var ex = Assert.Throws<PolyposeFormatException>(() => CalibrationReader.Read(dir));

        Assert.Equal(Path.Combine(dir, "intri.yml"), ex.FilePath);
        Assert.Equal((10, 1), (ex.Line, ex.Column));
        Assert.StartsWith("YAML syntax error", ex.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_EasyMocapMatrixWithAWordInItsData_NamesTheValueAndItsPlace()
    {
        var dir = WriteEasyMocap(Intri.Replace("0., 500., 240.", "0., abc, 240.", StringComparison.Ordinal), Extri);

        var ex = Assert.Throws<PolyposeFormatException>(() => CalibrationReader.Read(dir));

        Assert.Equal("K_1.data[4]", ex.Place);
        Assert.Contains("expected a number, got 'abc'", ex.Problem, StringComparison.Ordinal);
        Assert.Equal(9, ex.Line);
    }

    [Fact]
    public void Read_EasyMocapMatrixDataOfTheWrongLength_IsLocatedAtTheDataList()
    {
        var dir = WriteEasyMocap(Intri.Replace("0., 0., 1. ]", "0., 0. ]", StringComparison.Ordinal), Extri);

        var ex = Assert.Throws<PolyposeFormatException>(() => CalibrationReader.Read(dir));

        Assert.Equal("K_1.data", ex.Place);
        Assert.Contains("matrix is 3x3 but 'data' holds 8 value(s)", ex.Problem, StringComparison.Ordinal);
        Assert.Equal((9, 10), (ex.Line, ex.Column));
    }

    [Fact]
    public void DetectFormat_OpenCvMatrixTagAcrossTheReadBuffer_IsEasyMocap()
    {
        // The tag straddles the detector's first read (65,551 characters): it must carry the end of one read into the next.
        var path = Write("calibration.yml", new string('x', 65_544) + "!!opencv-matrix\n");

        Assert.Equal(CalibrationFormat.EasyMocap, CalibrationReader.DetectFormat(path));
    }

    [Fact]
    public void DetectFormat_TomlHeaderAndKeyFarApart_IsToml()
    {
        var path = Write("calibration.toml", "[cam01]\n" + string.Concat(Enumerable.Repeat("# a comment line\n", 20_000)) + "size = [ 640.0, 480.0]\n");

        Assert.Equal(CalibrationFormat.Toml, CalibrationReader.DetectFormat(path));
    }

    [Fact]
    public void Read_EasyMocapNamesListAfterTheCameraEntries_FollowsTheNamesAndIgnoresUnlistedCameras()
    {
        // Entries of cameras 2 and 3 come before the names list, which lists 3 then 1 (2 is not a camera of the rig).
        var body = Intri[Intri.IndexOf("K_1:", StringComparison.Ordinal)..];
        var intri = "%YAML:1.0\n---\n" + body.Replace("_1", "_2", StringComparison.Ordinal) + "\n" + body.Replace("_1", "_3", StringComparison.Ordinal).Replace("500., 0., 320.", "700., 0., 320.", StringComparison.Ordinal)
            + "\n" + body + "\nnames:\n   - \"3\"\n   - \"1\"";
        var extriBody = Extri[Extri.IndexOf("Rot_1:", StringComparison.Ordinal)..];
        var extri = "%YAML:1.0\n---\n" + extriBody + "\n" + extriBody.Replace("_1", "_3", StringComparison.Ordinal).Replace("0., 0., 3. ]", "0., 0., 5. ]", StringComparison.Ordinal);
        var dir = WriteEasyMocap(intri, extri);

        var rig = CalibrationReader.Read(dir);

        Assert.Equal(new[] { "3", "1" }, rig.Names);
        Assert.Equal(700, rig[0].Intrinsics.Fx);
        Assert.Equal(5000, rig[0].Translation.Z, 9);
        Assert.Equal(500, rig[1].Intrinsics.Fx);
        Assert.Equal(3000, rig[1].Translation.Z, 9);
    }

    [Fact]
    public void Read_EasyMocapMalformedEntryOfAnUnlistedCamera_IsNotRead()
    {
        // names comes first and does not list camera 9, so its broken K_9 is never a camera's and is not judged.
        var intri = Intri + "\nK_9: !!opencv-matrix\n   rows: 3\n   cols: 3\n   dt: d\n   data: [ 1., 2. ]";
        var dir = WriteEasyMocap(intri, Extri);

        var rig = CalibrationReader.Read(dir);

        Assert.Equal(new[] { "1" }, rig.Names);
    }

    [Fact]
    public void Read_EasyMocapNameListedTwice_IsRefusedNamingTheCamera()
    {
        var dir = WriteEasyMocap(Intri.Replace("   - \"1\"", "   - \"1\"\n   - \"1\"", StringComparison.Ordinal), Extri);

        var ex = Assert.Throws<PolyposeFormatException>(() => CalibrationReader.Read(dir));

        Assert.Equal(Path.Combine(dir, "intri.yml"), ex.FilePath);
        Assert.Equal("camera name '1' appears more than once", ex.Problem);
    }

    [Fact]
    public void Read_EasyMocapDuplicateKeyInExtrinsics_IsASyntaxErrorAtTheSecondKey()
    {
        var extri = Extri + "\nT_1: !!opencv-matrix\n   rows: 3\n   cols: 1\n   dt: d\n   data: [ 0., 0., 4. ]";
        var dir = WriteEasyMocap(Intri, extri);

        var ex = Assert.Throws<PolyposeFormatException>(() => CalibrationReader.Read(dir));

        Assert.Equal(Path.Combine(dir, "extri.yml"), ex.FilePath);
        Assert.Equal((15, 1), (ex.Line, ex.Column));
        Assert.StartsWith("YAML syntax error", ex.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_EasyMocapManyCamerasWithoutNames_KeepsTheKEntriesOrderAcrossTableChunks()
    {
        // 600 cameras span three of the table's 256-camera chunks; without a names list the K_ entries give the order.
        var intri = new StringBuilder("%YAML:1.0\n---\n");
        var extri = new StringBuilder("%YAML:1.0\n---\n");
        var body = Intri[Intri.IndexOf("K_1:", StringComparison.Ordinal)..];
        var extriBody = Extri[Extri.IndexOf("Rot_1:", StringComparison.Ordinal)..];
        for (var i = 599; i >= 0; i--)
        {
            var name = $"c{i:D3}";
            intri.Append(body.Replace("_1", "_" + name, StringComparison.Ordinal)).Append('\n');
            extri.Append(extriBody.Replace("_1", "_" + name, StringComparison.Ordinal).Replace("0., 0., 3. ]", FormattableString.Invariant($"0., 0., {i + 1}. ]"), StringComparison.Ordinal)).Append('\n');
        }

        var rig = CalibrationReader.Read(WriteEasyMocap(intri.ToString(), extri.ToString()));

        Assert.Equal(600, rig.Count);
        Assert.Equal("c599", rig[0].Name);
        Assert.Equal("c000", rig[599].Name);
        Assert.Equal(1000, rig[599].Translation.Z, 9);
        Assert.Equal(600_000, rig[0].Translation.Z, 9);
    }

    private const string Intri = """
        %YAML:1.0
        ---
        names:
           - "1"
        K_1: !!opencv-matrix
           rows: 3
           cols: 3
           dt: d
           data: [ 500., 0., 320., 0., 500., 240., 0., 0., 1. ]
        dist_1: !!opencv-matrix
           rows: 1
           cols: 5
           dt: d
           data: [ 0., 0., 0., 0., 0. ]
        H_1: 480
        W_1: 640
        """;

    private const string Extri = """
        %YAML:1.0
        ---
        names:
           - "1"
        Rot_1: !!opencv-matrix
           rows: 3
           cols: 3
           dt: d
           data: [ 1., 0., 0., 0., 1., 0., 0., 0., 1. ]
        T_1: !!opencv-matrix
           rows: 3
           cols: 1
           dt: d
           data: [ 0., 0., 3. ]
        """;

    private static string Write(string name, string text)
    {
        var path = Path.Combine(RepoPaths.NewTempDir(), name);
        File.WriteAllText(path, text);
        return path;
    }

    private static string WriteEasyMocap(string intri, string extri)
    {
        var dir = RepoPaths.NewTempDir();
        File.WriteAllText(Path.Combine(dir, "intri.yml"), intri + "\n");
        File.WriteAllText(Path.Combine(dir, "extri.yml"), extri + "\n");
        return dir;
    }
}
