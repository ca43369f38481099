using System.Net;
using Braid.Core;
using Braid.Core.Access;
using Braid.Core.Demo;
using Braid.Core.Funding;
using Braid.Core.People;
using Braid.Core.Referrals;
using Braid.Core.Screening;
using Braid.Core.Directory.Hsds;
using Braid.Data;
using Braid.Data.Access;
using Braid.Data.Directory;
using Braid.Data.Funding;
using Braid.Data.People;
using Braid.Data.Referrals;
using Braid.Testing;
using Braid.Web.Access;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Braid.Web.Tests.Access;

/// <summary>
/// Every endpoint of the route table, called by every role, on a resource of the caller's own
/// organization, of another organization, and by the same role in another community; each call
/// must be allowed or denied exactly as the expectations written below say. An endpoint missing
/// from the expectations fails the test, so a new endpoint has to be placed in the matrix.
/// </summary>
public sealed class AuthorizationMatrixTests
{
    public static TheoryData<string> Providers => new(TestDatabases.Providers);

    private enum Scope { SameOrganization, OtherOrganization, OtherCommunity }

    /// <summary>Who may, written independently of AccessPolicy: role and scope in, allowed out.</summary>
    private static readonly Func<string?, Scope, bool> Anyone = (_, _) => true;

    /// <summary>No staff member, anonymous caller or API client: the person's own portal, or a sign-up halfway through.</summary>
    private static readonly Func<string?, Scope, bool> OnlyThePerson = (_, _) => false;
    private static readonly Func<string?, Scope, bool> OwnOrganizationAdmin = (role, scope) => role == Roles.OrgAdmin && scope == Scope.SameOrganization;
    private static readonly Func<string?, Scope, bool> OwnOrganizationStaff = (role, scope) => role is Roles.OrgAdmin or Roles.CboStaff && scope == Scope.SameOrganization;
    private static readonly Func<string?, Scope, bool> CommunityAdmin = (role, scope) => role == Roles.CommunityAdmin && scope != Scope.OtherCommunity;
    private static readonly Func<string?, Scope, bool> SignedInHere = (role, scope) => role is not null;
    private static readonly Func<string?, Scope, bool> Analysts = (role, scope) => role is Roles.Analyst or Roles.CommunityAdmin && scope != Scope.OtherCommunity;
    private static readonly Func<string?, Scope, bool> StaffHere = (role, scope) => role is not null && scope != Scope.OtherCommunity;
    private static readonly Func<string?, Scope, bool> Finance = (role, scope) => role == Roles.Finance && scope != Scope.OtherCommunity;
    private static readonly Func<string?, Scope, bool> FundingReaders = (role, scope) => role is Roles.Finance or Roles.Funder && scope != Scope.OtherCommunity;

    /// <summary>The stream's own funder (the matrix's streams are funded by their target organization), or the intermediary.</summary>
    private static readonly Func<string?, Scope, bool> StreamReaders = (role, scope) => Finance(role, scope) || (role == Roles.Funder && scope == Scope.SameOrganization);
    private static readonly Func<string?, Scope, bool> ValueCurveReaders = (role, scope) => role is Roles.Analyst or Roles.CommunityAdmin or Roles.OrgAdmin && scope != Scope.OtherCommunity;

    /// <summary>Analysts and community administrators read any organization's curve; its own administrators read theirs.</summary>
    private static readonly Func<string?, Scope, bool> CurveOfTheOrganization = (role, scope) => Analysts(role, scope) || OwnOrganizationAdmin(role, scope);
    /// <summary>The demo cohort's participants (DemoLearning): the navigator, the CBO's staff member and administrator, the funder and the analyst.</summary>
    private static readonly Func<string?, Scope, bool> CohortParticipants = (role, scope) => role is Roles.Navigator or Roles.CboStaff or Roles.OrgAdmin or Roles.Funder or Roles.Analyst && scope != Scope.OtherCommunity;
    private static readonly Func<string?, Scope, bool> ServiceProviders = (role, scope) => role is Roles.OrgAdmin or Roles.CboStaff && scope != Scope.OtherCommunity;
    private static readonly Func<string?, Scope, bool> PeopleStaff = (role, scope) => role is Roles.Navigator or Roles.CboStaff or Roles.OrgAdmin && scope != Scope.OtherCommunity;

    /// <summary>Staff who serve people, of the organization on a side of the referral (the matrix's referrals go from the target organization to one outside the matrix).</summary>
    private static readonly Func<string?, Scope, bool> ReferralSide = (role, scope) => PeopleStaff(role, scope) && scope == Scope.SameOrganization;

    /// <summary>Navigators and administrators of the organization that registered the person hold the record (no consent in the matrix names anyone who could read).</summary>
    private static readonly Func<string?, Scope, bool> Custodian = (role, scope) => role is Roles.Navigator or Roles.OrgAdmin && scope == Scope.SameOrganization;
    private static readonly Func<string?, Scope, bool> BreakGlass = (role, scope) => Custodian(role, scope) || role is Roles.Navigator or Roles.CboStaff && scope != Scope.OtherCommunity;

