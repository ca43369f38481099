using MathNet.Numerics.LinearAlgebra;

namespace Braid.Core.Equity;

/// <summary>The outcome's kind, which decides the model: logistic, Poisson with an exposure offset, or linear.</summary>
public enum OutcomeFamily { Binomial, Poisson, Gaussian }

/// <summary>A categorical predictor: its levels (by code) and the level the others are compared with.</summary>
public sealed record Factor(string Name, IReadOnlyList<string> Levels, int Reference);

/// <summary>
/// Units collapsed to one cell per combination of factor levels, keeping what each family's
/// likelihood needs: units, the outcome's sum and sum of squares, the exposure, and the part of
/// the unit-level log-likelihood that does not depend on the parameters (so log-likelihoods equal
/// those of a fit on the units themselves). With categorical predictors this is exact, and
/// millions of units cost no more than their cells.
/// </summary>
public sealed class CellTable
{
    private readonly Dictionary<Int128, int> _index = [];
    private readonly List<int[]> _levels = [];

    public CellTable(IReadOnlyList<Factor> factors)
    {
        if (factors.Count > 7) throw new EquityInputException("adjust", EquityText.Get("at-most-seven-grouping-and-adjustment"));
        Factors = factors;
    }

    public IReadOnlyList<Factor> Factors { get; }

    public int Count => _levels.Count;

    public List<double> Units { get; } = [];

    public List<double> Sum { get; } = [];

    public List<double> SumOfSquares { get; } = [];

    public List<double> Exposure { get; } = [];

    public List<double> Constant { get; } = [];

    public int[] LevelsOf(int cell) => _levels[cell];

    /// <summary>Adds one unit with outcome <paramref name="y"/> (over <paramref name="exposure"/> for a count).</summary>
    public void Add(ReadOnlySpan<int> codes, double y, OutcomeFamily family, double exposure = 1) =>
        AddCell(codes, 1, y, y * y, exposure, family == OutcomeFamily.Poisson && y > 0 ? PoissonConstant(y, exposure) : 0);

    /// <summary>Adds already-summed figures to the cell of <paramref name="codes"/>.</summary>
    internal void AddCell(ReadOnlySpan<int> codes, double units, double sum, double sumOfSquares, double exposure, double constant)
    {
        var cell = CellOf(codes);
        Units[cell] += units;
        Sum[cell] += sum;
        SumOfSquares[cell] += sumOfSquares;
        Exposure[cell] += exposure;
        Constant[cell] += constant;
    }

    /// <summary>The part of a unit's Poisson log-likelihood that no parameter touches: y·log t − log y!.</summary>
    internal static double PoissonConstant(double y, double exposure) => y * Math.Log(exposure) - MathNet.Numerics.SpecialFunctions.GammaLn(y + 1);

    /// <summary>
    /// The cells that pass <paramref name="keep"/>, collapsed over the factors not in
    /// <paramref name="factors"/>, with each factor's unused levels dropped.
    /// </summary>
    public CellTable Select(Func<int[], bool> keep, IReadOnlyList<int> factors)
    {
        var kept = Enumerable.Range(0, Count).Where(c => keep(_levels[c])).ToList();
        var recode = new List<Dictionary<int, int>>();
        var newFactors = new List<Factor>();
        foreach (var f in factors)
        {
            var used = kept.Select(c => _levels[c][f]).Distinct().Order().ToList();
            recode.Add(used.Select((code, i) => (code, i)).ToDictionary(t => t.code, t => t.i));
            var factor = Factors[f];
            newFactors.Add(new Factor(factor.Name, [.. used.Select(u => factor.Levels[u])], Math.Max(0, used.IndexOf(factor.Reference))));
        }

        var result = new CellTable(newFactors);
        var codes = new int[factors.Count];
        foreach (var c in kept)
        {
            for (var i = 0; i < factors.Count; i++) codes[i] = recode[i][_levels[c][factors[i]]];
            result.AddCell(codes, Units[c], Sum[c], SumOfSquares[c], Exposure[c], Constant[c]);
        }

        return result;
    }

    private int CellOf(ReadOnlySpan<int> codes)
    {
        Int128 key = 0;
        for (var f = 0; f < codes.Length; f++) key |= (Int128)(ushort)codes[f] << (16 * f);
        if (!_index.TryGetValue(key, out var cell))
        {
            cell = _levels.Count;
            _index.Add(key, cell);
            _levels.Add(codes.ToArray());
            Units.Add(0); Sum.Add(0); SumOfSquares.Add(0); Exposure.Add(0); Constant.Add(0);
        }

        return cell;
    }
}

/// <summary>The model cannot be fitted to these data; the report says why and shows everything else.</summary>
public sealed class ModelNotEstimableException(string message) : Exception(message);

/// <summary>One coefficient with its standard error and 95% Wald interval.</summary>
public sealed record Coefficient(string Term, double Estimate, double StandardError, double Lower, double Upper);

