using System.Runtime.InteropServices;

namespace Polypose.Association.Packing;

/// <summary>
/// Function pointers into GLPK's C API (Debian package libglpk40: <c>libglpk.so.40</c>), resolved at run time with
/// <see cref="NativeLibrary"/> so that a missing library is reported instead of failing at the first call. Only the
/// handful of entry points the exact-cover model needs are bound; parameter blocks are passed as null (GLPK defaults).
/// </summary>
internal sealed unsafe class GlpkNative
{
    public const int ObjectiveMaximise = 2;
    public const int BoundFixed = 5;
    public const int ColumnBinary = 3;
    public const int StatusOptimal = 5;

    private static readonly Lazy<(GlpkNative? Api, string? Error)> Shared = new(Load);

    private GlpkNative(nint lib)
    {
        CreateProb = (delegate* unmanaged[Cdecl]<nint>)NativeLibrary.GetExport(lib, "glp_create_prob");
        DeleteProb = (delegate* unmanaged[Cdecl]<nint, void>)NativeLibrary.GetExport(lib, "glp_delete_prob");
        SetObjDir = (delegate* unmanaged[Cdecl]<nint, int, void>)NativeLibrary.GetExport(lib, "glp_set_obj_dir");
        AddRows = (delegate* unmanaged[Cdecl]<nint, int, int>)NativeLibrary.GetExport(lib, "glp_add_rows");
        AddCols = (delegate* unmanaged[Cdecl]<nint, int, int>)NativeLibrary.GetExport(lib, "glp_add_cols");
        SetRowBnds = (delegate* unmanaged[Cdecl]<nint, int, int, double, double, void>)NativeLibrary.GetExport(lib, "glp_set_row_bnds");
        SetColKind = (delegate* unmanaged[Cdecl]<nint, int, int, void>)NativeLibrary.GetExport(lib, "glp_set_col_kind");
        SetObjCoef = (delegate* unmanaged[Cdecl]<nint, int, double, void>)NativeLibrary.GetExport(lib, "glp_set_obj_coef");
        LoadMatrix = (delegate* unmanaged[Cdecl]<nint, int, int*, int*, double*, void>)NativeLibrary.GetExport(lib, "glp_load_matrix");
        Simplex = (delegate* unmanaged[Cdecl]<nint, nint, int>)NativeLibrary.GetExport(lib, "glp_simplex");
        IntOpt = (delegate* unmanaged[Cdecl]<nint, nint, int>)NativeLibrary.GetExport(lib, "glp_intopt");
        MipStatus = (delegate* unmanaged[Cdecl]<nint, int>)NativeLibrary.GetExport(lib, "glp_mip_status");
        MipObjVal = (delegate* unmanaged[Cdecl]<nint, double>)NativeLibrary.GetExport(lib, "glp_mip_obj_val");
        MipColVal = (delegate* unmanaged[Cdecl]<nint, int, double>)NativeLibrary.GetExport(lib, "glp_mip_col_val");
        TermOut = (delegate* unmanaged[Cdecl]<int, int>)NativeLibrary.GetExport(lib, "glp_term_out");
    }

    public delegate* unmanaged[Cdecl]<nint> CreateProb { get; }

    public delegate* unmanaged[Cdecl]<nint, void> DeleteProb { get; }

    public delegate* unmanaged[Cdecl]<nint, int, void> SetObjDir { get; }

    public delegate* unmanaged[Cdecl]<nint, int, int> AddRows { get; }

    public delegate* unmanaged[Cdecl]<nint, int, int> AddCols { get; }

    public delegate* unmanaged[Cdecl]<nint, int, int, double, double, void> SetRowBnds { get; }

    public delegate* unmanaged[Cdecl]<nint, int, int, void> SetColKind { get; }

    public delegate* unmanaged[Cdecl]<nint, int, double, void> SetObjCoef { get; }

    public delegate* unmanaged[Cdecl]<nint, int, int*, int*, double*, void> LoadMatrix { get; }

    public delegate* unmanaged[Cdecl]<nint, nint, int> Simplex { get; }

    public delegate* unmanaged[Cdecl]<nint, nint, int> IntOpt { get; }

    public delegate* unmanaged[Cdecl]<nint, int> MipStatus { get; }

    public delegate* unmanaged[Cdecl]<nint, double> MipObjVal { get; }

    public delegate* unmanaged[Cdecl]<nint, int, double> MipColVal { get; }

    public delegate* unmanaged[Cdecl]<int, int> TermOut { get; }

    /// <summary>The process-wide binding, or null with the reason when the library or an entry point is missing.</summary>
    public static (GlpkNative? Api, string? Error) Instance => Shared.Value;

    private static (GlpkNative? Api, string? Error) Load()
    {
        string[] names = ["libglpk.so.40", "libglpk.so", "glpk"];
        foreach (var name in names)
        {
            if (NativeLibrary.TryLoad(name, out var lib))
            {
                try
                {
                    return (new GlpkNative(lib), null);
                }
                catch (EntryPointNotFoundException ex)
                {
                    return (null, $"GLPK library '{name}' lacks an entry point: {ex.Message}");
                }
            }
        }

        return (null, "GLPK native library not found (tried libglpk.so.40, libglpk.so, glpk); install it with `apt-get install -y libglpk40`");
    }
}
