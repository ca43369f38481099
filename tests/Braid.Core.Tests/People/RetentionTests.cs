using Braid.Core.People;

namespace Braid.Core.Tests.People;

public sealed class RetentionTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);

    private static DateTimeOffset On(int year, int month, int day) => new(year, month, day, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Under_the_default_rules_what_the_person_gave_goes_and_the_six_year_records_stay_until_six_years_after_they_ended()
    {
        var plan = ErasurePlan.Make(
        [
            new RecordItem(RecordPart.Screenings, "s1", On(2026, 3, 1)),
            new RecordItem(RecordPart.Goals, "g1", On(2026, 3, 1)),
            new RecordItem(RecordPart.Feedback, "f1", On(2026, 4, 1)),
            // Closed 2020-06-30: six years ran out on 2026-06-30, before today.
            new RecordItem(RecordPart.Referrals, "old", On(2020, 6, 30), Need: "n-old"),
            // Closed 2021-02-01: kept until 2027-02-01.
            new RecordItem(RecordPart.Referrals, "closed", On(2021, 2, 1), Need: "n-closed"),
            new RecordItem(RecordPart.Needs, "n-old", On(2020, 1, 1)),
            new RecordItem(RecordPart.Needs, "n-closed", On(2021, 1, 1)),
            new RecordItem(RecordPart.Needs, "n-none", On(2026, 1, 1)),
            new RecordItem(RecordPart.Consents, "revoked-2019", On(2019, 5, 5)),
            new RecordItem(RecordPart.Disclosures, "read", On(2025, 1, 10)),
        ], RetentionRules.Default, Now);

        Assert.Equal(["s1"], plan.Deleted(RecordPart.Screenings));
        Assert.Equal(["g1"], plan.Deleted(RecordPart.Goals));
        Assert.Equal(["f1"], plan.Deleted(RecordPart.Feedback));
        Assert.Equal(["old"], plan.Deleted(RecordPart.Referrals));
        Assert.Equal(["revoked-2019"], plan.Deleted(RecordPart.Consents));
        Assert.Empty(plan.Deleted(RecordPart.Disclosures));
        Assert.Equal(["n-old", "n-none"], plan.Deleted(RecordPart.Needs));

        var closed = plan.Fates.Single(f => f.Item.Id == "closed");
        Assert.Equal((true, On(2027, 2, 1), KeptBecause.Rule), (closed.Kept, closed.KeptUntil, closed.Because));
        var need = plan.Fates.Single(f => f.Item.Id == "n-closed");
        Assert.Equal((true, On(2027, 2, 1), KeptBecause.KeptReferral), (need.Kept, need.KeptUntil, need.Because));
        Assert.Equal(On(2031, 1, 10), plan.Fates.Single(f => f.Item.Id == "read").KeptUntil);
        Assert.True(plan.KeepsIdentity);
    }

    [Fact]
    public void A_consent_in_force_is_revoked_by_the_request_and_kept_from_that_moment_and_an_open_referral_while_it_is_open()
    {
        var plan = ErasurePlan.Make(
        [
            new RecordItem(RecordPart.Consents, "active", null),
            new RecordItem(RecordPart.Referrals, "open", null, Need: "n"),
            new RecordItem(RecordPart.Needs, "n", On(2026, 11, 1)),
        ], RetentionRules.Default, Now);

        var consent = plan.Fates.Single(f => f.Item.Id == "active");
        Assert.Equal((true, new DateTimeOffset(2032, 12, 7, 12, 0, 0, TimeSpan.Zero)), (consent.Kept, consent.KeptUntil));
        var open = plan.Fates.Single(f => f.Item.Id == "open");
        Assert.Equal((true, (DateTimeOffset?)null, KeptBecause.StillOpen), (open.Kept, open.KeptUntil, open.Because));
        var summary = plan.Summary().Single(s => s.Part == RecordPart.Needs);
        Assert.Equal((0, 1, true), (summary.Deleted, summary.Kept, summary.KeptWhileOpen));
    }

    [Fact]
    public void When_nothing_must_be_kept_the_whole_record_goes_and_a_community_may_keep_screenings_too()
    {
        RecordItem[] items = [new(RecordPart.Screenings, "s", On(2024, 1, 1)), new(RecordPart.Disclosures, "read", On(2024, 1, 2))];

        var plan = ErasurePlan.Make(items, RetentionRules.Default, Now);
        Assert.False(plan.KeepsIdentity);
        Assert.Equal((1, 0), plan.Summary().Single(s => s.Part == RecordPart.Identity) is var identity ? (identity.Deleted, identity.Kept) : default);

        var clinic = ErasurePlan.Make(items, RetentionRules.Default with { ScreeningYears = 7 }, Now);
        Assert.Empty(clinic.Deleted(RecordPart.Screenings));
        Assert.Equal(On(2031, 1, 1), clinic.Fates.Single(f => f.Item.Id == "s").KeptUntil);
        Assert.False(clinic.KeepsIdentity);
    }

    [Theory]
    [InlineData(-1, 6, "screening")]
    [InlineData(0, 101, "consent")]
    [InlineData(0, 100, null)]
    public void A_rule_out_of_range_is_named(int screening, int consent, string? invalid) =>
        Assert.Equal(invalid, new RetentionRules(screening, consent).Invalid());
}
