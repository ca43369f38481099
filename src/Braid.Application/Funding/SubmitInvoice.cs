using System.Globalization;
using Braid.Core.Directory.Eligibility;
using Braid.Core.Funding;
using Braid.Data.Funding;
using Braid.Data.People;

namespace Braid.Application.Funding;

/// <summary>
/// A provider bills the intermediary for a month of services: one line per referral it completed
/// that month (by the day it was closed, UTC), at a price per unit. Each line keeps, as of the day
/// of the service, what the allocation rules look at: the need, the service, and the person's age,
/// income band, county, ZIP and tract. A referral is billed once.
/// </summary>
public sealed class SubmitInvoice(UseCaseContext context, FundingStore store, PeopleStore people)
{
    public const decimal MaxUnitPrice = 100_000m;

    /// <summary>The organizations the caller may bill for.</summary>
    public async Task<IReadOnlyList<OrganizationId>> ProvidersAsync(CancellationToken ct = default) =>
        AccessPolicy.OrganizationsAllowed(await context.Caller.ActorAsync(ct), Permission.InvoiceSubmit, context.CommunityId);

    public async Task<IReadOnlyList<InvoiceView>> InvoicesAsync(OrganizationId provider, CancellationToken ct = default)
    {
        await context.AuthorizeAsync(Permission.InvoiceSubmit, provider, ct: ct);
        return await ManageFunding.ViewsAsync(context, store, provider, null, withPlans: false, ct);
    }

    /// <summary>Bills the month; the fields that are wrong (none when the invoice was submitted).</summary>
    public async Task<IReadOnlyDictionary<string, InputError>> SubmitAsync(OrganizationId provider, string? month, decimal? unitPrice, CancellationToken ct = default)
    {
        var actor = await context.AuthorizeAsync(Permission.InvoiceSubmit, provider, ct: ct);
        var errors = new Dictionary<string, InputError>();
        var now = context.Time.GetUtcNow();
        var start = ParseMonth(month);
        if (start is null) errors["month"] = new InputError("month-format");
        else if (start.Value.AddMonths(1) > now) errors["month"] = new InputError("invoice-month-not-over");
        if (unitPrice is not { } price || price <= 0 || price > MaxUnitPrice || !Money.IsCents(price)) errors["unit_price"] = new InputError("money-between", "0.01", ManageFunding.Cents(MaxUnitPrice));
        if (errors.Count > 0) return errors;

        if ((await store.InvoicesAsync(context.CommunityId, provider, month, ct)).Count > 0) errors["month"] = new InputError("invoice-month-billed", month!);
        var referrals = errors.Count > 0 ? [] : await store.BillableAsync(context.CommunityId, provider, start!.Value, start.Value.AddMonths(1), ct);
        if (errors.Count == 0 && referrals.Count == 0) errors["month"] = new InputError("invoice-nothing-to-bill", month!);
        if (errors.Count > 0) return errors;

        var invoice = new InvoiceRow { Id = Guid.NewGuid().ToString(), Provider = provider.Value, Month = month!, UnitPriceCents = Money.ToCents(unitPrice!.Value), SubmittedBy = actor.Id, SubmittedAt = now };
        var lines = await LinesAsync(people, context.CommunityId, referrals, invoice.UnitPriceCents, ct);
        await context.ChangeAsync(async audit =>
        {
            await store.AddInvoiceAsync(context.CommunityId, invoice, lines, ct);
            audit.Record(actor, "funding.invoice.submit", $"{lines.Count} services at {ManageFunding.Cents(unitPrice.Value)}", provider, "invoice:" + invoice.Id);
            return true;
        }, ct);
        return errors;
    }

    /// <summary>A line per referral, priced at the unit price, with the person's facts on the day it closed.</summary>
    internal static async Task<List<InvoiceLineRow>> LinesAsync(PeopleStore people, CommunityId community, IReadOnlyList<Data.Referrals.ReferralRow> referrals, long unitPriceCents, CancellationToken ct)
    {
        var persons = (await people.ManyAsync(community, [.. referrals.Select(r => new PersonId(r.PersonId)).Distinct()], ct)).ToDictionary(p => p.Id.Value);
        return [.. referrals.Select(r =>
        {
            var delivered = DateOnly.FromDateTime(r.ClosedAt!.Value.UtcDateTime);
            var person = persons.GetValueOrDefault(r.PersonId);
            var facts = person is null ? new PersonFacts() : PersonFacts.Of(person, delivered);
            return new InvoiceLineRow
            {
                Id = Guid.NewGuid().ToString(), ReferralId = r.Id, PersonId = r.PersonId, Need = r.NeedCategory, Service = r.ServiceName, DeliveredOn = FundingStore.Day(delivered),
                Units = 1, AmountCents = unitPriceCents, Age = facts.Age, IncomeBand = facts.IncomeBand, County = facts.County, Zip = facts.Zip, Tract = person?.Tract,
            };
        })];
    }

    /// <summary>The first instant (UTC) of a yyyy-MM month, or null when it is not one.</summary>
    public static DateTimeOffset? ParseMonth(string? month) =>
        month is { Length: 7 } && DateTime.TryParseExact(month, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var day) && day.Year >= 2000
            ? new DateTimeOffset(day, TimeSpan.Zero) : null;
}
