namespace Braid.Core.People;

/// <summary>The parts of a person's record that a deletion request weighs one by one.</summary>
public enum RecordPart
{
    /// <summary>Name and date of birth: kept only while a kept record has to say whom it is about.</summary>
    Identity,

    /// <summary>Phone, email, address, alternate contact, and the messages not yet sent to them.</summary>
    Contact,

    /// <summary>Race and ethnicity, sex, gender, pronouns, language, household and income.</summary>
    Demographics,

    /// <summary>The portal account and its codes: the person is signed out for good.</summary>
    Account,
    Screenings,
    Needs,
    Goals,
    Consents,
    Referrals,
    Feedback,

    /// <summary>The log of who read the record.</summary>
    Disclosures,
}

/// <summary>
/// How many years a community keeps each part of a person's record after it ended (a screening
/// done, a consent revoked or expired, a referral closed, a read of the record), even when the
/// person asks for it to be deleted; 0 deletes it on request. The defaults follow HIPAA's six
/// years for the documentation of authorizations (45 CFR 164.530(j)) and for the accounting of
/// disclosures (45 CFR 164.528), and keep a closed referral as long, as the record of the service
/// an organization gave and was paid for. Screenings are the person's to delete by default.
/// </summary>
public sealed record RetentionRules(int ScreeningYears = 0, int ConsentYears = 6, int ReferralYears = 6, int DisclosureYears = 6)
{
    public const int MaxYears = 100;

    public static readonly RetentionRules Default = new();

    /// <summary>The years a part is kept after it ended; 0 for the parts a request always deletes.</summary>
    public int YearsFor(RecordPart part) => part switch
    {
        RecordPart.Screenings => ScreeningYears,
        RecordPart.Consents => ConsentYears,
        RecordPart.Referrals => ReferralYears,
        RecordPart.Disclosures => DisclosureYears,
        _ => 0,
    };

    /// <summary>The rule that is out of range, by name; null when all are in 0..<see cref="MaxYears"/>.</summary>
    public string? Invalid() =>
        new (string Name, int Years)[] { ("screening", ScreeningYears), ("consent", ConsentYears), ("referral", ReferralYears), ("disclosure", DisclosureYears) }
            .FirstOrDefault(r => r.Years is < 0 or > MaxYears).Name;
}

/// <summary>
/// One thing in a person's record, for the deletion plan: when it ended (null while it is still
/// open, as a referral an organization works on), and for a referral the need it is for.
/// </summary>
public sealed record RecordItem(RecordPart Part, string Id, DateTimeOffset? Ended, string? Need = null);

/// <summary>Why a kept item is kept.</summary>
public enum KeptBecause
{
    /// <summary>The community's rule for the part (<see cref="RetentionRules"/>) has not run out.</summary>
    Rule,

    /// <summary>A referral still open: an organization is working on it.</summary>
    StillOpen,

    /// <summary>A need a kept referral is for.</summary>
    KeptReferral,

    /// <summary>The name and birth date a kept consent or referral is about.</summary>
    KeptRecords,
}

/// <summary>What a deletion request does to one item: deleted, or kept until a date (or while open), and why.</summary>
public sealed record ItemFate(RecordItem Item, bool Kept, DateTimeOffset? KeptUntil, KeptBecause? Because);

/// <summary>A part's summary for the person: how many of its items go, how many stay, until when at the latest, and why.</summary>
public sealed record PartSummary(RecordPart Part, int Deleted, int Kept, DateTimeOffset? KeptUntil, bool KeptWhileOpen, KeptBecause? Because);

/// <summary>
/// What a person's deletion request does under the community's retention rules, decided before
/// the person confirms, so they see what goes, what stays, until when and why. Consents still in
/// force are revoked by the request and so kept from that moment; an open referral is kept while
/// an organization works on it (and then under the referral rule); a need stays while a kept
/// referral is for it; the name and birth date stay while a consent or referral is kept, and the
/// whole record goes when nothing is. The audit trail is never part of it: it holds ids, not
/// personal details, and its hash chain proves nothing was changed.
/// </summary>
public sealed class ErasurePlan
{
    private ErasurePlan(IReadOnlyList<ItemFate> fates, bool keepsIdentity, RetentionRules rules) => (Fates, KeepsIdentity, Rules) = (fates, keepsIdentity, rules);

