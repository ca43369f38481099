using Braid.Core.Partnership;

namespace Braid.Core.Tests.Partnership;

/// <summary>Versions, signatures and decisions of the partnership's governance.</summary>
public sealed class GovernanceTests
{
    private static readonly DateOnly Today = new(2026, 12, 7);

    private static GovernanceDocument Charter(params Signature[] signatures) => new("c", DocumentKind.Charter, "Charter",
        [new DocumentVersion(1, "One", null, Today.AddYears(-1), "a"), new DocumentVersion(2, "Two", "more", Today.AddMonths(-1), "a")], signatures);

    private static Signature Signed(string member, int version) => new(member, version, "Ana", null, DateTimeOffset.UnixEpoch);

    [Fact]
    public void Members_who_signed_only_an_earlier_version_are_asked_again_and_those_who_never_signed_are_not()
    {
        var charter = Charter(Signed("a", 1), Signed("b", 1), Signed("b", 2), Signed("c", 2));
        Assert.Equal(2, charter.Current.Number);
        Assert.Equal(["b", "c"], charter.SignedCurrent.Order());
        Assert.Equal(["a"], charter.ToSignAgain);
    }

    [Fact]
    public void Only_the_current_version_is_signed_and_only_once()
    {
        var charter = Charter(Signed("b", 2));
        Assert.Null(charter.RefuseSignature("a", 2));
        Assert.Equal("document-version-not-current", charter.RefuseSignature("a", 1)?.Key);
        Assert.Equal("document-version-not-current", charter.RefuseSignature("a", 3)?.Key);
        Assert.Equal("document-signed-already", charter.RefuseSignature("b", 2)?.Key);
    }

    [Fact]
    public void A_decision_names_input_heard_on_or_before_its_day()
    {
        var heard = new CommunityInput("i", InputKind.FocusGroup, "Parents", Today.AddDays(-3), 8, "Said things.");
        var known = new Dictionary<string, CommunityInput> { ["i"] = heard };
        Decision Decide(DateOnly on, params string[] inputs) => new("d", "Title", "Text", "Steering committee", on, inputs);

        Assert.Empty(Decide(Today.AddDays(-3), "i").Validate(Today, known));
        Assert.Equal("decision-input-required", Decide(Today).Validate(Today, known)["inputs"].Key);
        Assert.Equal("decision-input-after", Decide(Today.AddDays(-4), "i").Validate(Today, known)["inputs"].Key);
        Assert.Equal("choice-unknown", Decide(Today, "x").Validate(Today, known)["inputs"].Key);
        Assert.Equal("date-in-future", Decide(Today.AddDays(1), "i").Validate(Today, known)["decided_on"].Key);
    }

    [Fact]
    public void A_resident_member_needs_a_name_and_an_organization_member_an_organization()
    {
        Assert.Equal(["name"], new PartnershipMember { Id = "r", Role = MemberRole.ResidentAdvisor, Since = Today }.Validate(Today).Keys);
        Assert.Equal(["organization"], new PartnershipMember { Id = "o", Role = MemberRole.Organization, Since = Today }.Validate(Today).Keys);
        Assert.Equal(["since"], new PartnershipMember { Id = "o", Role = MemberRole.Backbone, Organization = new OrganizationId("x"), Since = Today.AddDays(1) }.Validate(Today).Keys);
    }
}
