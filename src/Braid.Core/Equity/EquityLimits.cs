namespace Braid.Core.Equity;

/// <summary>
/// The most one report may ask for. Without them a single request could hold a core for minutes
/// (the race test's model costs the cube of its parameters: 1,600 groups took 39 s), so each is
/// enforced before the work it bounds and named in the error.
/// </summary>
public static class EquityLimits
{
    /// <summary>Columns of a table.</summary>
    public const int Columns = 500;

    /// <summary>Characters of a column's name, in a table's header or in a request.</summary>
    public const int NameLength = 200;

    /// <summary>Groups of the grouping column.</summary>
    public const int Groups = 500;

    /// <summary>Figures a report computes: groups × (strata + 1) × (periods + 1).</summary>
    public const int Cells = 20_000;

    /// <summary>Parameters of one model of the race test.</summary>
    public const int ModelParameters = 500;
}

/// <summary>A report larger than <see cref="EquityLimits"/> allow; the message names the limit.</summary>
public sealed class EquityLimitException(string where, string message) : EquityInputException(where, message);