    public IReadOnlyList<ItemFate> Fates { get; }

    /// <summary>The rules the plan was made under.</summary>
    public RetentionRules Rules { get; }

    /// <summary>Whether the person's record itself (name and birth date only) stays.</summary>
    public bool KeepsIdentity { get; }

    public static ErasurePlan Make(IEnumerable<RecordItem> items, RetentionRules rules, DateTimeOffset now)
    {
        var all = items.ToList();
        var fates = all.Where(i => i.Part != RecordPart.Needs).Select(item => Decide(item, rules, now)).ToList();
        var referralsKept = fates.Where(f => f.Kept && f.Item.Part == RecordPart.Referrals && f.Item.Need is not null)
            .GroupBy(f => f.Item.Need!).ToDictionary(g => g.Key, g => g.ToList());
        foreach (var need in all.Where(i => i.Part == RecordPart.Needs))
        {
            fates.Add(referralsKept.TryGetValue(need.Id, out var referrals)
                ? new ItemFate(need, true, Latest(referrals), KeptBecause.KeptReferral)
                : new ItemFate(need, false, null, null));
        }

        var keepsIdentity = fates.Any(f => f.Kept && f.Item.Part is RecordPart.Consents or RecordPart.Referrals);
        return new ErasurePlan(fates, keepsIdentity, rules);
    }

    private static ItemFate Decide(RecordItem item, RetentionRules rules, DateTimeOffset now)
    {
        var years = rules.YearsFor(item.Part);
        if (years == 0) return new ItemFate(item, false, null, null);

        // A consent still in force ends now: the request revokes it.
        var ended = item.Ended ?? (item.Part == RecordPart.Referrals ? null : now);
        if (ended is null) return new ItemFate(item, true, null, KeptBecause.StillOpen);
        var until = ended.Value.AddYears(years);
        return until > now ? new ItemFate(item, true, until, KeptBecause.Rule) : new ItemFate(item, false, null, null);
    }

    // Null when one of them is open: the need is kept at least as long as that one.
    private static DateTimeOffset? Latest(List<ItemFate> referrals) => referrals.Any(r => r.KeptUntil is null) ? null : referrals.Max(r => r.KeptUntil);

    /// <summary>The ids of a part's items the request deletes.</summary>
    public IReadOnlyList<string> Deleted(RecordPart part) => [.. Fates.Where(f => !f.Kept && f.Item.Part == part).Select(f => f.Item.Id)];

    /// <summary>Every part, in <see cref="RecordPart"/> order, summed up; the profile's parts are always there, the others when the record has any.</summary>
    public IReadOnlyList<PartSummary> Summary()
    {
        var summary = new List<PartSummary>
        {
            KeepsIdentity ? new PartSummary(RecordPart.Identity, 0, 1, null, false, KeptBecause.KeptRecords) : new PartSummary(RecordPart.Identity, 1, 0, null, false, null),
            new(RecordPart.Contact, 1, 0, null, false, null),
            new(RecordPart.Demographics, 1, 0, null, false, null),
            new(RecordPart.Account, 1, 0, null, false, null),
        };
        foreach (var part in Fates.GroupBy(f => f.Item.Part).OrderBy(g => g.Key))
        {
            var kept = part.Where(f => f.Kept).ToList();
            summary.Add(new PartSummary(part.Key, part.Count() - kept.Count, kept.Count, kept.Max(f => f.KeptUntil), kept.Any(f => f.KeptUntil is null),
                kept.Count == 0 ? null : kept.Any(f => f.Because == KeptBecause.StillOpen) ? KeptBecause.StillOpen : kept[0].Because));
        }

        return summary;
    }
}