    /// <summary>
    /// One call: the route pattern it exercises, how to make it, and who may. A call whose input is
    /// wrong on purpose (an empty name, a wrong password) proves it reached its handler when it gets
    /// the status the handler gives that input (<see cref="RefusedInput"/>); any other 400, and any
    /// 5xx, is a failure, never "allowed".
    /// </summary>
    private sealed record Call(string Pattern, string Method, Func<Target, string> Url, Func<string?, Scope, bool> Allowed,
        Func<Target, Dictionary<string, string>>? Form = null, Func<Target, object>? Json = null, HttpStatusCode? RefusedInput = null,
        Func<string, Scope, bool>? Clients = null)
    {
        /// <summary>The Razor Page handler it calls (?handler=…), or null for the default one and for APIs.</summary>
        public string? Handler => Url(Sample).Split("?handler=") is [_, var rest] ? rest.Split('&')[0] : null;

        public bool IsPage => !Pattern.StartsWith("api/", StringComparison.Ordinal) && !Pattern.StartsWith("hsds", StringComparison.Ordinal)
                              && !Pattern.StartsWith("oauth", StringComparison.Ordinal) && !Pattern.StartsWith("openapi", StringComparison.Ordinal) && !Pattern.StartsWith("fhir", StringComparison.Ordinal) && Pattern != "equity/report.css";

        /// <summary>
        /// Which API clients (by scope) may: the public directory with directory.read (a token is
        /// held to its scopes), other public endpoints and pages always (pages ignore bearer tokens);
        /// staff pages and everything else never.
        /// </summary>
        public bool AllowsClient(string scope, Scope where) =>
            Clients?.Invoke(scope, where) ?? (Allowed == Anyone && (!ReadsDirectory || scope == Scopes.DirectoryRead));

        private bool ReadsDirectory => Pattern.StartsWith("hsds", StringComparison.Ordinal) || Pattern.StartsWith("api/directory", StringComparison.Ordinal);

        private static readonly Target Sample = new("o", "s", "c", "t", "x", "p", "sc", "n", "g", "co", "r", "st");
    }

    /// <summary>API clients with person.read: any may search (results follow consent); a person's record is its holder's.</summary>
    private static readonly Func<string, Scope, bool> PersonReaders = (scope, _) => scope == Scopes.PersonRead;
    private static readonly Func<string, Scope, bool> HoldingSystems = (scope, where) => scope == Scopes.PersonRead && where == Scope.SameOrganization;

    /// <summary>API clients with referral.read search (finding only their organization's referrals); with referral.write they order and update.</summary>
    private static readonly Func<string, Scope, bool> ReferralReaders = (scope, _) => scope == Scopes.ReferralRead;
    private static readonly Func<string, Scope, bool> ReferralWriters = (scope, _) => scope == Scopes.ReferralWrite;

    /// <summary>API clients with directory.write, of the listing's own organization: the listings API.</summary>
    private static readonly Func<string, Scope, bool> OwnWriteClients = (scope, where) => scope == Scopes.DirectoryWrite && where == Scope.SameOrganization;

    /// <summary>The resources a call is aimed at: an organization, one of its listings, and a person it registered with a screening, need, goal and consent.</summary>
    private sealed record Target(string OrganizationId, string ServiceAtLocationId, string ClientId, string TokenClientId, string TokenSecret,
        string Person, string Screening, string Need, string Goal, string Consent, string Referral, string Stream);

