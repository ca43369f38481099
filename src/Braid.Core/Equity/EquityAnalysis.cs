namespace Braid.Core.Equity;

/// <summary>Turns an outcome table and an <see cref="EquityRequest"/> into an <see cref="EquityReport"/>.</summary>
public static class EquityAnalysis
{
    /// <param name="table">The outcome table.</param>
    /// <param name="request">What to report.</param>
    /// <param name="ct">Stops the work between models and between a model's iterations (a request's client gone).</param>
    public static EquityReport Report(EquityTable table, EquityRequest request, CancellationToken ct = default)
    {
        var (groupsOnly, publishedOverall, totalNote) = PublishedTotal.Split(table, request);
        var setup = Setup.Of(groupsOnly, request) with { PublishedOverall = publishedOverall, Cancellation = ct };
        if (totalNote is not null) setup.Notes.Add(totalNote);
        if (request.Per is null) return Build(setup, setup.Grouping, Tallied(setup, setup.Grouping), null, []);

        var per = setup.Table[request.Per];
        var perCodes = per.GroupCodes;
        // Every stratum's groups in one pass over the rows (published tables are a line per group).
        var byStratum = setup.Mode == Mode.Published ? null : Tally(setup, setup.Grouping, perCodes, per.Levels.Length);
        // Strata without a single unit with an outcome and a group (e.g. counties the context has
        // HOLC grades for but no life expectancy) are not reported.
        var strata = new List<(int Level, Grouping Grouping, GroupEstimate?[]? Tally)>();
        var estimates = new List<GroupEstimate?[]>();
        foreach (var level in Enumerable.Range(0, per.Levels.Length).OrderBy(l => per.Levels[l], StringComparer.Ordinal))
        {
            var grouping = setup.Grouping.Restrict(perCodes, level);
            var tally = byStratum?[level];
            var groups = tally?[..^1] ?? Published(setup, grouping);
            if (groups.All(g => g is null)) continue;
            strata.Add((level, grouping, tally));
            estimates.Add([.. groups, tally?[^1]]);
        }

        var pooled = Tallied(setup, setup.Grouping);
        estimates.Add([.. pooled?[..^1] ?? Published(setup, setup.Grouping), pooled?[^1]]);
        var flags = Suppress(setup, estimates);
        var reports = strata.Select((s, i) => new StratumReport(per.Levels[s.Level], Build(setup, s.Grouping, s.Tally, flags[i], []))).ToList();
        return Build(setup, setup.Grouping, pooled, flags[^1], reports);
    }

