using Polypose.Geometry;

namespace Polypose.Learning.Assignment;

/// <summary>
/// One person root found by Stage I (DisPOSE 3.8): its slot (acceptance order in its sample), the accepted hyperedge,
/// the root position (world millimetres, z-up; zero when fewer than two weighted views), the edge score
/// S_e = max(x̂0, 0)·max(z, 0) and the confidence √(S_e·c_hm).
/// </summary>
/// <param name="Sample">The sample (frame) index.</param>
/// <param name="Slot">Person slot in the sample, 0-based acceptance order.</param>
/// <param name="Edge">The accepted hyperedge.</param>
/// <param name="Position">Triangulated root, world millimetres.</param>
/// <param name="Score">S_e.</param>
/// <param name="Confidence">√(S_e·c_hm), c_hm the mean root-heatmap value at the root's projections over all views.</param>
public readonly record struct RootEstimate(int Sample, int Slot, int Edge, Vec3 Position, double Score, double Confidence);
