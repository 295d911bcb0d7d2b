using Polypose.Core.Skeletons;

namespace Polypose.Core.Tests;

/// <summary>Skeletons are identities compared by reference: a look-alike with the same name is a different skeleton.</summary>
public sealed class SkeletonIdentityTests
{
    private static Skeleton LookAlike(Skeleton s) => new(s.Name, s.JointNames, s.Parents);

    [Fact]
    public void IsShelf_TheShelfSetsAreShelf_ALookAlikeNamedShelf14IsNot()
    {
        Assert.True(KnownSkeletons.IsShelf(KnownSkeletons.Shelf14));
        Assert.True(KnownSkeletons.IsShelf(KnownSkeletons.Shelf15));
        Assert.False(KnownSkeletons.IsShelf(KnownSkeletons.Body25));
        Assert.False(KnownSkeletons.IsShelf(LookAlike(KnownSkeletons.Shelf14)));
    }

    [Fact]
    public void PafLimbsFor_KnownPafSkeletons_GiveTheirLimbs_LookAlikesAndOthersGiveNone()
    {
        Assert.Same(PafLimbs.Body25, PafLimbs.For(KnownSkeletons.Body25));
        Assert.Same(PafLimbs.Skel19, PafLimbs.For(KnownSkeletons.Skel19));
        Assert.Null(PafLimbs.For(KnownSkeletons.Coco17));
        Assert.Null(PafLimbs.For(LookAlike(KnownSkeletons.Body25)));
    }
}