/// <summary>A fitted model, or the reason it could not be fitted honestly.</summary>
public sealed record GlmFit(
    OutcomeFamily Family, IReadOnlyList<Coefficient> Coefficients, double LogLikelihood, double ResidualSumOfSquares,
    double Units, int Parameters, bool Converged, string? Problem)
{
    public Coefficient this[string term] => Coefficients.First(c => c.Term == term);
}

/// <summary>
/// Generalized linear models on a <see cref="CellTable"/>, by iteratively reweighted least squares
/// (logit link for binomial, log link with log-exposure offset for Poisson, identity for Gaussian),
/// with treatment coding: one indicator per non-reference level of each factor, and optionally of
/// one interaction of two factors.
/// </summary>
public static class GroupedGlm
{
    private const double Z = 1.959963984540054;

    public static GlmFit Fit(CellTable cells, OutcomeFamily family, IReadOnlyList<int> terms, (int A, int B)? interaction = null, CancellationToken ct = default)
    {
        var (names, x) = Design(cells, terms, interaction);
        var m = cells.Count;
        var p = names.Count;
        if (p > EquityLimits.ModelParameters)
            throw new EquityLimitException(cells.Factors[terms.Count > 0 ? terms[0] : 0].Name, EquityText.Get("limit-model", p, EquityLimits.ModelParameters));
        var n = cells.Units.Sum();
        // A saturated binomial or Poisson model (a published table, one line per group) is
        // estimable: its likelihood is defined whatever the residual degrees of freedom. Only a
        // linear model needs units beyond its parameters, to estimate the residual variance.
        if (family == OutcomeFamily.Gaussian && n <= p)
        {
            throw new ModelNotEstimableException(EquityText.Get("the-linear-model-has-parameters-but", p, n));
        }

        var eta = new double[m];
        for (var c = 0; c < m; c++)
        {
            var units = cells.Units[c];
            var sum = cells.Sum[c];
            eta[c] = family switch
            {
                OutcomeFamily.Binomial => Math.Log((sum + 0.5) / (units - sum + 0.5)),
                OutcomeFamily.Poisson => Math.Log((sum + 0.5) / cells.Exposure[c]),
                _ => sum / units,
            };
        }

        var beta = new double[p];
        var logLik = double.NegativeInfinity;
        var converged = false;
        Matrix<double>? information = null;
        for (var iteration = 0; iteration < 100 && !converged; iteration++)
        {
            ct.ThrowIfCancellationRequested();
            // Every column of the design is a 0/1 indicator and a cell has few of them set, so X'WX
            // and X'Wz are sums of w over the pairs of a cell's set columns.
            var xtwx = new double[p, p];
            var xtwz = new double[p];
            for (var c = 0; c < m; c++)
            {
                var (w, z) = WorkingValues(cells, family, c, eta[c]);
                var set = x[c];
                foreach (var i in set)
                {
                    xtwz[i] += w * z;
                    foreach (var j in set) xtwx[i, j] += w;
                }
            }

            information = Matrix<double>.Build.DenseOfArray(xtwx);
            beta = Solve(information, xtwz, cells, terms);
            for (var c = 0; c < m; c++) eta[c] = Dot(x[c], beta);
            var next = LogLikelihood(cells, family, eta, n);
            converged = family == OutcomeFamily.Gaussian || Math.Abs(next - logLik) <= 1e-11 * (Math.Abs(next) + 1);
            logLik = next;
        }

        var rss = family == OutcomeFamily.Gaussian ? ResidualSumOfSquares(cells, eta) : double.NaN;
        var covariance = information!.Inverse();
        var scale = family == OutcomeFamily.Gaussian ? rss / (n - p) : 1;
        var coefficients = names.Select((name, i) =>
        {
            var se = Math.Sqrt(covariance[i, i] * scale);
            return new Coefficient(name, beta[i], se, beta[i] - Z * se, beta[i] + Z * se);
        }).ToList();
        return new GlmFit(family, coefficients, logLik, rss, n, p, converged, Separation(cells, family, eta, beta, converged));
    }

    private static (double Weight, double Working) WorkingValues(CellTable cells, OutcomeFamily family, int c, double eta)
    {
        var units = cells.Units[c];
        switch (family)
        {
            case OutcomeFamily.Binomial:
            {
                var p = 1 / (1 + Math.Exp(-eta));
                var v = Math.Max(p * (1 - p), 1e-300);
                return (units * v, eta + (cells.Sum[c] / units - p) / v);
            }
            case OutcomeFamily.Poisson:
            {
                var mu = cells.Exposure[c] * Math.Exp(eta);
                return (mu, eta + (cells.Sum[c] - mu) / Math.Max(mu, 1e-300));
            }
            default:
                return (units, cells.Sum[c] / units);
        }
    }

