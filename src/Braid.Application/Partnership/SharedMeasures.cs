using Braid.Core.Equity;
using Braid.Core.Partnership;
using Braid.Core.Referrals;
using Braid.Data.Directory;
using Braid.Data.Partnership;
using Braid.Data.Referrals;

namespace Braid.Application.Partnership;

/// <summary>A shared measure with its owner's name and its months, oldest first; <see cref="Latest"/> is the last month not withheld.</summary>
public sealed record MeasureView(SharedMeasure Measure, string OwnerName, IReadOnlyList<MeasurePoint> Trend)
{
    public MeasurePoint? Latest => Trend.LastOrDefault(p => p.Value is not null);
}

/// <summary>A measure's page: its trend, and the measure by race and ethnicity through the equity engine (or why the data cannot answer yet).</summary>
public sealed record MeasureDetail(MeasureView View, EquityReport? Equity, string? EquityUnavailable);

/// <summary>
/// The partnership's shared measures: saved definitions over Braid's own referrals and screenings,
/// each with a target, an owner and a trend, always stratified by race and ethnicity through the
/// equity engine (its race test, intervals and suppression). Analysts and community administrators
/// define them; the member organizations' administrators read them too. Every read is audited.
/// </summary>
public sealed class SharedMeasures(UseCaseContext context, MeasureStore store, ReferralStore referrals)
{
    public async Task<IReadOnlyList<MeasureView>> ListAsync(CancellationToken ct = default)
    {
        var actor = await context.AuthorizeAsync(Permission.MeasureRead, ct: ct);
        var measures = await store.AllAsync(context.CommunityId, ct);
        var inputs = await InputsAsync(measures, ct);
        var names = await OwnerNamesAsync(measures, ct);
        await context.RecordAsync(actor, "measures.list", $"{measures.Count} shared measures", target: "measures", ct: ct);
        return [.. measures.Select(m => View(m, names, inputs))];
    }

    /// <summary>A measure with its equity view; null when there is no such measure.</summary>
    public async Task<MeasureDetail?> ShowAsync(string id, CancellationToken ct = default)
    {
        var actor = await context.AuthorizeAsync(Permission.MeasureRead, target: "measure:" + id, ct: ct);
        if (await store.FindAsync(context.CommunityId, id, ct) is not { } measure) return null;
        var inputs = await InputsAsync([measure], ct);
        var view = View(measure, await OwnerNamesAsync([measure], ct), inputs);
        EquityReport? equity = null;
        string? unavailable = null;
        try
        {
            equity = Equity(measure, inputs);
        }
        catch (EquityInputException why)
        {
            unavailable = why.Message;
        }

        await context.RecordAsync(actor, "measures.read", $"{measure.Name}: {view.Trend.Count} months", target: "measure:" + id, ct: ct);
        return new MeasureDetail(view, equity, unavailable);
    }

    /// <summary>Whether the caller may define measures, to offer the form.</summary>
    public async Task<bool> MayManageAsync(CancellationToken ct = default) =>
        AccessPolicy.Decide(await context.Caller.ActorAsync(ct), Permission.MeasureManage, context.CommunityId).Allowed;

    /// <summary>The organizations that may own a measure: the directory's organizations placed in a sector, by name.</summary>
    public async Task<IReadOnlyList<(string Id, string Name)>> OwnersAsync(CancellationToken ct = default)
    {
        await context.AuthorizeAsync(Permission.MeasureManage, ct: ct);
        var organizations = await new HsdsReader(context.Db).OrganizationsOfSectorsAsync(context.CommunityId.Value, Sectors.AllTerms, ct);
        return [.. organizations.Select(o => (o.Key, o.Value ?? o.Key)).OrderBy(o => o.Item2, StringComparer.CurrentCulture)];
    }

