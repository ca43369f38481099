using System.Text.RegularExpressions;
using Braid.Data.Access;
using Braid.Data.Equity;
using Braid.Data.Listings;
using Braid.Data.Outbox;
using Braid.Data.People;
using Braid.Data.Referrals;
using Braid.Data.ResourceLists;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Braid.Data;

/// <summary>A community (one exchange): its name, time zone, and a counter bumped on every directory change.</summary>
public sealed class Community
{
    public string Id { get; set; } = "";
    public string Name { get; set; } = "";
    /// <summary>IANA time zone that opening hours are read in.</summary>
    public string TimeZone { get; set; } = "America/New_York";
    public long DirectoryVersion { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Service levels for referrals: answered within so many hours of sending, first contact within, closed within so many days.</summary>
    public int ReferralAnswerHours { get; set; } = 48;
    public int ReferralFirstContactHours { get; set; } = 120;
    public int ReferralCloseDays { get; set; } = 30;

    /// <summary>Retention rules (<see cref="Core.People.RetentionRules"/>): years each part of a person's record is kept after it ended.</summary>
    public int RetentionScreeningYears { get; set; }
    public int RetentionConsentYears { get; set; } = 6;
    public int RetentionReferralYears { get; set; } = 6;
    public int RetentionDisclosureYears { get; set; } = 6;
}

/// <summary>Braid's database: the HSDS directory tables, the communities that own them, staff and their memberships.</summary>
public sealed partial class BraidDbContext(DbContextOptions<BraidDbContext> options) : IdentityUserContext<BraidUser>(options)
{
    public DbSet<Community> Communities => Set<Community>();

    public DbSet<MembershipRow> Memberships => Set<MembershipRow>();

    public DbSet<ApiClientRow> ApiClients => Set<ApiClientRow>();

    public DbSet<AccessTokenRow> AccessTokens => Set<AccessTokenRow>();

    public DbSet<ListingClaimRow> ListingClaims => Set<ListingClaimRow>();

    public DbSet<ListingVersionRow> ListingVersions => Set<ListingVersionRow>();

    public DbSet<ContextTractRow> ContextTracts => Set<ContextTractRow>();

    public DbSet<ContextSourceRow> ContextSources => Set<ContextSourceRow>();

    public DbSet<PersonRow> People => Set<PersonRow>();

    public DbSet<ConsentRow> Consents => Set<ConsentRow>();

    public DbSet<ScreeningRow> Screenings => Set<ScreeningRow>();

    public DbSet<NeedRow> Needs => Set<NeedRow>();

    public DbSet<GoalRow> Goals => Set<GoalRow>();