    /// <summary>
    /// Builds the report of <paramref name="grouping"/>'s rows from their <paramref name="tally"/>
    /// (the groups, then all comparable groups; null for a published table), with suppression
    /// <paramref name="forced"/> by the strata around it, if any.
    /// </summary>
    private static EquityReport Build(Setup setup, Grouping grouping, GroupEstimate?[]? tally, SuppressionReason[]? forced, IReadOnlyList<StratumReport> strata)
    {
        setup.Cancellation.ThrowIfCancellationRequested();
        var request = setup.Request;
        var notes = new List<string>(setup.Notes);
        var estimates = tally?[..^1] ?? Published(setup, grouping);
        // The flags cover the groups and, last, all groups together: a small overall is withheld too,
        // and it takes part in complementary suppression like any other total.
        var overall = tally?[^1];
        var flags = forced ?? Suppress(setup, [[.. estimates, overall]])[0];

        // Periods: a table of groups per period, suppressed together with the groups' totals.
        var periods = new List<PeriodGroups>();
        var periodFlags = new List<SuppressionReason[]>();
        if (request.Period is { } periodColumn)
        {
            var period = setup.Table[periodColumn];
            var codes = period.GroupCodes;
            var levels = Enumerable.Range(0, period.Levels.Length).OrderBy(l => period.Levels[l], StringComparer.Ordinal).ToList();
            var byCode = Tally(setup, grouping, codes, period.Levels.Length);
            var perPeriod = levels.Select(l => byCode[l][..^1]).ToList();
            periodFlags = Suppress(setup, [.. levels.Select(l => byCode[l]), [.. estimates, overall]]);
            for (var g = 0; g < flags.Length; g++) if (periodFlags[^1][g] != SuppressionReason.None && flags[g] == SuppressionReason.None) flags[g] = periodFlags[^1][g];
            for (var i = 0; i < levels.Count; i++)
            {
                var reference = Reference(setup, perPeriod[i], periodFlags[i], notes: null);
                periods.Add(new PeriodGroups(period.Levels[levels[i]], Rows(setup, perPeriod[i], periodFlags[i], reference)));
            }
        }

        var chosen = Reference(setup, estimates, flags, notes);
        var rows = Rows(setup, estimates, flags, chosen);
        var overallRow = Overall(setup, estimates, overall, flags[^1]);
        var withheld = rows.Prepend(overallRow).Where(r => r.Suppressed is not null).Select(r => $"{r.Group}: {r.Suppressed}")
            .Concat(periods.SelectMany(p => p.Groups.Where(r => r.Suppressed is not null).Select(r => EquityText.Get("withheld-in-period", r.Group, p.Period, r.Suppressed)))).ToList();
        var (measures, slope) = Measures(setup, estimates, flags, chosen, notes);
        var overallHidden = flags[^1] != SuppressionReason.None;
        if (overallHidden) notes.Add(EquityText.Get("no-race-test-it-would-show", request.MinimumCell));
        var (test, trend) = overallHidden ? (null, null) : TestsOrWhyNot(setup, grouping, chosen, rows, notes);

        return new EquityReport(
            request.Title ?? EquityText.Get("outcome-by", setup.OutcomeName, request.By), setup.OutcomeName, setup.KindText, request.By, grouping.View,
            setup.Order is not null, chosen.Description, setup.Favourable ? EquityText.Get("higher-is-better") + (request.Favourable is null ? EquityText.Get("assumed-say-adverse-if-higher-is") : "") : EquityText.Get("higher-is-worse"),
            request.UnitsAreAreas ? EquityText.Get("areas") : EquityText.Get("people"),
            overallRow, rows, measures, test, periods, trend, strata,
            new SuppressionSummary(setup.Suppresses, request.MinimumCell, setup.Suppresses
                ? EquityText.Get("counts-and-estimates-from-fewer-than", request.MinimumCell, request.MinimumCell - 1)
                : request.UnitsAreAreas ? EquityText.Get("the-units-are-areas-not-people") : EquityText.Get("suppression-is-off"), withheld),
            notes, request.Sources) { Proportions = setup.Mode == Mode.Units && setup.Family == OutcomeFamily.Binomial, Per = strata.Count > 0 ? request.Per : null, Decisions = Decisions(setup, grouping, chosen, rows, notes), Slope = slope };
    }

    /// <summary>The groups' figures and then all comparable groups' together, by group code; null for a published table.</summary>
    private static GroupEstimate?[]? Tallied(Setup setup, Grouping grouping) =>
        setup.Mode == Mode.Published ? null : Tally(setup, grouping, null, 1)[0];

    /// <summary>
    /// Per-group figures in each stratum (by stratum code; rows with code −1 in none), each
    /// followed by the figure of all comparable groups together, summed in one pass over the rows.
    /// </summary>
    private static GroupEstimate?[][] Tally(Setup setup, Grouping grouping, int[]? strata, int strataCount)
    {
        var n = grouping.Levels.Count;
        var width = n + 1; // the groups, then all comparable groups together
        var comparable = grouping.Levels.Select(setup.Comparable).ToArray();
        var y = setup.Outcome!;
        var (trials, times, values, map, memberships, within, withinLevel) =
            (setup.Trials, setup.Exposure, grouping.Values, grouping.Map, grouping.Memberships, grouping.Within, grouping.WithinLevel);
        var rowsAreGroups = setup.RowsAreGroups;
        var sums = RowSums.Over(y.Length, width * strataCount, false, (start, end, into) =>
        {
            var (units, sum, squares, exposure) = (into.Units, into.Sum, into.Squares, into.Exposure);
            for (var row = start; row < end; row++)
            {
                var value = y[row];
                if (double.IsNaN(value) || (within is not null && within[row] != withinLevel)) continue;
                var offset = 0;
                if (strata is not null && (offset = strata[row] * width) < 0) continue;
                var count = trials?[row] ?? (rowsAreGroups ? times![row] : 1);
                var time = times?[row] ?? 1;
                if (double.IsNaN(count) || double.IsNaN(time)) continue;
                // Rows are in one group, or for overlapping groups in each of theirs; they count once in the total.
                var groups = memberships is null ? [] : memberships[row];
                var single = memberships is null ? map[values[row] + 1] : -1;
                var inTotal = false;
                for (var k = single >= 0 ? -1 : 0; k <= groups.Length; k++)
                {
                    int i;
                    if (k < groups.Length)
                    {
                        var g = k < 0 ? single : groups[k];
                        inTotal |= comparable[g];
                        i = offset + g;
                    }
                    else if (inTotal)
                    {
                        i = offset + n;
                    }
                    else
                    {
                        break;
                    }

                    units[i] += count;
                    sum[i] += value;
                    squares[i] += value * value;
                    exposure[i] += time;
                }
            }
        });

        return [.. Enumerable.Range(0, strataCount).Select(s => Enumerable.Range(0, width).Select(g =>
        {
            var i = s * width + g;
            var name = g < n ? grouping.Levels[g] : EquityText.Get("all-groups");
            var order = g < n ? setup.OrderOf(name) : null;
            return sums.Units[i] == 0 ? null : setup.Family switch
            {
                OutcomeFamily.Binomial => GroupEstimate.Proportion(name, sums.Sum[i], sums.Units[i], order),
                OutcomeFamily.Poisson => GroupEstimate.Rate(name, sums.Sum[i], sums.Exposure[i], sums.Units[i], order),
                _ => GroupEstimate.Mean(name, sums.Sum[i], sums.Squares[i], sums.Units[i], order),
            };
        }).ToArray())];
    }

