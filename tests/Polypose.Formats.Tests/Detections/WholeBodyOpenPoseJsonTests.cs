using System.Globalization;
using System.Text;
using Polypose.Core.Poses;
using Polypose.Core.Skeletons;
using Polypose.Formats.Detections;
using Polypose.Testing;

namespace Polypose.Formats.Tests.Detections;

/// <summary>
/// HALPE-26 and COCO-WholeBody-133 OpenPose-style JSON as RTMPose (RTMlib) writes it for Pose2Sim: hand-made files
/// whose keypoint k is placed at (100 + k, 200 + k) with score 0.5, so every index below is the published layout's
/// (AlphaPose/Halpe: 17 Head, 18 Neck, 19 Hip, 20-25 feet; COCO-WholeBody: 17-22 feet, 23-90 face, 91-111 left hand,
/// 112-132 right hand), written here independently of the skeleton definitions.
/// </summary>
[Trait("Stage", "Formats")]
public sealed class WholeBodyOpenPoseJsonTests
{
    [Fact]
    public void Halpe26_IsInferredFromTheCountAndItsBodyJointsAreNamed()
    {
        var person = Assert.Single(OpenPoseJson.Read(WriteFrame(26, missing: 24)));
        var s = person.Skeleton;
        Assert.Equal("halpe26", s.Name);
        AssertAt(person, "nose", 0);
        AssertAt(person, "left_eye", 1);
        AssertAt(person, "right_ear", 4);
        AssertAt(person, "left_shoulder", 5);
        AssertAt(person, "right_wrist", 10);
        AssertAt(person, "left_hip", 11);
        AssertAt(person, "right_ankle", 16);
        AssertAt(person, "head", 17);
        AssertAt(person, "neck", 18);
        AssertAt(person, "mid_hip", 19);
        AssertAt(person, "left_big_toe", 20);
        AssertAt(person, "right_big_toe", 21);
        AssertAt(person, "left_small_toe", 22);
        AssertAt(person, "right_small_toe", 23);
        AssertAt(person, "right_heel", 25);
        Assert.False(person.Joints[s["left_heel"]].IsPresent);
    }

    [Fact]
    public void CocoWholeBody133_IsInferredFromTheCountWithFeetFaceAndHandsNamed()
    {
        var person = Assert.Single(OpenPoseJson.Read(WriteFrame(133, missing: 0)));
        Assert.Equal("coco_wholebody133", person.Skeleton.Name);
        AssertAt(person, "left_shoulder", 5);
        AssertAt(person, "right_knee", 14);
        AssertAt(person, "left_big_toe", 17);
        AssertAt(person, "left_small_toe", 18);
        AssertAt(person, "left_heel", 19);
        AssertAt(person, "right_big_toe", 20);
        AssertAt(person, "right_small_toe", 21);
        AssertAt(person, "right_heel", 22);
        AssertAt(person, "face_0", 23);
        AssertAt(person, "face_67", 90);
        AssertAt(person, "left_hand_0", 91);
        AssertAt(person, "left_hand_20", 111);
        AssertAt(person, "right_hand_0", 112);
        AssertAt(person, "right_hand_20", 132);
        Assert.False(person.Joints[person.Skeleton["nose"]].IsPresent);
    }

    [Fact]
    public void Halpe26_ToBody25_MapsEveryBody25JointByName()
    {
        var person = Assert.Single(OpenPoseJson.Read(WriteFrame(26, missing: -1)));
        var mapping = JointMapping.Create(person.Skeleton, KnownSkeletons.Body25);
        Assert.Equal(25, mapping.MappedCount);
        var body = mapping.Map(person.Joints);

        // BODY25 1 = neck (HALPE 18, copied, not averaged), 8 = mid-hip (HALPE 19), 21 = left heel (HALPE 24),
        // 23 = right small toe (HALPE 23), 15 = right eye (HALPE 2).
        Assert.Equal(new Keypoint2D(118, 218, 0.5), body[1]);
        Assert.Equal(new Keypoint2D(119, 219, 0.5), body[8]);
        Assert.Equal(new Keypoint2D(124, 224, 0.5), body[21]);
        Assert.Equal(new Keypoint2D(123, 223, 0.5), body[23]);
        Assert.Equal(new Keypoint2D(102, 202, 0.5), body[15]);
    }