    private static readonly Call[] Calls =
    [
        new("api/directory/search", "GET", _ => "/api/directory/search?need=food-insecurity", Anyone),
        new("hsds/", "GET", _ => "/hsds/", Anyone),
        new("hsds/services", "GET", _ => "/hsds/services", Anyone),
        new("hsds/services/{id}", "GET", _ => "/hsds/services/" + Guid.NewGuid(), Anyone),
        new("hsds/organizations", "GET", _ => "/hsds/organizations", Anyone),
        new("hsds/organizations/{id}", "GET", t => "/hsds/organizations/" + t.OrganizationId, Anyone),
        new("hsds/service_at_locations", "GET", _ => "/hsds/service_at_locations", Anyone),
        new("hsds/service_at_locations/{id}", "GET", t => "/hsds/service_at_locations/" + t.ServiceAtLocationId, Anyone),
        new("hsds/taxonomies", "GET", _ => "/hsds/taxonomies", Anyone),
        new("hsds/taxonomies/{id}", "GET", _ => "/hsds/taxonomies/" + Guid.NewGuid(), Anyone),
        new("hsds/taxonomy_terms", "GET", _ => "/hsds/taxonomy_terms", Anyone),
        new("hsds/taxonomy_terms/{id}", "GET", _ => "/hsds/taxonomy_terms/" + Guid.NewGuid(), Anyone),
        new("openapi/{documentName}.json", "GET", _ => "/openapi/v1.json", Anyone),
        new("oauth/token", "POST", _ => "/oauth/token", Anyone, t => new() { ["grant_type"] = "client_credentials", ["client_id"] = t.TokenClientId, ["client_secret"] = t.TokenSecret }),
        new("api/organizations/{organizationId}/clients/", "GET", t => $"/api/organizations/{t.OrganizationId}/clients", OwnOrganizationAdmin),
        new("api/organizations/{organizationId}/clients/", "POST", t => $"/api/organizations/{t.OrganizationId}/clients", OwnOrganizationAdmin, Json: _ => new { name = "matrix", scopes = new[] { "directory.read" } }),
        new("api/organizations/{organizationId}/clients/{clientId}/rotate", "POST", t => $"/api/organizations/{t.OrganizationId}/clients/{t.ClientId}/rotate", OwnOrganizationAdmin),
        new("api/organizations/{organizationId}/clients/{clientId}/revoke", "POST", t => $"/api/organizations/{t.OrganizationId}/clients/{Guid.NewGuid()}/revoke", OwnOrganizationAdmin),
        new("api/listings/{serviceAtLocationId}", "GET", t => "/api/listings/" + t.ServiceAtLocationId, OwnOrganizationStaff, Clients: OwnWriteClients),
        new("api/listings/{serviceAtLocationId}", "PUT", t => "/api/listings/" + t.ServiceAtLocationId, OwnOrganizationStaff, Json: _ => new { name = "" }, RefusedInput: HttpStatusCode.BadRequest, Clients: OwnWriteClients),
        new("api/listings/{serviceAtLocationId}/verify", "POST", t => $"/api/listings/{t.ServiceAtLocationId}/verify", OwnOrganizationStaff, Clients: OwnWriteClients),
        new("api/audit/", "GET", _ => "/api/audit?action=account.sign-in", CommunityAdmin),
        new("api/equity/report", "POST", _ => "/api/equity/report", Analysts, Json: _ => new { source = "demo", outcome = "need_met", by = "race" }),
        new("equity/report.css", "GET", _ => "/equity/report.css", Anyone),
        new("equity", "GET", _ => "/equity", Analysts),
        new("equity", "POST", _ => "/equity", Analysts, _ => new() { ["by"] = "race" }),
        new("equity/referrals", "GET", _ => "/equity/referrals", Analysts),
        new("equity/context", "GET", _ => "/equity/context", Analysts),
        new("equity/context", "POST", _ => "/equity/context", Analysts, _ => []),
        new("", "GET", _ => "/", Anyone),
        new("search", "GET", _ => "/search?zip=21217", Anyone),
        new("services/{id}", "GET", t => "/services/" + t.ServiceAtLocationId, Anyone),
        // A resource list's short link is public (it holds listings only); making and sending lists is for staff who serve people. No list has these codes: 404 when allowed.
        new("l/{code}", "GET", _ => "/l/zzzzzzzz", Anyone),
        new("lists/new", "GET", t => "/lists/new?sal=" + t.ServiceAtLocationId, PeopleStaff),
        new("lists/new", "POST", _ => "/lists/new", PeopleStaff, _ => new() { ["language"] = "en" }, RefusedInput: HttpStatusCode.BadRequest),
        new("lists/{code}", "GET", _ => "/lists/zzzzzzzz", PeopleStaff),
        new("lists/{code}", "POST", _ => "/lists/zzzzzzzz?handler=Send", PeopleStaff, _ => new() { ["to"] = "someone@example.org" }),
        // Saved searches are each staff member's own: no one else's can be removed (404 alike).
        new("searches", "GET", _ => "/searches", StaffHere),
        new("searches", "POST", _ => "/searches", StaffHere, _ => new() { ["name"] = "", ["need"] = "food-insecurity" }, RefusedInput: HttpStatusCode.BadRequest),
        new("searches", "POST", _ => "/searches?handler=Remove", StaffHere, _ => new() { ["id"] = Guid.NewGuid().ToString() }),
        // A referral link's token is its only credential: without a real one, the page answers 404 to everyone alike.
        new("r/{token}", "GET", _ => "/r/brl_" + Guid.NewGuid().ToString("N"), Anyone),
        new("r/{token}", "POST", _ => "/r/brl_" + Guid.NewGuid().ToString("N"), Anyone, _ => new() { ["status"] = "accepted" }),
        new("r/{token}", "POST", _ => $"/r/brl_{Guid.NewGuid():N}?handler=Feedback", Anyone, _ => new() { ["respectful"] = "yes" }),
        // The person's own door: staff are nobody there (their session is not the person's), and a wrong contact or code is refused alike.
        new("me/sign-in", "GET", _ => "/me/sign-in", Anyone),
        new("me/sign-in", "POST", _ => "/me/sign-in", Anyone, _ => new() { ["contact"] = "not a contact" }, RefusedInput: HttpStatusCode.BadRequest),
        new("me/code", "GET", _ => "/me/code?contact=someone%40example.org", Anyone),
        new("me/code", "POST", _ => "/me/code", Anyone, _ => new() { ["contact"] = "someone@example.org", ["code"] = "12345" }, RefusedInput: HttpStatusCode.BadRequest),
        new("me/welcome", "GET", _ => "/me/welcome", OnlyThePerson),
        new("me/welcome", "POST", _ => "/me/welcome", OnlyThePerson, _ => new() { ["givenName"] = "Rosa" }),
        new("me", "GET", _ => "/me", OnlyThePerson),
        new("me", "POST", _ => "/me?handler=Decide", OnlyThePerson, t => new() { ["need"] = t.Need, ["accept"] = "true" }),
        new("me", "POST", _ => "/me?handler=AddNeed", OnlyThePerson, _ => new() { ["category"] = "transportation-insecurity" }),
        new("me/needs/{need}/refer", "GET", t => $"/me/needs/{t.Need}/refer", OnlyThePerson),
        new("me/needs/{need}/refer", "POST", t => $"/me/needs/{t.Need}/refer", OnlyThePerson, _ => new() { ["service"] = "" }, RefusedInput: HttpStatusCode.BadRequest),
        new("me", "POST", _ => "/me?handler=Rank", OnlyThePerson, t => new() { ["order"] = t.Need }),
        new("me", "POST", _ => "/me?handler=Goal", OnlyThePerson, _ => new() { ["text"] = "matrix goal" }),
        new("me", "POST", _ => "/me?handler=Revoke", OnlyThePerson, t => new() { ["consent"] = t.Consent }),
        new("me", "POST", _ => "/me?handler=Cancel", OnlyThePerson, t => new() { ["referral"] = t.Referral }),
        new("me", "POST", _ => "/me?handler=Screen", OnlyThePerson, _ => new() { ["instrument"] = "hunger-vital-sign" }),
        new("me/referrals/{id}/feedback", "GET", t => $"/me/referrals/{t.Referral}/feedback", OnlyThePerson),
        new("me/referrals/{id}/feedback", "POST", t => $"/me/referrals/{t.Referral}/feedback", OnlyThePerson, _ => new() { ["respectful"] = "maybe" }, RefusedInput: HttpStatusCode.BadRequest),
        new("me/print", "GET", _ => "/me/print", OnlyThePerson),
        new("me/consent", "GET", _ => "/me/consent", OnlyThePerson),
        new("me/consent", "POST", _ => "/me/consent", OnlyThePerson, _ => new() { ["Form.Grantee"] = "" }, RefusedInput: HttpStatusCode.BadRequest),
        new("me/screenings/{screeningId}", "GET", t => "/me/screenings/" + t.Screening, OnlyThePerson),
        new("me/screenings/{screeningId}", "POST", t => $"/me/screenings/{t.Screening}?handler=Answer&item=88122-7", OnlyThePerson, _ => new() { ["codes"] = "LA28397-0" }),
        new("me/screenings/{screeningId}", "POST", t => $"/me/screenings/{t.Screening}?handler=Complete", OnlyThePerson),
        new("me/export", "GET", _ => "/me/export", OnlyThePerson),
        new("me/delete", "GET", _ => "/me/delete", OnlyThePerson),
        new("me/delete", "POST", _ => "/me/delete", OnlyThePerson, _ => new() { ["confirm"] = "false" }, RefusedInput: HttpStatusCode.BadRequest),
        new("me/sign-out", "GET", _ => "/me/sign-out", OnlyThePerson),
        new("me/sign-out", "POST", _ => "/me/sign-out", OnlyThePerson),
        new("account/sign-in", "GET", _ => "/account/sign-in", Anyone),
        new("account/sign-out", "GET", _ => "/account/sign-out", Anyone),
        new("account/forgot-password", "GET", _ => "/account/forgot-password", Anyone),
        new("account/reset-password", "GET", _ => "/account/reset-password", Anyone),
        new("account/denied", "GET", _ => "/account/denied", Anyone),
        new("account/security", "GET", _ => "/account/security", SignedInHere),
        new("dev/outbox", "GET", _ => "/dev/outbox", CommunityAdmin),
        new("health/live", "GET", _ => "/health/live", Anyone),
        new("health/ready", "GET", _ => "/health/ready", Anyone),
        new("manage", "GET", _ => "/manage", SignedInHere),
        new("manage", "POST", t => "/manage?handler=Claim", OwnOrganizationAdmin, t => new() { ["organizationId"] = t.OrganizationId }),
        new("manage", "POST", t => "/manage?handler=Verify", OwnOrganizationStaff, t => new() { ["serviceAtLocationId"] = t.ServiceAtLocationId }),
        new("manage/listings/{id}", "GET", t => "/manage/listings/" + t.ServiceAtLocationId, OwnOrganizationStaff),
        new("manage/listings/{id}", "POST", t => "/manage/listings/" + t.ServiceAtLocationId, OwnOrganizationStaff, _ => new() { ["Form.Name"] = "" }, RefusedInput: HttpStatusCode.BadRequest),
        new("manage/listings/{id}/history", "GET", t => $"/manage/listings/{t.ServiceAtLocationId}/history", OwnOrganizationStaff),
        new("manage/claims", "GET", _ => "/manage/claims", CommunityAdmin),
        new("manage/claims", "POST", t => "/manage/claims", CommunityAdmin, t => new() { ["organizationId"] = t.OrganizationId, ["decision"] = "Reject" }),
        new("manage/audit", "GET", _ => "/manage/audit?action=account.sign-in", CommunityAdmin),
        new("manage/freshness", "GET", _ => "/manage/freshness", CommunityAdmin),
        new("manage/freshness", "POST", _ => "/manage/freshness", CommunityAdmin, _ => []),
        new("gaps", "GET", _ => "/gaps", Analysts),
        new("value-curve", "GET", _ => "/value-curve", ValueCurveReaders),
        new("value-curve/{id}", "GET", t => "/value-curve/" + t.OrganizationId, CurveOfTheOrganization),
        new("value-curve/{id}", "POST", t => $"/value-curve/{t.OrganizationId}?handler=Assess", OwnOrganizationAdmin, _ => new() { ["assessedOn"] = "someday" }, RefusedInput: HttpStatusCode.BadRequest),
        new("value-curve/{id}", "POST", t => $"/value-curve/{t.OrganizationId}?handler=Plan", OwnOrganizationAdmin, _ => new() { ["dimension"] = "luck" }, RefusedInput: HttpStatusCode.BadRequest),
        new("value-curve/rubric", "GET", _ => "/value-curve/rubric", ValueCurveReaders),
        new("value-curve/rubric", "POST", _ => "/value-curve/rubric", CommunityAdmin, _ => new() { ["rubric-people-and-culture-1"] = new string('x', 2001) }, RefusedInput: HttpStatusCode.BadRequest),
        new("measures", "GET", _ => "/measures", ValueCurveReaders),
        new("measures/{id}", "GET", _ => "/measures/" + DemoMeasures.Generate(new OrganizationId("any"))[0].Id, ValueCurveReaders),
        new("measures/define/{id?}", "GET", _ => "/measures/define", Analysts),
        new("measures/define/{id?}", "POST", _ => "/measures/define", Analysts, _ => new() { ["name"] = "" }, RefusedInput: HttpStatusCode.BadRequest),
        new("partnership", "GET", _ => "/partnership", StaffHere),
        new("partnership", "POST", _ => "/partnership?handler=Member", CommunityAdmin, _ => new() { ["role"] = "Emperor" }, RefusedInput: HttpStatusCode.BadRequest),
        new("partnership", "POST", _ => "/partnership?handler=Document", CommunityAdmin, _ => new() { ["kind"] = "Charter", ["title"] = "" }, RefusedInput: HttpStatusCode.BadRequest),
        new("partnership", "POST", _ => "/partnership?handler=Input", CommunityAdmin, _ => new() { ["kind"] = "Convening", ["heldOn"] = "someday" }, RefusedInput: HttpStatusCode.BadRequest),
        new("partnership", "POST", _ => "/partnership?handler=Decision", CommunityAdmin, _ => new() { ["decidedOn"] = "someday" }, RefusedInput: HttpStatusCode.BadRequest),
        new("partnership/documents/{id}", "GET", _ => "/partnership/documents/" + DemoGovernance.CharterId, StaffHere),
        new("partnership/documents/{id}", "POST", _ => $"/partnership/documents/{DemoGovernance.CharterId}?handler=Sign", CommunityAdmin, _ => new() { ["member"] = "nobody" }, RefusedInput: HttpStatusCode.BadRequest),
        new("partnership/documents/{id}", "POST", _ => $"/partnership/documents/{DemoGovernance.CharterId}?handler=Publish", CommunityAdmin, _ => new() { ["text"] = "" }, RefusedInput: HttpStatusCode.BadRequest),
        new("learning", "GET", _ => "/learning", StaffHere),
        new("learning", "POST", _ => "/learning", CommunityAdmin, _ => new() { ["framework"] = "Leadership", ["start"] = "someday" }, RefusedInput: HttpStatusCode.BadRequest),
        new("learning/cohorts/{id}", "GET", _ => "/learning/cohorts/" + DemoLearning.CohortId, StaffHere),
        new("learning/cohorts/{id}", "POST", _ => $"/learning/cohorts/{DemoLearning.CohortId}?handler=Participant", CommunityAdmin, _ => new() { ["user"] = "nobody" }, RefusedInput: HttpStatusCode.BadRequest),
        new("learning/cohorts/{id}", "POST", _ => $"/learning/cohorts/{DemoLearning.CohortId}?handler=Session", CommunityAdmin, _ => new() { ["kind"] = "Nap" }, RefusedInput: HttpStatusCode.BadRequest),
        new("learning/cohorts/{id}", "POST", _ => $"/learning/cohorts/{DemoLearning.CohortId}?handler=Attendance", CommunityAdmin, _ => new() { ["session"] = "none" }, RefusedInput: HttpStatusCode.BadRequest),
        new("learning/cohorts/{id}", "POST", _ => $"/learning/cohorts/{DemoLearning.CohortId}?handler=Pair", CommunityAdmin, _ => new() { ["kind"] = "Mentoring" }, RefusedInput: HttpStatusCode.BadRequest),
        new("learning/cohorts/{id}", "POST", _ => $"/learning/cohorts/{DemoLearning.CohortId}?handler=Reflect", CohortParticipants, _ => new() { ["text"] = "" }, RefusedInput: HttpStatusCode.BadRequest),
        new("funding", "GET", _ => "/funding", Finance),
        new("funding", "POST", _ => "/funding?handler=Allocate", Finance, _ => new() { ["month"] = "someday" }, RefusedInput: HttpStatusCode.BadRequest),
        new("funding", "POST", _ => "/funding?handler=Pay", Finance, _ => new() { ["invoiceId"] = Guid.NewGuid().ToString() }),
        new("funding", "POST", _ => "/funding?handler=Reverse", Finance, _ => new() { ["entryId"] = Guid.NewGuid().ToString() }),
        new("funding/streams", "GET", _ => "/funding/streams", FundingReaders),
        new("funding/streams/new", "GET", _ => "/funding/streams/new", Finance),
        new("funding/streams/new", "POST", _ => "/funding/streams/new", Finance, _ => new() { ["Form.Name"] = "" }, RefusedInput: HttpStatusCode.BadRequest),
        new("funding/streams/{id}", "GET", t => "/funding/streams/" + t.Stream, StreamReaders),
        new("funding/streams/{id}", "GET", t => $"/funding/streams/{t.Stream}?handler=Csv", StreamReaders),
        new("funding/streams/{id}", "POST", t => $"/funding/streams/{t.Stream}?handler=Authorize", Finance, _ => new() { ["provider"] = "" }, RefusedInput: HttpStatusCode.BadRequest),
        new("funding/invoices", "GET", _ => "/funding/invoices", ServiceProviders),
        new("funding/invoices", "POST", _ => "/funding/invoices", OwnOrganizationStaff, t => new() { ["organizationId"] = t.OrganizationId, ["month"] = "someday" }, RefusedInput: HttpStatusCode.BadRequest),
        new("fhir/metadata", "GET", _ => "/fhir/metadata", Anyone),
        new("fhir/Patient", "GET", _ => "/fhir/Patient?name=Ruiz", PeopleStaff, Clients: PersonReaders),
        new("fhir/Patient/{id}", "GET", t => "/fhir/Patient/" + t.Person, Custodian, Clients: HoldingSystems),
        new("fhir/{type}", "GET", t => "/fhir/Condition?patient=" + t.Person, Custodian, Clients: HoldingSystems),
        new("fhir/{type}/{id}", "GET", t => "/fhir/Goal/" + t.Goal, Custodian, Clients: HoldingSystems),
        new("fhir/QuestionnaireResponse", "POST", _ => "/fhir/QuestionnaireResponse", PeopleStaff, Json: _ => new { resourceType = "Patient" }, RefusedInput: HttpStatusCode.BadRequest,
            Clients: (scope, _) => scope == Scopes.ScreeningWrite),
        new("fhir/ServiceRequest", "GET", _ => "/fhir/ServiceRequest", PeopleStaff, Clients: ReferralReaders),
        new("fhir/Task", "GET", _ => "/fhir/Task?status=requested", PeopleStaff, Clients: ReferralReaders),
        new("fhir/ServiceRequest/{id}", "GET", t => "/fhir/ServiceRequest/" + t.Referral, ReferralSide, Clients: (scope, where) => scope == Scopes.ReferralRead && where == Scope.SameOrganization),
        new("fhir/Task/{id}", "GET", t => "/fhir/Task/" + t.Referral, ReferralSide, Clients: (scope, where) => scope == Scopes.ReferralRead && where == Scope.SameOrganization),
        new("fhir/ServiceRequest", "POST", _ => "/fhir/ServiceRequest", PeopleStaff, Json: _ => new { resourceType = "Patient" }, RefusedInput: HttpStatusCode.BadRequest, Clients: ReferralWriters),
        new("fhir/Task", "POST", _ => "/fhir/Task", PeopleStaff, Json: _ => new { resourceType = "Patient" }, RefusedInput: HttpStatusCode.BadRequest, Clients: ReferralWriters),
        new("fhir/Task/{id}", "PUT", t => "/fhir/Task/" + t.Referral, PeopleStaff, Json: _ => new { resourceType = "Patient" }, RefusedInput: HttpStatusCode.BadRequest, Clients: ReferralWriters),
        new("fhir/Subscription", "POST", _ => "/fhir/Subscription", PeopleStaff, Json: _ => new { resourceType = "Patient" }, RefusedInput: HttpStatusCode.BadRequest, Clients: ReferralReaders),
        new("fhir/Subscription/{id}", "GET", _ => "/fhir/Subscription/" + Guid.NewGuid(), PeopleStaff, Clients: ReferralReaders),
        new("fhir/Subscription/{id}", "DELETE", _ => "/fhir/Subscription/" + Guid.NewGuid(), PeopleStaff, Clients: ReferralReaders),
        new("people", "GET", _ => "/people?name=Ruiz", PeopleStaff),
        new("people/new", "GET", _ => "/people/new", PeopleStaff),
        new("people/new", "POST", _ => "/people/new", PeopleStaff, _ => new() { ["Form.GivenName"] = "" }, RefusedInput: HttpStatusCode.BadRequest),
        new("people/import", "GET", _ => "/people/import", PeopleStaff),
        new("people/import", "POST", _ => "/people/import", PeopleStaff, _ => [], RefusedInput: HttpStatusCode.BadRequest),
        new("people/{id}", "GET", t => "/people/" + t.Person, Custodian),
        new("people/{id}", "POST", t => $"/people/{t.Person}?handler=BreakGlass", BreakGlass, _ => new() { ["reason"] = "matrix emergency" }),
        new("people/{id}", "POST", t => $"/people/{t.Person}?handler=Decide", Custodian, t => new() { ["need"] = t.Need, ["accept"] = "true" }),
        new("people/{id}", "POST", t => $"/people/{t.Person}?handler=Rank", Custodian, t => new() { ["order"] = t.Need }),
        new("people/{id}", "POST", t => $"/people/{t.Person}?handler=AddNeed", Custodian, _ => new() { ["category"] = "no-such-need" }, RefusedInput: HttpStatusCode.BadRequest),
        new("people/{id}", "POST", t => $"/people/{t.Person}?handler=Goal", Custodian, _ => new() { ["text"] = "" }, RefusedInput: HttpStatusCode.BadRequest),
        new("people/{id}", "POST", t => $"/people/{t.Person}?handler=GoalStatus", Custodian, t => new() { ["goal"] = t.Goal, ["status"] = "Improving" }),
        new("people/{id}", "POST", t => $"/people/{t.Person}?handler=GoalStatus", Custodian, t => new() { ["goal"] = t.Goal, ["status"] = "Fabulous" }, RefusedInput: HttpStatusCode.BadRequest),
        new("people/{id}", "POST", t => $"/people/{t.Person}?handler=Screen", Custodian, _ => new() { ["instrument"] = "hunger-vital-sign" }),
        new("people/{id}", "POST", t => $"/people/{t.Person}?handler=Screen", Custodian, _ => new() { ["instrument"] = "phq-9" }, RefusedInput: HttpStatusCode.BadRequest),
        new("people/{id}", "POST", t => $"/people/{t.Person}?handler=Merge", Custodian, _ => new() { ["duplicate"] = "no-such-person" }, RefusedInput: HttpStatusCode.BadRequest),
        new("people/{id}", "POST", t => $"/people/{t.Person}?handler=Invite", Custodian),
        new("people/{id}", "POST", t => $"/people/{t.Person}?handler=Unmerge", Custodian, _ => new() { ["duplicate"] = "no-such-person" }, RefusedInput: HttpStatusCode.NotFound),
        new("people/{id}/screenings/{screeningId}", "GET", t => $"/people/{t.Person}/screenings/{t.Screening}", Custodian),
        new("people/{id}/screenings/{screeningId}", "POST", t => $"/people/{t.Person}/screenings/{t.Screening}?handler=Answer&item=88122-7", Custodian, _ => new() { ["codes"] = "LA28398-8" }),
        new("people/{id}/screenings/{screeningId}", "POST", t => $"/people/{t.Person}/screenings/{t.Screening}?handler=Complete", Custodian),
        new("people/{id}/consent", "GET", t => $"/people/{t.Person}/consent", Custodian),
        new("people/{id}/consent", "POST", t => $"/people/{t.Person}/consent", Custodian, _ => new() { ["Form.Grantee"] = "" }, RefusedInput: HttpStatusCode.BadRequest),
        new("people/{id}/refer", "GET", t => $"/people/{t.Person}/refer?need={t.Need}&category=food-insecurity", PeopleStaff),
        new("people/{id}/refer", "POST", t => $"/people/{t.Person}/refer?need={t.Need}", Custodian, _ => new() { ["Form.Kind"] = "Direct" }, RefusedInput: HttpStatusCode.BadRequest),
        new("referrals", "GET", _ => "/referrals?status=all", PeopleStaff),
        new("referrals/feedback", "GET", _ => "/referrals/feedback", PeopleStaff),
        new("referrals/{id}", "GET", t => "/referrals/" + t.Referral, ReferralSide),
        new("referrals/{id}", "POST", t => $"/referrals/{t.Referral}?handler=Move", ReferralSide, _ => new() { ["to"] = "finished", ["version"] = "1" }, RefusedInput: HttpStatusCode.BadRequest),
        new("referrals/{id}", "POST", t => $"/referrals/{t.Referral}?handler=Complete", ReferralSide, _ => new() { ["service"] = "", ["version"] = "1" }, RefusedInput: HttpStatusCode.BadRequest),
        new("referrals/{id}", "POST", t => $"/referrals/{t.Referral}?handler=Contact", ReferralSide, _ => new() { ["reached"] = "false", ["version"] = "1" }),
        new("referrals/{id}", "POST", t => $"/referrals/{t.Referral}?handler=AssignToMe", ReferralSide, _ => new() { ["version"] = "1" }),
        new("referrals/{id}", "POST", t => $"/referrals/{t.Referral}?handler=ResendLink", ReferralSide),
        new("people/{id}", "POST", t => $"/people/{t.Person}?handler=Revoke", Custodian, t => new() { ["consent"] = t.Consent }),
        // Last, in this order: a failed sign-in starts a new session and signing out ends it.
        new("account/forgot-password", "POST", _ => "/account/forgot-password", Anyone, _ => new() { ["email"] = "nobody@example.org" }),
        new("account/reset-password", "POST", _ => "/account/reset-password", Anyone, _ => new() { ["email"] = "nobody@example.org", ["token"] = "x", ["password"] = "A-new-password-2026" }, RefusedInput: HttpStatusCode.BadRequest),
        new("account/security", "POST", _ => "/account/security?handler=Enable", SignedInHere, _ => new() { ["code"] = "000000" }, RefusedInput: HttpStatusCode.BadRequest),
        new("account/security", "POST", _ => "/account/security?handler=Disable", SignedInHere),
        new("account/sign-in", "POST", _ => "/account/sign-in", Anyone, _ => new() { ["email"] = "nobody@example.org", ["password"] = "not-a-password" }, RefusedInput: HttpStatusCode.Unauthorized),
        new("account/sign-out", "POST", _ => "/account/sign-out", Anyone),
    ];