    private static GroupEstimate?[] Published(Setup setup, Grouping grouping)
    {
        var result = new GroupEstimate?[grouping.Levels.Count];
        var estimate = setup.Table[setup.Request.Estimate!].Numbers;
        var se = setup.Table[setup.Request.StandardError!].Numbers;
        var population = setup.Table[setup.Request.Population!].Numbers;
        for (var row = 0; row < grouping.Values.Length; row++)
        {
            var g = grouping.GroupOf(row);
            if (g < 0) continue;
            var name = grouping.Levels[g];
            if (result[g] is not null) throw new EquityInputException(name, EquityText.Get("group-is-on-more-than-one", name, row + 2));
            if (double.IsNaN(estimate[row]) || double.IsNaN(se[row]) || double.IsNaN(population[row]))
                throw new EquityInputException(name, EquityText.Get("line-group-lacks-an-estimate-standard", row + 2, name));
            if (population[row] <= 0) throw new EquityInputException(setup.Request.Population!, EquityText.Get("line-group-the-population-must-be", row + 2, name, population[row]));
            result[g] = GroupEstimate.Published(name, estimate[row], se[row], population[row], setup.OrderOf(name));
        }

        return result;
    }

    private static List<SuppressionReason[]> Suppress(Setup setup, IReadOnlyList<GroupEstimate?[]> table)
    {
        if (!setup.Suppresses) return [.. table.Select(r => new SuppressionReason[r.Length])];
        return [.. Suppression.Apply([.. table.Select(r => (IReadOnlyList<GroupEstimate?>)r)], setup.Request.MinimumCell)];
    }

    /// <summary>The chosen reference: a group (by code) or the population average (code −1).</summary>
    private sealed record Chosen(int Code, string Description, bool Average);

    private static Chosen Reference(Setup setup, GroupEstimate?[] estimates, SuppressionReason[] flags, List<string>? notes)
    {
        var comparable = Enumerable.Range(0, estimates.Length).Where(g => estimates[g] is not null && setup.Comparable(estimates[g]!.Group)).ToList();
        var shown = comparable.Where(g => flags[g] == SuppressionReason.None).ToList();
        var choice = setup.Request.Reference ?? (setup.Order is null ? "best" : "advantaged");
        switch (choice.ToLowerInvariant())
        {
            case "average":
                return new Chosen(-1, EquityText.Get("population-average-of-the-groups"), true);
            case "best":
            {
                if (shown.Count == 0) return new Chosen(-1, EquityText.Get("none-no-group-can-be-shown"), false);
                var best = setup.Favourable ? shown.MaxBy(g => estimates[g]!.Estimate.Estimate) : shown.MinBy(g => estimates[g]!.Estimate.Estimate);
                return new Chosen(best, EquityText.Get("best-group-estimate", estimates[best]!.Group, (setup.Favourable ? EquityText.Get("highest") : EquityText.Get("lowest"))), false);
            }

            case "advantaged" when setup.Order is not null:
            {
                if (comparable.Count == 0) return new Chosen(-1, EquityText.Get("none-no-group-has-data"), false);
                var top = comparable.MaxBy(g => estimates[g]!.Order);
                return new Chosen(top, EquityText.Get("most-advantaged-group", estimates[top]!.Group), false);
            }

            case "advantaged":
                throw new EquityInputException("reference", EquityText.Get("the-reference-advantaged-needs-ordered-groups"));
            default:
            {
                var named = Enumerable.Range(0, estimates.Length).FirstOrDefault(g => estimates[g]?.Group == choice, -1);
                if (named < 0)
                {
                    if (notes is null) return new Chosen(-1, EquityText.Get("group-no-data-in-this-period", choice), false);
                    throw new EquityInputException("reference", EquityText.Get("the-reference-group-has-no-data", choice, string.Join(", ", comparable.Select(g => estimates[g]!.Group))));
                }

                return new Chosen(named, EquityText.Get("group", choice), false);
            }
        }
    }

