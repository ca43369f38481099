using Braid.Core.Demo;
using Braid.Core.Equity;
using Braid.Core.People;
using Braid.Core.Referrals;
using static Braid.Core.Tests.Demo.DemoSample;

namespace Braid.Core.Tests.Demo;

/// <summary>
/// The demo people's past referrals: each is a legal history under the person's consent, closed
/// by today, and the outcome table read off them shows the planted disparity and not the control.
/// </summary>
public sealed class DemoReferralHistoryTests
{
    private static EquityTable Table()
    {
        var people = Population.People.ToDictionary(p => p.Id);
        return ReferralOutcomes.Table(Population.Referrals.Select(r => new ReferralOutcome
        {
            Referral = r.Id.Value, RaceEthnicity = people[r.Details.Person].RaceEthnicity switch
            {
                { Status: ReportStatus.Declined } => "declined",
                { Value: { } chosen } => string.Join('|', chosen),
                _ => null,
            },
            Language = people[r.Details.Person].Language, Tract = people[r.Details.Person].Tract, BirthDate = people[r.Details.Person].BirthDate,
            Need = r.Details.NeedCategory, Status = r.Status, Reason = r.Reason, NeedMet = r.NeedMet, SentAt = r.SentAt, FirstContactAt = r.FirstContactAt,
            AnsweredAt = r.History.OfType<ReferralStatusChanged>().FirstOrDefault(e => e.Status is ReferralStatus.Accepted or ReferralStatus.Rejected)?.Stamp.At,
        }), ReferralSla.Default, Now);
    }

    [Fact]
    public void Each_referral_is_for_an_accepted_need_under_consent_and_closed_before_today()
    {
        var needs = Population.Needs.ToDictionary(n => n.Id);
        Assert.InRange(Population.Referrals.Count, 1000, 3000);
        Assert.All(Population.Referrals, r =>
        {
            Assert.True(r.Status.IsClosed());
            Assert.True(r.ClosedAt < Now);
            Assert.Equal(NeedStatus.Accepted, needs[r.Details.Need].Status);
            Assert.Contains(Population.Consents, c => c.Person == r.Details.Person && c.Grantee == Grantee.Organization(r.Details.To!.Value) && r.Details.Shared.IsSubsetOf(c.Categories) && c.Start <= r.SentAt);
            Assert.Equal(r.Status, Referral.FromHistory(r.Id, r.History).Status);
        });
        Assert.Contains(Population.Referrals, r => r.Reason == ReferralReason.Expired);
        Assert.Contains(Population.Referrals, r => r.Status == ReferralStatus.Rejected);
    }

    [Fact]
    public void The_dashboard_measures_find_the_planted_gap_in_need_met_and_none_in_declines()
    {
        var table = Table();
        var met = EquityAnalysis.Report(table, new EquityRequest { Outcome = "need_met", By = "race", Adjust = ["age_band", "need"], Reference = "White" });
        Assert.True(met.Test!.Predicts);
        var black = met.Test.Effects.Single(e => e.Group == "Black or African American");
        Assert.InRange(DemoOutcomes.PlantedOddsRatio, black.Lower, black.Upper);

        var declined = EquityAnalysis.Report(table, new EquityRequest { Outcome = "declined", By = "race", Adjust = ["age_band", "need"], Reference = "White", Favourable = false });
        Assert.False(declined.Test!.Predicts);
    }
}
