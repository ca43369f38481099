using Braid.Core.Partnership;

namespace Braid.Core.Demo;

/// <summary>
/// The demo partnership's governance: its backbone, member organizations and three resident advisory
/// members; a charter amended once after a community convening, and a data-sharing agreement; the
/// members' signatures; and two decisions with the community input behind them.
/// </summary>
public static class DemoGovernance
{
    public sealed record Governance(IReadOnlyList<PartnershipMember> Members, IReadOnlyList<GovernanceDocument> Documents, IReadOnlyList<CommunityInput> Inputs, IReadOnlyList<Decision> Decisions);

    public static readonly string CharterId = DeterministicGuid.From("demo-governance:charter").ToString();

    private const string CharterV1 = """
        Purpose. We, the organizations of this partnership, join to connect every resident to the help they need, close every referral loop, and make sure race no longer predicts how anyone fares.
        Members. The partnership is made of its backbone organization, its member organizations from every sector, and resident advisory members who live in the communities we serve.
        Decisions. The steering committee decides by consensus, after hearing the community input on the question; each decision records the input that informed it.
        Data. Members share people's information only as each person consents, under the partnership's data-sharing agreement.
        """;

    private const string CharterV2 = CharterV1 + """

        Residents. Resident advisory members hold at least a third of the steering committee's seats and are paid for their time.
        """;

    private const string Agreement = """
        Scope. This agreement covers the personal information members exchange through Braid to screen, refer and follow up with the people they serve.
        Consent. A member discloses a person's information to another member only within the categories that person consented to share with that member, and records every disclosure.
        Security. Members keep shared information only as long as the referral needs it, protect it as health information, and report any breach to the backbone within 72 hours.
        Equity. De-identified outcomes are analysed by race and ethnicity, and the results are shared with residents every quarter.
        """;

    public static Governance Generate(OrganizationId backbone, IReadOnlyList<OrganizationId> organizations, DateOnly today)
    {
        var founded = today.AddYears(-2);
        string Id(string what) => DeterministicGuid.From("demo-governance:" + what).ToString();
        var members = new List<PartnershipMember> { new() { Id = Id("member:" + backbone), Role = MemberRole.Backbone, Organization = backbone, Since = founded } };
        members.AddRange(organizations.Where(o => o != backbone).Distinct().Select((o, i) => new PartnershipMember
        {
            Id = Id("member:" + o), Role = MemberRole.Organization, Organization = o, Since = founded.AddMonths(i % 6),
        }));
        members.AddRange(new[] { "Denise Carter", "Luis Ortega", "Grace Kim" }.Select((name, i) => new PartnershipMember
        {
            Id = Id("resident:" + i), Role = MemberRole.ResidentAdvisor, Name = name, Since = founded.AddMonths(3 + i),
        }));

        var convening = new CommunityInput(Id("input:convening"), InputKind.Convening, "Community convening on who decides", today.AddYears(-1).AddDays(-40), 64,
            "Residents asked for more than advice: a share of the seats where decisions are made, and pay for their time, as staff members are paid for theirs.");
        var focusGroup = new CommunityInput(Id("input:focus-group"), InputKind.FocusGroup, "Focus group with Spanish-speaking families", today.AddMonths(-5), 11,
            "Families said a referral text in English was easy to miss; several did not know a food pantry had called them back.");
        var comment = new CommunityInput(Id("input:comment"), InputKind.ResidentComment, "Comment at the spring symposium", today.AddMonths(-4), null,
            "A resident asked that referral outcomes by neighbourhood be shown at every quarterly meeting, not once a year.");
        var decisions = new List<Decision>
        {
            new(Id("decision:seats"), "Resident seats on the steering committee", "A third of the steering committee's seats go to resident advisory members, who are paid for their time; the charter is amended to say so.",
                "Steering committee", today.AddYears(-1), [convening.Id]),
            new(Id("decision:language"), "Referral messages in the person's language", "Every message to a person about a referral goes out in their language, and partners report outcomes by neighbourhood each quarter.",
                "Steering committee", today.AddMonths(-3), [focusGroup.Id, comment.Id]),
        };

        var organizationMembers = members.Where(m => m.Organization is not null).ToList();
        var residents = members.Where(m => m.Role == MemberRole.ResidentAdvisor).ToList();
        var charterSigned = founded.AddDays(14);
        var amended = today.AddYears(-1).AddDays(7);
        var charter = new GovernanceDocument(CharterId, DocumentKind.Charter, "Partnership charter",
            [new DocumentVersion(1, CharterV1, null, founded, "demo"), new DocumentVersion(2, CharterV2, "Resident seats on the steering committee.", amended, "demo")],
            [
                .. organizationMembers.Select(m => Sign(m, 1, charterSigned)),
                .. residents.Concat(organizationMembers.SkipLast(2)).Select(m => Sign(m, 2, amended.AddDays(10))), // two organizations have yet to sign the amended charter
            ]);
        var agreement = new GovernanceDocument(Id("document:agreement"), DocumentKind.DataSharingAgreement, "Data-sharing agreement",
            [new DocumentVersion(1, Agreement, null, founded.AddMonths(1), "demo")], [.. organizationMembers.Select(m => Sign(m, 1, founded.AddMonths(1).AddDays(20)))]);
        return new Governance(members, [charter, agreement], [convening, focusGroup, comment], decisions);
    }

    private static readonly string[] Directors = ["Angela Brooks", "Marcus Webb", "Rosa Delgado", "Samuel Okafor", "Helen Park", "David Levin", "Tanya Price", "Omar Haddad"];

    // An organization signs through its director, a resident in their own name.
    private static Signature Sign(PartnershipMember member, int version, DateOnly on) => new(member.Id, version,
        member.Name ?? Directors[(int)(DeterministicGuid.From(member.Id).ToByteArray()[0] % Directors.Length)], member.Name is null ? "Executive director" : null,
        new DateTimeOffset(on.ToDateTime(new TimeOnly(15, 0)), TimeSpan.Zero));
}