    private static List<GroupRow> Rows(Setup setup, GroupEstimate?[] estimates, SuppressionReason[] flags, Chosen chosen)
    {
        var present = Enumerable.Range(0, estimates.Length).Where(g => estimates[g] is not null).ToList();
        var referenceHidden = chosen.Code >= 0 && flags[chosen.Code] != SuppressionReason.None;
        var forAverage = present.Where(g => setup.Comparable(estimates[g]!.Group)).ToList();
        var rows = new List<GroupRow>();
        foreach (var g in setup.Order is null ? present : [.. present.OrderBy(g => estimates[g]!.Order ?? int.MaxValue)])
        {
            var e = estimates[g]!;
            if (flags[g] != SuppressionReason.None)
            {
                rows.Add(new GroupRow(e.Group, e.Order, null, null, null, null, null, null, null, null, g == chosen.Code,
                    SuppressionText(setup, flags[g])));
                continue;
            }

            Contrast? difference = null, ratio = null;
            if (setup.Comparable(e.Group) && !referenceHidden)
            {
                if (chosen.Average)
                    (difference, ratio) = GroupComparison.AgainstAverage([.. forAverage.Select(i => estimates[i]!)], forAverage.IndexOf(g));
                else if (chosen.Code >= 0 && g != chosen.Code)
                    (difference, ratio) = (GroupComparison.Difference(e, estimates[chosen.Code]!), GroupComparison.Ratio(e, estimates[chosen.Code]!));
            }

            rows.Add(new GroupRow(e.Group, e.Order, e.Units, e.Events, e.Estimate.Estimate, Finite(e.Estimate.Lower), Finite(e.Estimate.Upper), e.Estimate.Method,
                Clean(difference), Clean(ratio), g == chosen.Code, null));
        }

        return rows;
    }

    private static GroupRow Overall(Setup setup, GroupEstimate?[] estimates, GroupEstimate? overall, SuppressionReason flag)
    {
        if (flag != SuppressionReason.None)
        {
            return new GroupRow(EquityText.Get("all-groups"), null, null, null, null, null, null, null, null, null, false, SuppressionText(setup, flag));
        }

        if (setup.PublishedOverall is { } published)
        {
            return new GroupRow(published.Group, null, published.Units, null, published.Estimate.Estimate, published.Estimate.Lower, published.Estimate.Upper, EquityText.Get("the-table-s-published-total"), null, null, false, null);
        }

        if (setup.Mode == Mode.Published)
        {
            var groups = estimates.Where(e => e is not null && setup.Comparable(e.Group)).Select(e => e!).ToList();
            var total = groups.Sum(g => g.Units);
            var mean = groups.Sum(g => g.Units / total * g.Estimate.Estimate);
            var se = Math.Sqrt(groups.Sum(g => Math.Pow(g.Units / total, 2) * g.Variance));
            var e = GroupEstimate.Published(EquityText.Get("all-groups"), mean, se, total);
            return new GroupRow(e.Group, null, total, null, mean, e.Estimate.Lower, e.Estimate.Upper, EquityText.Get("population-weighted-mean-of-the-groups"), null, null, false, null);
        }

        return overall is null
            ? new GroupRow(EquityText.Get("all-groups"), null, 0, null, null, null, null, null, null, null, false, null)
            : new GroupRow(EquityText.Get("all-groups"), null, overall.Units, overall.Events, overall.Estimate.Estimate, Finite(overall.Estimate.Lower), Finite(overall.Estimate.Upper), overall.Estimate.Method, null, null, false, null);
    }