    public DbSet<DisclosureRow> Disclosures => Set<DisclosureRow>();
    public DbSet<PersonAccountRow> PersonAccounts => Set<PersonAccountRow>();
    public DbSet<PersonCodeRow> PersonCodes => Set<PersonCodeRow>();
    public DbSet<ReferralRow> Referrals => Set<ReferralRow>();
    public DbSet<ReferralEventRow> ReferralEvents => Set<ReferralEventRow>();
    public DbSet<ReferralLinkRow> ReferralLinks => Set<ReferralLinkRow>();
    public DbSet<ReferralFeedbackRow> ReferralFeedback => Set<ReferralFeedbackRow>();
    public DbSet<ResourceListRow> ResourceLists => Set<ResourceListRow>();
    public DbSet<Directory.SavedSearchRow> SavedSearches => Set<Directory.SavedSearchRow>();
    public DbSet<OutboxMessageRow> Outbox => Set<OutboxMessageRow>();
    public DbSet<SubscriptionRow> Subscriptions => Set<SubscriptionRow>();
    public DbSet<Funding.FundingStreamRow> FundingStreams => Set<Funding.FundingStreamRow>();
    public DbSet<Funding.FundingAuthorizationRow> FundingAuthorizations => Set<Funding.FundingAuthorizationRow>();
    public DbSet<Funding.InvoiceRow> Invoices => Set<Funding.InvoiceRow>();
    public DbSet<Funding.InvoiceLineRow> InvoiceLines => Set<Funding.InvoiceLineRow>();
    public DbSet<Funding.LedgerEntryRow> LedgerEntries => Set<Funding.LedgerEntryRow>();
    public DbSet<Funding.LedgerLineRow> LedgerLines => Set<Funding.LedgerLineRow>();
    public DbSet<Partnership.ValueCurveAssessmentRow> ValueCurveAssessments => Set<Partnership.ValueCurveAssessmentRow>();
    public DbSet<Partnership.ValueCurveStepRow> ValueCurveSteps => Set<Partnership.ValueCurveStepRow>();
    public DbSet<Partnership.ValueCurveRubricRow> ValueCurveRubric => Set<Partnership.ValueCurveRubricRow>();
    public DbSet<Partnership.SharedMeasureRow> SharedMeasures => Set<Partnership.SharedMeasureRow>();
    public DbSet<Partnership.PartnershipMemberRow> PartnershipMembers => Set<Partnership.PartnershipMemberRow>();
    public DbSet<Partnership.GovernanceDocumentRow> GovernanceDocuments => Set<Partnership.GovernanceDocumentRow>();
    public DbSet<Partnership.DocumentVersionRow> DocumentVersions => Set<Partnership.DocumentVersionRow>();
    public DbSet<Partnership.DocumentSignatureRow> DocumentSignatures => Set<Partnership.DocumentSignatureRow>();
    public DbSet<Partnership.CommunityInputRow> CommunityInputs => Set<Partnership.CommunityInputRow>();
    public DbSet<Partnership.DecisionRow> Decisions => Set<Partnership.DecisionRow>();
    public DbSet<Partnership.LearningCohortRow> LearningCohorts => Set<Partnership.LearningCohortRow>();
    public DbSet<Partnership.LearningParticipantRow> LearningParticipants => Set<Partnership.LearningParticipantRow>();
    public DbSet<Partnership.LearningSessionRow> LearningSessions => Set<Partnership.LearningSessionRow>();
    public DbSet<Partnership.LearningAttendanceRow> LearningAttendance => Set<Partnership.LearningAttendanceRow>();
    public DbSet<Partnership.LearningReflectionRow> LearningReflections => Set<Partnership.LearningReflectionRow>();
    public DbSet<Partnership.LearningPairingRow> LearningPairings => Set<Partnership.LearningPairingRow>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);

        // Identity's tables in the snake_case of the rest of the schema (migration 0005).
        foreach (var (type, table) in new[] { (typeof(BraidUser), "users"), (typeof(IdentityUserClaim<string>), "user_claims"),
                     (typeof(IdentityUserLogin<string>), "user_logins"), (typeof(IdentityUserToken<string>), "user_tokens") })
        {
            var entity = modelBuilder.Entity(type);
            entity.ToTable(table);
            foreach (var property in entity.Metadata.GetProperties())
            {
                property.SetColumnName(SnakeCase(property.Name));
            }
        }