    /// <summary>Defines a new measure (id null) or changes one; the new measure's id, or the fields that are wrong.</summary>
    /// <remarks>A target the form could not read comes as NaN, so the caller is authorized before any field is judged.</remarks>
    public async Task<(string? Id, IReadOnlyDictionary<string, InputError> Errors)> SaveAsync(string? id, string? name, string? kind, string? need, double target,
        string? owner, string? steward, string? about, CancellationToken ct = default)
    {
        var actor = await context.AuthorizeAsync(Permission.MeasureManage, target: "measure:" + (id ?? "new"), ct: ct);
        if (id is not null && await store.FindAsync(context.CommunityId, id, ct) is null) throw new KeyNotFoundException($"No shared measure {id}.");
        var errors = new Dictionary<string, InputError>();
        if (MeasureRules.FromCode(kind) is not { } measureKind)
        {
            errors["kind"] = new InputError("choice-unknown", kind ?? "");
            measureKind = MeasureKind.LoopClosed;
        }

        var measure = new SharedMeasure
        {
            Id = id ?? Guid.NewGuid().ToString(), Name = name?.Trim() ?? "", Kind = measureKind, Need = string.IsNullOrWhiteSpace(need) ? null : need.Trim(),
            Target = MeasureRules.IsShare(measureKind) ? target / 100 : target, Owner = new OrganizationId(owner?.Trim() ?? ""), Steward = steward?.Trim() ?? "",
            About = string.IsNullOrWhiteSpace(about) ? null : about.Trim(),
        };
        foreach (var (field, error) in measure.Validate()) errors.TryAdd(field, error);
        if (string.IsNullOrWhiteSpace(owner) || !(await new HsdsReader(context.Db).OrganizationNamesAsync(context.CommunityId.Value, [measure.Owner.Value], ct)).ContainsKey(measure.Owner.Value))
        {
            errors["owner"] = new InputError("choice-unknown", owner ?? "");
        }

        if (errors.Count > 0) return (null, errors);
        await context.ChangeAsync(async audit =>
        {
            await store.SaveAsync(context.CommunityId, measure, actor.Id, context.Time.GetUtcNow(), ct);
            audit.Record(actor, id is null ? "measures.define" : "measures.change", $"{measure.Name}: {MeasureRules.Code(measure.Kind)} {measure.Need ?? "every need"}, target {measure.Target}", measure.Owner, "measure:" + measure.Id);
            return true;
        }, ct);
        return (measure.Id, errors);
    }

    private sealed record Inputs(IReadOnlyList<ReferralOutcome> Referrals, IReadOnlyList<ScreenedPerson> Screened, ReferralSla Sla, DateTimeOffset Now);

    // Screenings are read only when a people-screened measure needs them.
    private async Task<Inputs> InputsAsync(IReadOnlyList<SharedMeasure> measures, CancellationToken ct) => new(
        measures.Any(m => m.Kind != MeasureKind.PeopleScreened) ? await referrals.OutcomesAsync(context.CommunityId, ct) : [],
        measures.Any(m => m.Kind == MeasureKind.PeopleScreened) ? await store.ScreenedAsync(context.CommunityId, ct) : [],
        await referrals.SlaAsync(context.CommunityId, ct), context.Time.GetUtcNow());

    private async Task<Dictionary<string, string?>> OwnerNamesAsync(IReadOnlyList<SharedMeasure> measures, CancellationToken ct) =>
        await new HsdsReader(context.Db).OrganizationNamesAsync(context.CommunityId.Value, [.. measures.Select(m => m.Owner.Value).Distinct()], ct);

    private static MeasureView View(SharedMeasure measure, Dictionary<string, string?> names, Inputs inputs) =>
        new(measure, names.GetValueOrDefault(measure.Owner.Value) ?? measure.Owner.Value, MeasureRules.Quarterly(measure, inputs.Referrals, inputs.Screened, inputs.Sla, inputs.Now));

    // By race and ethnicity, adjusted for age band (and for need when the measure spans every need), so a gap is not the mix of ages or needs.
    private static EquityReport Equity(SharedMeasure measure, Inputs inputs)
    {
        var table = measure.Kind == MeasureKind.PeopleScreened
            ? ScreenedPerson.Table(inputs.Screened, measure.Need)
            : ReferralOutcomes.Table(inputs.Referrals.Where(r => measure.Need is null || r.Need == measure.Need), inputs.Sla, inputs.Now);
        return EquityAnalysis.Report(table, new EquityRequest
        {
            Outcome = MeasureRules.Outcome(measure.Kind), By = "race", Reference = "White", Favourable = MeasureRules.HigherIsBetter(measure.Kind),
            Adjust = measure.Need is null && measure.Kind != MeasureKind.PeopleScreened ? ["age_band", "need"] : ["age_band"],
        });
    }
}