    [Fact]
    public async Task Every_endpoint_in_the_route_table_is_in_the_matrix()
    {
        await using var app = await BraidApp.StartAsync(TestDatabases.Sqlite);
        _ = app.CreateClient();
        // (method, route, page handler): a new MapDelete in a group or a new OnPostX handler needs its own row.
        var loader = app.Services.GetRequiredService<PageLoader>();
        var routes = new HashSet<(string Method, string Pattern, string? Handler)>();
        foreach (var endpoint in app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var pattern = endpoint.RoutePattern.RawText!.TrimStart('/');
            if (endpoint.Metadata.GetMetadata<PageActionDescriptor>() is { } page)
            {
                var compiled = await loader.LoadAsync(page, endpoint.Metadata);
                foreach (var handler in compiled.HandlerMethods) routes.Add((handler.HttpMethod.ToUpperInvariant(), pattern, handler.Name));
            }
            else
            {
                foreach (var method in endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["*"]) routes.Add((method, pattern, null));
            }
        }

        var called = Calls.Select(c => (c.Method, c.Pattern, c.Handler)).ToHashSet();
        Assert.True(routes.SetEquals(called), "in the route table, not in the matrix: " + string.Join("; ", routes.Except(called)) +
                                               "\nin the matrix, not in the route table: " + string.Join("; ", called.Except(routes)));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Every_role_is_allowed_or_denied_exactly_as_expected(string provider)
    {
        // Every actor posts the password forms; the per-address rate limit would otherwise answer 429.
        await using var app = new BraidApp(await TestDatabases.CreateEmptyAsync(provider), settings: new Dictionary<string, string> { ["Braid:SecretFormsPerMinute"] = "10000" });
        _ = app.CreateClient();
        await using var db = DatabaseOptions.CreateContext(app.ConnectionString);
        var memberships = db.Memberships.ToList();
        var organizations = memberships.Select(m => m.OrganizationId).Distinct().ToList();
        var targets = new Dictionary<string, Target>();
        foreach (var organization in organizations) targets[organization] = await TargetAsync(app, db, organization);
        await CreateOutsidersAsync(app, memberships);

        var failures = new List<string>();
        foreach (var role in Roles.All.Prepend(null))
        {
            foreach (var scope in Enum.GetValues<Scope>())
            {
                if (role is null && scope != Scope.SameOrganization) continue; // nobody signed in has no organization
                var own = role is null ? organizations[0] : memberships.Single(m => m.Role == role).OrganizationId;
                var target = targets[scope == Scope.OtherOrganization ? organizations.First(o => o != own) : own];
                var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
                if (role is not null)
                {
                    var email = scope == Scope.OtherCommunity ? $"outsider-{role}@elsewhere.example" : DemoAccounts.Email(role);
                    Assert.Equal(HttpStatusCode.Redirect, (await SignInTests.PostSignInAsync(client, email, BraidApp.DemoPassword)).StatusCode);
                }

                var token = SignInTests.Token(await client.GetStringAsync(role is null ? "/account/sign-in" : "/"));
                // The portal has its own session: its forms carry a token made there.
                var portalToken = SignInTests.Token(await client.GetStringAsync("/me/sign-in"));
                foreach (var call in Calls)
                {
                    var response = await SendAsync(client, call, target, call.Pattern is "me" || call.Pattern.StartsWith("me/", StringComparison.Ordinal) ? portalToken : token);
                    Judge(call, target, response, call.Allowed(role, scope), $"{role ?? "anonymous"} ({scope})", failures);
                }
            }
        }

        // API clients by bearer token, with each scope, on their own organization and another.
        // They call the APIs and the pages' GETs; a page form needs a signed-in person's anti-forgery token.
        var cbo = memberships.Single(m => m.Role == Roles.OrgAdmin).OrganizationId;
        foreach (var clientScope in Scopes.All)
        {
            var bearer = await BearerClientAsync(app, cbo, clientScope);
            foreach (var scope in new[] { Scope.SameOrganization, Scope.OtherOrganization })
            {
                var target = targets[scope == Scope.SameOrganization ? cbo : organizations.First(o => o != cbo)];
                foreach (var call in Calls.Where(c => !c.IsPage || c.Method == "GET"))
                {
                    var response = await SendAsync(bearer, call, target, token: "");
                    Judge(call, target, response, call.AllowsClient(clientScope, scope), $"client with {clientScope} ({scope})", failures);
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    private static void Judge(Call call, Target target, HttpResponseMessage response, bool expected, string actor, List<string> failures)
    {
        var what = $"{call.Method} {call.Url(target)} as {actor}: {(int)response.StatusCode} {response.Headers.Location}";
        var denied = response.StatusCode != call.RefusedInput && IsDenied(response);
        if ((int)response.StatusCode >= 500) failures.Add($"{what}: a server error is never an answer");
        else if (response.StatusCode == HttpStatusCode.BadRequest && call.RefusedInput != HttpStatusCode.BadRequest) failures.Add($"{what}: 400 on a valid call");
        else if (denied == expected) failures.Add($"{what}, expected {(expected ? "allowed" : "denied")}");
    }

    private static async Task<HttpClient> BearerClientAsync(BraidApp app, string organizationId, string scope)
    {
        var http = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", await ApiTokens.IssueAsync(app, http, organizationId, scope));
        return http;
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, Call call, Target target, string token)
    {
        var request = new HttpRequestMessage(new HttpMethod(call.Method), call.Url(target));
        if (call.Json is { } json)
        {
            request.Content = System.Net.Http.Json.JsonContent.Create(json(target));
        }
        else if (call.Method != "GET")
        {
            request.Content = new FormUrlEncodedContent((call.Form?.Invoke(target) ?? []).Append(KeyValuePair.Create("__RequestVerificationToken", token)));
        }

        return await client.SendAsync(request);
    }

    private static bool IsDenied(HttpResponseMessage response) =>
        response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden ||
        (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location?.OriginalString is { } to &&
         (to.Contains("/account/sign-in", StringComparison.Ordinal) || to.Contains("/account/denied", StringComparison.Ordinal) || to.Contains("/me/sign-in", StringComparison.Ordinal)));

    /// <summary>One listing and two API clients of the organization (one to rotate, one to get tokens with), for the calls to aim at.</summary>
    private static async Task<Target> TargetAsync(BraidApp app, BraidDbContext db, string organizationId)
    {
        var sal = await DemoListings.OfAsync(db, organizationId);
        using var scope = app.Services.CreateScope();
        var clients = scope.ServiceProvider.GetRequiredService<ApiClientStore>();
        var (rotated, _) = await clients.CreateAsync("demo", organizationId, "rotated by the matrix", [Scopes.DirectoryRead], "test");
        var (tokens, secret) = await clients.CreateAsync("demo", organizationId, "asks for tokens", [Scopes.DirectoryRead], "test");

        // A person the organization registered, screened, with a need, a goal, and a consent that lets no caller of the matrix read.
        var now = DateTimeOffset.UtcNow;
        var person = new Person { Id = new PersonId(Guid.NewGuid().ToString()), RegisteredBy = new OrganizationId(organizationId), GivenName = "Ana", FamilyName = "Ruiz" };
        var screening = new Screening { Id = Guid.NewGuid().ToString(), Person = person.Id, Instrument = AhcHrsn.Core, StartedBy = "test", StartedAt = now, Language = "en" };
        var need = new Need { Id = Guid.NewGuid().ToString(), Person = person.Id, Category = "food-insecurity", RecordedAt = now }.Accept();
        var goal = new Goal { Id = Guid.NewGuid().ToString(), Person = person.Id, Text = "Eat well" };
        var consent = new PersonConsent
        {
            Id = new ConsentId(Guid.NewGuid().ToString()), Person = person.Id, Grantee = Grantee.Role(Roles.Analyst), Categories = new HashSet<DataCategory> { DataCategory.Demographics },
            Purposes = new HashSet<Purpose> { Purpose.CareCoordination }, Start = now, Method = ConsentMethod.InPerson, Language = "en", RecordedBy = "test",
        };
        await new PeopleStore(db).AddPopulationAsync(new CommunityId("demo"), new DemoPopulation([person], [screening], [need], [goal], [consent]), now);

        // A referral the organization sent for that need, to an organization outside the matrix.
        var referral = Referral.Send(new ReferralId(Guid.NewGuid().ToString()), new ReferralDetails
        {
            Person = person.Id, Need = need.Id, NeedCategory = need.Category, Kind = ReferralKind.Direct, From = new OrganizationId(organizationId),
            To = new OrganizationId("matrix-pantry"), ServiceName = "Matrix pantry", Shared = new HashSet<DataCategory> { DataCategory.Demographics },
        }, new Stamp("test", new OrganizationId(organizationId), now, "test"));
        await new ReferralStore(db).AddAsync(new CommunityId("demo"), referral);

        // A funding stream the organization funds.
        var stream = new FundingStream { Id = "matrix-" + Guid.NewGuid().ToString("N"), Funder = new OrganizationId(organizationId), Name = "Matrix fund", Amount = 100m, Start = new DateOnly(2026, 1, 1), End = new DateOnly(2026, 12, 31) };
        await db.InTransactionAsync(async _ =>
        {
            await new FundingStore(db).AddStreamAsync(new CommunityId("demo"), stream, LedgerEntry.Create("funding:" + stream.Id, now, EntryKind.Fund, "matrix",
                [new LedgerLine(Accounts.Funder(stream.Funder), -100m), new LedgerLine(Accounts.Stream(stream.Id), 100m)]), "test", now);
            return true;
        });
        return new Target(organizationId, sal, rotated.Id, tokens.Id, secret, person.Id.Value, screening.Id, need.Id, goal.Id, consent.Id.Value, referral.Id.Value, stream.Id);
    }

    /// <summary>The same roles and organizations, held in another community: nothing here is theirs.</summary>
    private static async Task CreateOutsidersAsync(BraidApp app, List<MembershipRow> memberships)
    {
        using var scope = app.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<BraidUser>>();
        var db = scope.ServiceProvider.GetRequiredService<BraidDbContext>();
        foreach (var m in memberships)
        {
            var user = new BraidUser { UserName = $"outsider-{m.Role}@elsewhere.example", Email = $"outsider-{m.Role}@elsewhere.example", EmailConfirmed = true, DisplayName = "Outsider" };
            Assert.True((await users.CreateAsync(user, BraidApp.DemoPassword)).Succeeded);
            db.Memberships.Add(new MembershipRow { CommunityId = "elsewhere", UserId = user.Id, OrganizationId = m.OrganizationId, Role = m.Role, CreatedAt = DateTimeOffset.Parse("2026-11-22", System.Globalization.CultureInfo.InvariantCulture) });
        }

        await db.SaveChangesAsync();
    }
}
