namespace Polypose.Geometry;

/// <summary>How <see cref="Triangulation.WithWorstViewDropout"/> picks the view to drop once the worst kept view's reprojection error exceeds the threshold.</summary>
public enum DropoutSelection
{
    /// <summary>
    /// Re-triangulate without each kept view in turn and drop the one whose removal leaves the smallest worst
    /// reprojection error among the others. Robust when an outlier drags the point towards itself so that a good
    /// view shows the largest error. Costs V extra triangulations per drop, only when the threshold is exceeded.
    /// </summary>
    LeaveOneOut = 0,

    /// <summary>Drop the view with the largest reprojection error of the current solution (the DisPOSE/COMPOSE reference rule).</summary>
    WorstReprojection = 1,
}