    private static (List<MeasureValue> Measures, SlopeLine? Slope) Measures(Setup setup, GroupEstimate?[] estimates, SuppressionReason[] flags, Chosen chosen, List<string> notes)
    {
        var groups = Enumerable.Range(0, estimates.Length)
            .Where(g => estimates[g] is not null && setup.Comparable(estimates[g]!.Group) && flags[g] == SuppressionReason.None)
            .Select(g => estimates[g]!).ToList();
        if (flags.Any(f => f != SuppressionReason.None)) notes.Add(EquityText.Get("summary-measures-use-only-the-groups"));
        if (groups.Count < 2)
        {
            notes.Add(EquityText.Get("summary-measures-need-at-least-two", (groups.Count == 1 ? EquityText.Get("is-one") : EquityText.Get("are-none"))));
            return ([], null);
        }

        var values = new SummaryMeasures(groups.Select(g => new GroupValue(g.Group, g.Units, g.Estimate.Estimate, Math.Sqrt(g.Variance), g.Order)),
            setup.Mode == Mode.Units && setup.Family == OutcomeFamily.Binomial ? 1 : null);
        var ordered = setup.Order is not null;
        var measures = new List<MeasureValue>();
        SlopeLine? slope = null;
        void Add(string name, Func<MeasureValue> compute)
        {
            try
            {
                var value = compute();
                if (double.IsFinite(value.Value)) measures.Add(value);
                else notes.Add(EquityText.Get("is-not-defined-for-these-estimates", name));
            }
            catch (EquityInputException e)
            {
                notes.Add(EquityText.Get("not-computed", name, e.Message));
            }
        }

        Add("D", () => values.Difference(ordered));
        Add("R", () => values.Ratio(ordered));
        Add("PAR", () => values.PopulationAttributableRisk(setup.Favourable, ordered));
        Add("PAF", () => values.PopulationAttributableFraction(setup.Favourable, ordered));
        if (ordered)
        {
            var transform = setup.Family == OutcomeFamily.Poisson && setup.Mode == Mode.Units ? SlopeTransform.Log : SlopeTransform.None;
            Add("SII", () => values.SlopeIndexOfInequality(transform).Sii);
            Add("RII", () => values.SlopeIndexOfInequality(transform).Rii);
            Add("KMI", () => values.SlopeIndexOfInequality(transform).KunstMackenbach);
            if (measures.FirstOrDefault(m => m.Measure == "SII") is not null)
            {
                var fit = values.SlopeIndexOfInequality(transform);
                var ridits = values.Ridits();
                slope = new SlopeLine(fit.Intercept, fit.Intercept + fit.Sii.Value, transform, groups.Select((g, i) => (g.Group, ridits[i])).ToDictionary(t => t.Group, t => t.Item2));
            }

            if (setup.Family == OutcomeFamily.Binomial && setup.Mode == Mode.Units)
            {
                Add("SII (logistic)", () => values.LogisticSlopeIndexOfInequality(scale: 1).Sii with { Measure = "SII (logistic)" });
                Add("RII (logistic)", () => values.LogisticSlopeIndexOfInequality(scale: 1).Rii with { Measure = "RII (logistic)" });
            }

            Add("ACI", values.AbsoluteConcentrationIndex);
            Add("RCI", values.RelativeConcentrationIndex);
        }
        else
        {
            Add("BGV", values.BetweenGroupVariance);
            Add("BGSD", values.BetweenGroupStandardDeviation);
            Add("COV", values.CoefficientOfVariation);
            Add("IDisU", () => values.IndexOfDisparity(weighted: false));
            Add("IDisW", () => values.IndexOfDisparity(weighted: true));
            Add("MDBU", () => values.MeanDifferenceFromBest(weighted: false, setup.Favourable));
            Add("MDBW", () => values.MeanDifferenceFromBest(weighted: true, setup.Favourable));
            Add("MDMU", () => values.MeanDifferenceFromMean(weighted: false));
            Add("MDMW", () => values.MeanDifferenceFromMean(weighted: true));
            if (chosen.Code >= 0 && !chosen.Average && groups.Any(g => g.Group == estimates[chosen.Code]!.Group))
            {
                Add("MDRU", () => values.MeanDifferenceFromReference(estimates[chosen.Code]!.Group, weighted: false));
                Add("MDRW", () => values.MeanDifferenceFromReference(estimates[chosen.Code]!.Group, weighted: true));
            }

            Add("Theil", values.Theil);
            Add("MLD", values.MeanLogDeviation);
            Add("Gini", values.Gini);
        }

        return (measures, slope);
    }

    // A test that cannot be run never aborts the report: it says why, and everything else stands.
    private static (PredictionTest?, TrendTest?) TestsOrWhyNot(Setup setup, Grouping grouping, Chosen chosen, List<GroupRow> rows, List<string> notes)
    {
        try
        {
            return Tests(setup, grouping, chosen, rows, notes);
        }
        catch (ModelNotEstimableException e)
        {
            notes.Add(EquityText.Get("no-race-test", e.Message));
            return (null, null);
        }
    }