        modelBuilder.Entity<MembershipRow>(e => e.ToTable("memberships").HasKey(m => new { m.CommunityId, m.UserId, m.OrganizationId, m.Role }));
        modelBuilder.Entity<ApiClientRow>(e => e.ToTable("api_clients").HasKey(c => new { c.CommunityId, c.Id }));
        modelBuilder.Entity<AccessTokenRow>(e => e.ToTable("access_tokens").HasKey(t => t.TokenHash));
        modelBuilder.Entity<ListingClaimRow>(e => e.ToTable("listing_claims").HasKey(c => new { c.CommunityId, c.OrganizationId }));
        modelBuilder.Entity<ListingVersionRow>(e =>
        {
            e.ToTable("listing_versions").HasKey(v => new { v.CommunityId, v.Id });
            e.Ignore(v => v.FieldChanges);
        });
        modelBuilder.Entity<ContextTractRow>(e => e.ToTable("context_tracts").HasKey(t => new { t.CommunityId, t.Geoid }));
        modelBuilder.Entity<ContextSourceRow>(e => e.ToTable("context_sources").HasKey(s => new { s.CommunityId, s.Id }));
        modelBuilder.Entity<PersonRow>(e => e.ToTable("people").HasKey(p => new { p.CommunityId, p.Id }));
        modelBuilder.Entity<ConsentRow>(e => e.ToTable("person_consents").HasKey(c => new { c.CommunityId, c.Id }));
        modelBuilder.Entity<ScreeningRow>(e => e.ToTable("screenings").HasKey(s => new { s.CommunityId, s.Id }));
        modelBuilder.Entity<NeedRow>(e => e.ToTable("needs").HasKey(n => new { n.CommunityId, n.Id }));
        modelBuilder.Entity<GoalRow>(e => e.ToTable("goals").HasKey(g => new { g.CommunityId, g.Id }));
        modelBuilder.Entity<DisclosureRow>(e => e.ToTable("disclosures").HasKey(d => new { d.CommunityId, d.Id }));
        modelBuilder.Entity<PersonAccountRow>(e => e.ToTable("person_accounts").HasKey(a => new { a.CommunityId, a.Contact }));
        modelBuilder.Entity<PersonCodeRow>(e => e.ToTable("person_codes").HasKey(c => new { c.CommunityId, c.Id }));
        modelBuilder.Entity<ReferralRow>(e =>
        {
            e.ToTable("referrals").HasKey(r => new { r.CommunityId, r.Id });
            e.Property(r => r.Version).IsConcurrencyToken();
        });
        modelBuilder.Entity<ReferralEventRow>(e => e.ToTable("referral_events").HasKey(r => new { r.CommunityId, r.ReferralId, r.Version }));
        modelBuilder.Entity<ReferralLinkRow>(e => e.ToTable("referral_links").HasKey(l => new { l.CommunityId, l.TokenHash }));
        modelBuilder.Entity<ReferralFeedbackRow>(e => e.ToTable("referral_feedback").HasKey(f => new { f.CommunityId, f.ReferralId }));
        modelBuilder.Entity<ResourceListRow>(e => e.ToTable("resource_lists").HasKey(l => new { l.CommunityId, l.Code }));
        modelBuilder.Entity<Directory.SavedSearchRow>(e => e.ToTable("saved_searches").HasKey(s => new { s.CommunityId, s.Id }));
        modelBuilder.Entity<OutboxMessageRow>(e => e.ToTable("outbox_messages").HasKey(m => new { m.CommunityId, m.Id }));
        modelBuilder.Entity<SubscriptionRow>(e => e.ToTable("fhir_subscriptions").HasKey(s => new { s.CommunityId, s.Id }));
        modelBuilder.Entity<Funding.FundingStreamRow>(e => e.ToTable("funding_streams").HasKey(s => new { s.CommunityId, s.Id }));
        modelBuilder.Entity<Funding.FundingAuthorizationRow>(e => e.ToTable("funding_authorizations").HasKey(a => new { a.CommunityId, a.StreamId, a.Provider }));
        modelBuilder.Entity<Funding.InvoiceRow>(e => e.ToTable("invoices").HasKey(i => new { i.CommunityId, i.Id }));
        modelBuilder.Entity<Funding.InvoiceLineRow>(e => e.ToTable("invoice_lines").HasKey(l => new { l.CommunityId, l.Id }));
        modelBuilder.Entity<Funding.LedgerEntryRow>(e => e.ToTable("ledger_entries").HasKey(l => new { l.CommunityId, l.Id }));
        modelBuilder.Entity<Funding.LedgerLineRow>(e => e.ToTable("ledger_lines").HasKey(l => new { l.CommunityId, l.EntryId, l.LineNo }));
        modelBuilder.Entity<Partnership.ValueCurveAssessmentRow>(e => e.ToTable("value_curve_assessments").HasKey(a => new { a.CommunityId, a.Id }));
        modelBuilder.Entity<Partnership.ValueCurveStepRow>(e => e.ToTable("value_curve_steps").HasKey(s => new { s.CommunityId, s.OrganizationId, s.Dimension, s.Rank }));
        modelBuilder.Entity<Partnership.ValueCurveRubricRow>(e => e.ToTable("value_curve_rubric").HasKey(r => new { r.CommunityId, r.Dimension, r.Level }));
        modelBuilder.Entity<Partnership.SharedMeasureRow>(e => e.ToTable("shared_measures").HasKey(m => new { m.CommunityId, m.Id }));
        modelBuilder.Entity<Partnership.PartnershipMemberRow>(e => e.ToTable("partnership_members").HasKey(m => new { m.CommunityId, m.Id }));
        modelBuilder.Entity<Partnership.GovernanceDocumentRow>(e => e.ToTable("governance_documents").HasKey(d => new { d.CommunityId, d.Id }));
        modelBuilder.Entity<Partnership.DocumentVersionRow>(e => e.ToTable("document_versions").HasKey(v => new { v.CommunityId, v.DocumentId, v.Version }));
        modelBuilder.Entity<Partnership.DocumentSignatureRow>(e => e.ToTable("document_signatures").HasKey(s => new { s.CommunityId, s.DocumentId, s.Version, s.MemberId }));
        modelBuilder.Entity<Partnership.CommunityInputRow>(e => e.ToTable("community_inputs").HasKey(i => new { i.CommunityId, i.Id }));
        modelBuilder.Entity<Partnership.DecisionRow>(e => e.ToTable("decisions").HasKey(d => new { d.CommunityId, d.Id }));
        modelBuilder.Entity<Partnership.LearningCohortRow>(e => e.ToTable("learning_cohorts").HasKey(x => new { x.CommunityId, x.Id }));
        modelBuilder.Entity<Partnership.LearningParticipantRow>(e => e.ToTable("learning_participants").HasKey(x => new { x.CommunityId, x.CohortId, x.UserId }));
        modelBuilder.Entity<Partnership.LearningSessionRow>(e => e.ToTable("learning_sessions").HasKey(x => new { x.CommunityId, x.Id }));
        modelBuilder.Entity<Partnership.LearningAttendanceRow>(e => e.ToTable("learning_attendance").HasKey(x => new { x.CommunityId, x.SessionId, x.UserId }));
        modelBuilder.Entity<Partnership.LearningReflectionRow>(e => e.ToTable("learning_reflections").HasKey(x => new { x.CommunityId, x.Id }));
        modelBuilder.Entity<Partnership.LearningPairingRow>(e => e.ToTable("learning_pairings").HasKey(x => new { x.CommunityId, x.Id }));
        foreach (var type in new[] { typeof(MembershipRow), typeof(ApiClientRow), typeof(AccessTokenRow), typeof(ListingClaimRow), typeof(ListingVersionRow), typeof(ContextTractRow), typeof(ContextSourceRow),
                     typeof(PersonRow), typeof(ConsentRow), typeof(ScreeningRow), typeof(NeedRow), typeof(GoalRow), typeof(DisclosureRow), typeof(PersonAccountRow), typeof(PersonCodeRow), typeof(ReferralRow), typeof(ReferralEventRow), typeof(ReferralLinkRow), typeof(ReferralFeedbackRow), typeof(ResourceListRow), typeof(Directory.SavedSearchRow), typeof(OutboxMessageRow), typeof(SubscriptionRow),
                     typeof(Funding.FundingStreamRow), typeof(Funding.FundingAuthorizationRow), typeof(Funding.InvoiceRow), typeof(Funding.InvoiceLineRow), typeof(Funding.LedgerEntryRow), typeof(Funding.LedgerLineRow),
                     typeof(Partnership.ValueCurveAssessmentRow), typeof(Partnership.ValueCurveStepRow), typeof(Partnership.ValueCurveRubricRow),
                     typeof(Partnership.SharedMeasureRow), typeof(Partnership.PartnershipMemberRow), typeof(Partnership.GovernanceDocumentRow), typeof(Partnership.DocumentVersionRow),
                     typeof(Partnership.DocumentSignatureRow), typeof(Partnership.CommunityInputRow), typeof(Partnership.DecisionRow),
                     typeof(Partnership.LearningCohortRow), typeof(Partnership.LearningParticipantRow), typeof(Partnership.LearningSessionRow), typeof(Partnership.LearningAttendanceRow),
                     typeof(Partnership.LearningReflectionRow), typeof(Partnership.LearningPairingRow) })
        {
            foreach (var property in modelBuilder.Entity(type).Metadata.GetProperties()) property.SetColumnName(SnakeCase(property.Name));
        }

