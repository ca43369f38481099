using Braid.Application.Access;
using Braid.Application.Audit;
using Braid.Application.Directory;
using Braid.Application.Equity;
using Braid.Application.Funding;
using Braid.Application.Listings;
using Braid.Application.Partnership;
using Braid.Application.People;
using Braid.Application.Referrals;
using Braid.Application.ResourceLists;
using Braid.Data.Access;
using Braid.Data.Audit;
using Braid.Data.Equity;
using Braid.Data.Funding;
using Braid.Data.Directory;
using Braid.Data.Listings;
using Braid.Data.Partnership;
using Braid.Data.People;
using Braid.Data.Outbox;
using Braid.Data.Referrals;
using Braid.Data.ResourceLists;
using Microsoft.Extensions.DependencyInjection;

namespace Braid.Application;

/// <summary>Registers every use case and what they use; the host adds its <see cref="ICaller"/>, <see cref="IMailer"/> and database.</summary>
public static class UseCases
{
    public static IServiceCollection AddBraidUseCases(this IServiceCollection services)
    {
        services.AddScoped<UseCaseContext>();
        services.AddScoped<AuditLog>();
        services.AddScoped<ApiClientStore>();
        services.AddScoped<ListingStore>();
        services.AddScoped<ContextStore>();
        services.AddScoped(sp => new DirectoryStore(sp.GetRequiredService<Braid.Data.BraidDbContext>(), sp.GetRequiredService<TimeProvider>()));
        services.AddScoped<EditListing>();
        services.AddScoped<OwnListings>();
        services.AddScoped<RequestClaim>();
        services.AddScoped<DecideClaim>();
        services.AddScoped<RemindStaleListings>();
        services.AddScoped<CreateClient>();
        services.AddScoped<RotateClientSecret>();
        services.AddScoped<RevokeClient>();
        services.AddScoped<IssueToken>();
        services.AddScoped<RunEquityReport>();
        services.AddScoped<ReferralDashboard>();
        services.AddScoped<FundingStore>();
        services.AddScoped<ManageFunding>();
        services.AddScoped<SubmitInvoice>();
        services.AddScoped<FunderReports>();
        services.AddScoped<ValueCurveStore>();
        services.AddScoped<ValueCurves>();
        services.AddScoped<MeasureStore>();
        services.AddScoped<SharedMeasures>();
        services.AddScoped<GovernanceStore>();
        services.AddScoped<PartnershipGovernance>();
        services.AddScoped<LearningStore>();
        services.AddScoped<LearningPrograms>();
        services.AddScoped<GapsStore>();
        services.AddScoped<FindGaps>();
        services.AddScoped<ImportContext>();
        services.AddScoped<ImportDirectory>();
        services.AddScoped<SearchAudit>();
        services.AddScoped<PeopleStore>();
        services.AddScoped<RegisterPerson>();
        services.AddScoped<PortalStore>();
        services.AddScoped<PersonPortal>();
        services.AddScoped<ReadOwnRecord>();
        services.AddScoped<ErasureStore>();
        services.AddScoped<EraseOwnRecord>();
        services.AddScoped<ImportPeople>();
        services.AddScoped<FindPeople>();
        services.AddScoped<ReadPerson>();
        services.AddScoped<ScreenPerson>();
        services.AddScoped<PrioritizeNeeds>();
        services.AddScoped<RecordConsent>();
        services.AddScoped<MergePeople>();
        services.AddScoped<ReferralStore>();
        services.AddScoped<SendReferral>();
        services.AddScoped<ReferMyself>();
        services.AddScoped<GiveFeedback>();
        services.AddScoped<ReadFeedback>();
        services.AddScoped<WorkReferral>();
        services.AddScoped<ReadReferrals>();
        services.AddScoped<ReferralNotices>();
        services.AddScoped<AnswerReferralLink>();
        services.AddScoped<RemindMissedReferrals>();
        services.AddScoped<OutboxStore>();
        services.AddScoped<Subscriptions>();
        services.AddScoped<ResourceListStore>();
        services.AddScoped<ShareResourceList>();
        services.AddScoped<SavedSearchStore>();
        services.AddScoped<SaveSearches>();
        return services;
    }
}