    [Fact]
    public void CocoWholeBody133_ToBody25_CopiesTheFeetAndSynthesizesNeckAndMidHip()
    {
        var person = Assert.Single(OpenPoseJson.Read(WriteFrame(133, missing: -1)));
        var mapping = JointMapping.Create(person.Skeleton, KnownSkeletons.Body25);
        Assert.Equal(25, mapping.MappedCount);
        var body = mapping.Map(person.Joints);

        // Neck = mean of the shoulders (5, 6); mid-hip = mean of the hips (11, 12); BODY25 19 left big toe = 17,
        // 24 right heel = 22, 4 right wrist = 10.
        Assert.Equal(new Keypoint2D(105.5, 205.5, 0.5), body[1]);
        Assert.Equal(new Keypoint2D(111.5, 211.5, 0.5), body[8]);
        Assert.Equal(new Keypoint2D(117, 217, 0.5), body[19]);
        Assert.Equal(new Keypoint2D(122, 222, 0.5), body[24]);
        Assert.Equal(new Keypoint2D(110, 210, 0.5), body[4]);
    }

    [Fact]
    public void WholeBodySkeletons_AreFoundByNameForPoseFiles()
    {
        Assert.Same(WholeBodySkeletons.Halpe26, OpenPoseSkeletons.TryByName("HALPE26"));
        Assert.Same(WholeBodySkeletons.CocoWholeBody133, OpenPoseSkeletons.TryByName("coco_wholebody133"));
        Assert.Equal(133, WholeBodySkeletons.CocoWholeBody133.JointCount);

        // Every hand point chains back to its wrist: left_hand_4 (thumb tip) → 3 → 2 → 1 → 0 → left_wrist.
        var s = WholeBodySkeletons.CocoWholeBody133;
        var chain = new List<string>();
        for (var j = s["left_hand_4"]; j >= 0 && chain.Count < 7; j = s.Parents[j])
        {
            chain.Add(s.JointNames[j]);
        }

        Assert.Equal(["left_hand_4", "left_hand_3", "left_hand_2", "left_hand_1", "left_hand_0", "left_wrist", "left_elbow"], chain);
    }

    [Fact]
    public void Halpe26_MixedWithBody25InOneFrame_IsRejectedNamingThePerson()
    {
        var sb = new StringBuilder("{\"people\":[");
        sb.Append("{\"pose_keypoints_2d\":[").Append(Triplets(26, -1)).Append("]},");
        sb.Append("{\"pose_keypoints_2d\":[").Append(Triplets(25, -1)).Append("]}]}");
        var path = Path.Combine(RepoPaths.NewTempDir(), "cam_000001_keypoints.json");
        File.WriteAllText(path, sb.ToString());
        var ex = Assert.Throws<PolyposeFormatException>(() => OpenPoseJson.Read(path));
        Assert.Contains("people[1]", ex.Message, StringComparison.Ordinal);
    }

    private static void AssertAt(Person2D person, string joint, int fileIndex) =>
        Assert.Equal(new Keypoint2D(100 + fileIndex, 200 + fileIndex, 0.5), person.Joints[person.Skeleton[joint]]);

    private static string WriteFrame(int keypoints, int missing)
    {
        var json = "{\"version\":1.3,\"people\":[{\"person_id\":[-1],\"pose_keypoints_2d\":[" + Triplets(keypoints, missing) + "],\"face_keypoints_2d\":[],\"hand_left_keypoints_2d\":[],\"hand_right_keypoints_2d\":[]}]}";
        var path = Path.Combine(RepoPaths.NewTempDir(), "cam01_000007_keypoints.json");
        File.WriteAllText(path, json);
        return path;
    }

    private static string Triplets(int keypoints, int missing) =>
        string.Join(",", Enumerable.Range(0, keypoints).Select(k => k == missing
            ? "0,0,0"
            : string.Create(CultureInfo.InvariantCulture, $"{100 + k},{200 + k},0.5")));
}
