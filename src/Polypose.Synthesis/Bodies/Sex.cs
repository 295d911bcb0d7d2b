namespace Polypose.Synthesis.Bodies;

/// <summary>Sex of a synthetic adult; selects the height distribution and small differences in proportions.</summary>
public enum Sex
{
    /// <summary>Female adult.</summary>
    Female,

    /// <summary>Male adult.</summary>
    Male,
}
