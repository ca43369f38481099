using Braid.Core.Demo;
using Braid.Core.People;
using Braid.Core.Screening;
using static Braid.Core.Tests.Demo.DemoSample;

namespace Braid.Core.Tests.Demo;

/// <summary>The demo community's people: valid records, Baltimore City's mix, screenings and needs that follow the instrument's rules.</summary>
public sealed class DemoPeopleTests
{
    [Fact]
    public void Every_person_is_a_valid_record_in_a_tract_of_the_region()
    {
        Assert.Equal(2000, Population.People.Count);
        Assert.All(Population.People, p => Assert.Empty(PersonRules.Validate(p, DateOnly.FromDateTime(Now.UtcDateTime))));
        Assert.All(Population.People, p => Assert.Contains(p.Tract, Region.Tracts.Select(t => t.Geoid)));
        Assert.Equal(Population.People.Select(p => p.Id), DemoSample.Generate().People.Select(p => p.Id));
    }

    // Baltimore City, 2020 Census (P2): Black or African American alone 57.8 %, White alone 26.8 %, Hispanic or Latino 5.9 %.
    [Theory]
    [InlineData("Black or African American", 0.578)]
    [InlineData("White", 0.268)]
    public void Race_and_ethnicity_follow_Baltimore_City(string alone, double share)
    {
        var reported = Population.People.Count(p => p.RaceEthnicity is { Status: ReportStatus.Answered, Value: [var only] } && only == alone);
        Assert.InRange((double)reported / Population.People.Count, share - 0.04, share + 0.04);
        Assert.InRange(Population.People.Count(p => p.RaceEthnicity.Value?.Contains("Hispanic or Latino") == true) / 2000.0, 0.035, 0.09);
        Assert.Contains(Population.People, p => p.RaceEthnicity.Status == ReportStatus.Declined);
    }

    [Fact]
    public void Needs_come_only_from_positive_domains_of_completed_screenings_and_some_screens_are_left_to_resume()
    {
        var screenings = Population.Screenings.ToDictionary(s => s.Id);
        Assert.All(Population.Needs, n => Assert.Contains(n.Category, screenings[n.Screening!].Results.Where(r => r.Outcome == DomainOutcome.Positive).SelectMany(r => r.Categories)));
        Assert.Contains(Population.Screenings, s => s.Status == ScreeningStatus.InProgress && s.Next is not null);
        Assert.Contains(Population.Needs, n => n.Status == NeedStatus.Rejected);
        Assert.Contains(Population.Needs, n => n.Category == "sdoh-category-unspecified");
        Assert.All(Population.Consents, c => Assert.Empty(PersonConsent.Validate(c)));
    }
}