    private static (PredictionTest?, TrendTest?) Tests(Setup setup, Grouping grouping, Chosen chosen, List<GroupRow> rows, List<string> notes)
    {
        if (setup.Mode == Mode.Published) return (null, null);
        if (grouping.Memberships is not null)
        {
            notes.Add(EquityText.Get("no-race-test-in-the-alone"));
            return (null, null);
        }

        var request = setup.Request;
        // The models compare with a group: the chosen one, or for the average the largest group.
        var comparable = rows.Where(r => setup.Comparable(r.Group)).ToList();
        if (comparable.Count < 2) return (null, null);
        var referenceName = chosen.Code >= 0 ? grouping.Levels[chosen.Code] : comparable.MaxBy(r => r.Units ?? 0)!.Group;
        if (chosen.Average) notes.Add(EquityText.Get("the-race-test-compares-each-group", referenceName));
        var hidden = rows.Where(r => r.Suppressed is not null).Select(r => r.Group).ToHashSet();
        var adjust = request.Adjust.ToList();
        var cells = OutcomeCells.Build(setup.Table, setup.Family, setup.OutcomeColumn!, grouping, grouping.Levels.ToList().IndexOf(referenceName),
            request.Period is null ? adjust : [.. adjust, request.Period], setup.Request.Exposure, setup.Request.Population, null, notes);
        cells = cells.Select(codes => setup.Comparable(cells.Factors[0].Levels[codes[0]]), [.. Enumerable.Range(0, cells.Factors.Count)]);
        var ct = setup.Cancellation;
        if (request.Period is null) return (RaceTest.Run(cells, setup.Family, setup.OutcomeName, hidden: hidden, ct: ct), null);

        var periodFactor = cells.Factors.Count - 1;
        var withoutPeriod = cells.Select(_ => true, [.. Enumerable.Range(0, periodFactor)]);
        return (RaceTest.Run(withoutPeriod, setup.Family, setup.OutcomeName, hidden: hidden, ct: ct), RaceTest.Trend(cells, setup.Family, setup.OutcomeName, periodFactor, hidden: hidden, ct: ct));
    }

    /// <summary>The decision audit over the groups that can be shown, against the chosen reference group (or the largest).</summary>
    private static DecisionAudit? Decisions(Setup setup, Grouping grouping, Chosen chosen, List<GroupRow> rows, List<string> notes)
    {
        if (setup.Request.Decision is not { } column) return null;
        if (setup.Mode != Mode.Units || setup.Family != OutcomeFamily.Binomial || setup.Trials is not null)
            throw new EquityInputException("decision", EquityText.Get("a-decision-audit-needs-one-row"));
        var decisions = setup.Table[column].Numbers;
        var shown = rows.Where(r => r.Suppressed is null && setup.Comparable(r.Group)).Select(r => r.Group).ToHashSet();
        var units = new List<(string, bool, bool)>();
        for (var row = 0; row < decisions.Length; row++)
        {
            var group = grouping.GroupOf(row);
            var (label, decision) = (setup.Outcome![row], decisions[row]);
            if (group < 0 || double.IsNaN(label) || double.IsNaN(decision) || !shown.Contains(grouping.Levels[group])) continue;
            if (decision is not (0 or 1)) throw new EquityInputException(column, EquityText.Get("column-line-a-decision-is-or", column, row + 2, decision));
            units.Add((grouping.Levels[group], label == 1, decision == 1));
        }

        if (shown.Count < rows.Count(r => setup.Comparable(r.Group))) notes.Add(EquityText.Get("the-decision-audit-leaves-out-the"));
        var reference = chosen.Code >= 0 && shown.Contains(grouping.Levels[chosen.Code]) ? grouping.Levels[chosen.Code] : null;
        return DecisionFairness.Audit(units, reference, setup.Request.ParityThreshold);
    }

    private static string SuppressionText(Setup setup, SuppressionReason reason) =>
        reason == SuppressionReason.SmallCell ? EquityText.Get("fewer-than-people", setup.Request.MinimumCell) : EquityText.Get("withheld-so-a-small-group-cannot");

    private static double? Finite(double value) => double.IsFinite(value) ? value : null;

    private static Contrast? Clean(Contrast? c) => c is null || !double.IsFinite(c.Estimate) ? null
        : c with { Lower = double.IsFinite(c.Lower) ? c.Lower : c.Estimate, Upper = double.IsFinite(c.Upper) ? c.Upper : c.Estimate };