        modelBuilder.Entity<Community>(e =>
        {
            e.ToTable("communities");
            e.Property(c => c.Id).HasColumnName("id");
            e.Property(c => c.Name).HasColumnName("name");
            e.Property(c => c.TimeZone).HasColumnName("time_zone");
            e.Property(c => c.DirectoryVersion).HasColumnName("directory_version");
            e.Property(c => c.CreatedAt).HasColumnName("created_at");
            e.Property(c => c.ReferralAnswerHours).HasColumnName("referral_answer_hours");
            e.Property(c => c.ReferralFirstContactHours).HasColumnName("referral_first_contact_hours");
            e.Property(c => c.ReferralCloseDays).HasColumnName("referral_close_days");
            e.Property(c => c.RetentionScreeningYears).HasColumnName("retention_screening_years");
            e.Property(c => c.RetentionConsentYears).HasColumnName("retention_consent_years");
            e.Property(c => c.RetentionReferralYears).HasColumnName("retention_referral_years");
            e.Property(c => c.RetentionDisclosureYears).HasColumnName("retention_disclosure_years");
        });

        // Times are timestamptz on PostgreSQL (migration 0011). SQLite has no time type: there they are
        // UTC text in EF's sortable form (yyyy-MM-dd HH:mm:ss.FFFFFFF), so SQL can compare and order them.
        if (Database.IsSqlite())
        {
            foreach (var property in modelBuilder.Model.GetEntityTypes().SelectMany(e => e.GetProperties()))
            {
                if (property.ClrType == typeof(DateTimeOffset)) property.SetValueConverter(UtcText);
                else if (property.ClrType == typeof(DateTimeOffset?)) property.SetValueConverter(NullableUtcText);
            }
        }

        // Tables and columns come from the [Table]/[Column] names generated from the HSDS datapackage.
        foreach (var table in HsdsModel.Tables)
        {
            modelBuilder.Entity(table.Type).HasKey(nameof(HsdsRecord.CommunityId), nameof(HsdsRecord.Id));
        }
    }

    private static readonly ValueConverter<DateTimeOffset, DateTime> UtcText =
        new(v => v.UtcDateTime, v => new DateTimeOffset(DateTime.SpecifyKind(v, DateTimeKind.Utc)));

    private static readonly ValueConverter<DateTimeOffset?, DateTime?> NullableUtcText =
        new(v => v.HasValue ? v.Value.UtcDateTime : null, v => v.HasValue ? new DateTimeOffset(DateTime.SpecifyKind(v.Value, DateTimeKind.Utc)) : null);

    private static string SnakeCase(string name) => UpperCase().Replace(name, "_$1").TrimStart('_').ToLowerInvariant();

    [GeneratedRegex("([A-Z])")]
    private static partial Regex UpperCase();
}