    private static double LogLikelihood(CellTable cells, OutcomeFamily family, double[] eta, double n)
    {
        var total = 0.0;
        for (var c = 0; c < cells.Count; c++)
        {
            var y = cells.Sum[c];
            switch (family)
            {
                case OutcomeFamily.Binomial:
                    // log p = −log(1 + e^−η), log(1 − p) = −log(1 + e^η), computed without overflow.
                    total -= (y > 0 ? y * Softplus(-eta[c]) : 0) + (cells.Units[c] - y > 0 ? (cells.Units[c] - y) * Softplus(eta[c]) : 0);
                    break;
                case OutcomeFamily.Poisson:
                    total += y * eta[c] - cells.Exposure[c] * Math.Exp(eta[c]) + cells.Constant[c];
                    break;
            }
        }

        return family == OutcomeFamily.Gaussian ? -n / 2 * (Math.Log(2 * Math.PI * ResidualSumOfSquares(cells, eta) / n) + 1) : total;
    }

    private static double Softplus(double t) => t > 30 ? t : t < -30 ? Math.Exp(t) : Math.Log(1 + Math.Exp(t));

    private static double ResidualSumOfSquares(CellTable cells, double[] fitted)
    {
        var rss = 0.0;
        for (var c = 0; c < cells.Count; c++)
            rss += cells.SumOfSquares[c] - 2 * fitted[c] * cells.Sum[c] + cells.Units[c] * fitted[c] * fitted[c];
        return Math.Max(rss, 0);
    }

    // A fitted probability of exactly 0 or 1, or a coefficient running off to infinity, means some
    // combination of predictors perfectly separates the outcome: the estimate is not finite.
    private static string? Separation(CellTable cells, OutcomeFamily family, double[] eta, double[] beta, bool converged)
    {
        if (family == OutcomeFamily.Gaussian) return null;
        if (!converged) return EquityText.Get("the-model-did-not-converge-its");
        if (beta.Any(b => Math.Abs(b) > 15) || eta.Any(e => Math.Abs(e) > 30))
            return family == OutcomeFamily.Binomial
                ? EquityText.Get("some-combination-of-predictors-has-all")
                : EquityText.Get("some-combination-of-predictors-has-no");
        return null;
    }

    private static (List<string> Names, int[][] Rows) Design(CellTable cells, IReadOnlyList<int> terms, (int A, int B)? interaction)
    {
        // Column 0 is the intercept; each term's non-reference levels follow in level order, so a
        // cell's columns are found from its levels by arithmetic rather than by search.
        var names = new List<string> { "Intercept" };
        var offsets = new int[terms.Count];
        foreach (var (t, k) in terms.Select((t, k) => (t, k)))
        {
            offsets[k] = names.Count;
            var factor = cells.Factors[t];
            names.AddRange(factor.Levels.Where((_, level) => level != factor.Reference).Select(level => $"{factor.Name}[{level}]"));
        }

        var interactionOffset = names.Count;
        if (interaction is var (a, b))
        {
            var (fa, fb) = (cells.Factors[a], cells.Factors[b]);
            for (var la = 0; la < fa.Levels.Count; la++)
                for (var lb = 0; lb < fb.Levels.Count; lb++)
                    if (la != fa.Reference && lb != fb.Reference) names.Add($"{fa.Name}[{fa.Levels[la]}]:{fb.Name}[{fb.Levels[lb]}]");
        }

        static int Column(int level, int reference) => level < reference ? level : level - 1;
        var rows = new int[cells.Count][];
        var set = new List<int>();
        for (var c = 0; c < cells.Count; c++)
        {
            var codes = cells.LevelsOf(c);
            set.Clear();
            set.Add(0);
            for (var k = 0; k < terms.Count; k++)
            {
                var level = codes[terms[k]];
                var reference = cells.Factors[terms[k]].Reference;
                if (level != reference) set.Add(offsets[k] + Column(level, reference));
            }

            if (interaction is var (ia, ib))
            {
                var (fa, fb) = (cells.Factors[ia], cells.Factors[ib]);
                var (la, lb) = (codes[ia], codes[ib]);
                if (la != fa.Reference && lb != fb.Reference)
                    set.Add(interactionOffset + Column(la, fa.Reference) * (fb.Levels.Count - 1) + Column(lb, fb.Reference));
            }

            rows[c] = [.. set];
        }

        return (names, rows);
    }

    private static double[] Solve(Matrix<double> information, double[] rightSide, CellTable cells, IReadOnlyList<int> terms)
    {
        try
        {
            var solution = information.Cholesky().Solve(Vector<double>.Build.DenseOfArray(rightSide));
            if (solution.All(double.IsFinite)) return [.. solution];
        }
        catch (ArgumentException)
        {
        }

        throw new EquityInputException("adjust", EquityText.Get("the-predictors-overlap-completely-so-their", string.Join(", ", terms.Select(t => cells.Factors[t].Name))));
    }

    private static double Dot(int[] set, double[] beta)
    {
        var sum = 0.0;
        foreach (var i in set) sum += beta[i];
        return sum;
    }
}