    private const int MaxCovariateLevels = 100;
    private const int MaxPeriods = 40;

    private enum Mode { Units, Published }

    /// <summary>The request checked against the table: columns found, grouping and model family decided.</summary>
    private sealed record Setup(EquityTable Table, EquityRequest Request, Grouping Grouping, Mode Mode, OutcomeFamily Family, string OutcomeName, string? OutcomeColumn,
        double[]? Outcome, double[]? Trials, double[]? Exposure, IReadOnlyList<string>? Order, bool Favourable, List<string> Notes)
    {
        /// <summary>
        /// Counts over an exposure where each line is a group's total (no two lines share their
        /// group, covariates, period and stratum): a published table. Its exposure is then its people.
        /// </summary>
        public bool RowsAreGroups { get; init; }

        /// <summary>A table of estimates' own total line, shown as the overall instead of the groups' weighted mean.</summary>
        public GroupEstimate? PublishedOverall { get; init; }

        public CancellationToken Cancellation { get; init; }

        public bool Suppresses => !Request.UnitsAreAreas && Request.MinimumCell > 0;

        public string KindText => Mode == Mode.Published ? EquityText.Get("published-estimate") : Family switch
        {
            OutcomeFamily.Binomial => EquityText.Get("proportion"),
            OutcomeFamily.Poisson => EquityText.Get("rate-per-unit-of", Request.Exposure),
            _ => EquityText.Get("mean"),
        };

        public int? OrderOf(string group) => Order?.ToList().IndexOf(group) is >= 0 and var i ? i + 1 : null;

        /// <summary>Whether a group takes part in comparisons: "Declined or unknown" is shown but not compared.</summary>
        public bool Comparable(string group) => !(Grouping.Standard && group == RaceEthnicity.Declined);

        public static Setup Of(EquityTable table, EquityRequest request)
        {
            var notes = new List<string>();
            if (string.IsNullOrWhiteSpace(request.By)) throw new EquityInputException("by", EquityText.Get("say-which-column-holds-the-groups"));
            // A JSON list can hold nulls whatever its declared type.
            foreach (var (field, names) in new[] { ("adjust", request.Adjust), ("order", request.Order) })
                if (names?.Select((name, i) => name is null ? i : -1).FirstOrDefault(i => i >= 0, -1) is >= 0 and var blank)
                    throw new EquityInputException($"{field}[{blank}]", EquityText.Get("item-of-is-null-give-column", blank + 1, field));
            var by = table[request.By];
            foreach (var column in request.Adjust.Append(request.Exposure).Append(request.Period).Append(request.Per).Append(request.Population).Append(request.Decision).OfType<string>())
                _ = table[column];
            if (request.Adjust.Contains(request.By)) throw new EquityInputException("adjust", EquityText.Get("is-the-grouping-it-cannot-also", request.By));
            // Covariates and periods enter the models as categories; a measurement with hundreds of
            // distinct values would be hundreds of parameters, so it has to be banded first.
            foreach (var (column, limit, what) in request.Adjust.Select(a => ((string?)a, MaxCovariateLevels, EquityText.Get("covariate"))).Append((request.Period, MaxPeriods, EquityText.Get("period"))))
                if (column is not null && table[column].Levels.Length > limit)
                    throw new EquityInputException(column, EquityText.Get("the-has-distinct-values-models-treat", what, column, table[column].Levels.Length, limit));
            if (request.MinimumCell < 0) throw new EquityInputException("min-cell", EquityText.Get("the-suppression-threshold-must-be-zero"));
            var grouping = request.RaceView is { } view ? RaceEthnicity.View(by, view)
                : RaceEthnicity.Recognizes(by) ? RaceEthnicity.View(by, RaceView.Multiracial)
                : Grouping.Of(by);
            var groups = grouping.Levels.Where(l => !(grouping.Standard && l == RaceEthnicity.Declined)).ToList();
            if (grouping.Levels.Count > EquityLimits.Groups)
                throw new EquityLimitException(request.By, EquityText.Get("limit-groups", request.By, grouping.Levels.Count, EquityLimits.Groups));
            var strata = request.Per is null ? 0 : table[request.Per].Levels.Length;
            var periods = request.Period is null ? 0 : table[request.Period].Levels.Length;
            if ((long)grouping.Levels.Count * (strata + 1) * (periods + 1) is var figures and > EquityLimits.Cells)
                throw new EquityLimitException(request.Per ?? request.Period ?? request.By, EquityText.Get("limit-cells", figures, grouping.Levels.Count, strata, periods, EquityLimits.Cells));
            if (groups.Count == 0) throw new EquityInputException(request.By, EquityText.Get("column-is-empty-there-are-no", request.By));
            if (groups.Count == 1) throw new EquityInputException(request.By, EquityText.Get("column-has-a-single-group-there", request.By, groups[0]));
            if (request.Order is { } order)
            {
                if (order.Count < 2) throw new EquityInputException("order", EquityText.Get("an-order-needs-at-least-two"));
                if (order.FirstOrDefault(o => !groups.Contains(o)) is { } unknown)
                    throw new EquityInputException("order", EquityText.Get("the-order-names-which-is-not", unknown, request.By, string.Join(", ", groups)));
                if (groups.FirstOrDefault(g => !order.Contains(g)) is { } unlisted)
                    throw new EquityInputException("order", EquityText.Get("group-is-not-in-the-order", unlisted, string.Join(", ", order)));
            }

            if (request.Estimate is not null)
            {
                if (request.StandardError is null || request.Population is null)
                    throw new EquityInputException("estimate", EquityText.Get("a-published-table-needs-estimate-se"));
                if (request.Adjust.Count > 0 || request.Exposure is not null || request.Period is not null)
                    throw new EquityInputException("estimate", EquityText.Get("adjustment-exposure-and-periods-need-unit"));
                _ = table[request.Estimate].Numbers;
                _ = table[request.StandardError].Numbers;
                _ = table[request.Population].Numbers;
                return new Setup(table, request, grouping, Mode.Published, OutcomeFamily.Gaussian, request.Outcome ?? request.Estimate, null, null, null, null, request.Order, request.Favourable ?? true, notes);
            }

            if (request.Outcome is null) throw new EquityInputException("outcome", EquityText.Get("say-which-column-is-the-outcome"));
            var outcome = table[request.Outcome];
            var y = outcome.Numbers;
            var exposure = request.Exposure is null ? null : table[request.Exposure].Numbers;
            var trials = request.Population is null ? null : table[request.Population].Numbers;
            var family = exposure is not null ? OutcomeFamily.Poisson : trials is not null ? OutcomeFamily.Binomial : OutcomeCells.FamilyOf(outcome, false);
            int missing = 0, noGroup = 0;
            for (var row = 0; row < y.Length; row++)
            {
                var value = y[row];
                if (double.IsNaN(value)) { missing++; continue; }
                if (grouping.GroupOf(row) < 0 && (grouping.Memberships?[row].Length ?? 0) == 0) noGroup++;
                if (trials is null && exposure is null && family == OutcomeFamily.Binomial) continue; // 0/1, as FamilyOf found
                var units = trials?[row] ?? 1;
                var time = exposure?[row] ?? 1;
                if (units <= 0) throw new EquityInputException(request.Population!, EquityText.Get("column-line-the-population-must-be", request.Population, row + 2, units));
                if (time <= 0) throw new EquityInputException(request.Exposure!, EquityText.Get("column-line-the-exposure-must-be", request.Exposure, row + 2, time));
                OutcomeCells.Check(family, request.Outcome, y[row], row, units);
            }

            if (missing == y.Length) throw new EquityInputException(request.Outcome, EquityText.Get("column-has-no-values", request.Outcome));
            if (missing > 0) notes.Add(EquityText.Get("rows-without-a-value-for-were", missing, request.Outcome));
            if (noGroup > 0) notes.Add(EquityText.Get("rows-have-no-group-in-the", noGroup, request.By));
            if (grouping.Standard && grouping.Levels.Contains(RaceEthnicity.Declined))
                notes.Add(EquityText.Get("is-shown-but-not-compared-with", RaceEthnicity.Declined));
            var rowsAreGroups = exposure is not null && EachLineIsACell(table, request);
            if (rowsAreGroups) notes.Add(EquityText.Get("each-line-is-a-group-s", request.Exposure));
            return new Setup(table, request, grouping, Mode.Units, family, request.Outcome, request.Outcome, y, trials, exposure, request.Order, request.Favourable ?? true, notes)
            {
                RowsAreGroups = rowsAreGroups,
            };
        }

        private static bool EachLineIsACell(EquityTable table, EquityRequest request)
        {
            var key = table.RowKey(new[] { request.By }.Concat(request.Adjust).Append(request.Period).Append(request.Per).OfType<string>());
            var seen = new HashSet<string>();
            for (var row = 0; row < table.RowCount; row++)
            {
                if (!seen.Add(key(row))) return false;
            }

            return true;
        }
    }
}
