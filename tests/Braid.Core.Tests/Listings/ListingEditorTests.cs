using Braid.Core.Directory.Hsds;
using Braid.Core.Listings;

namespace Braid.Core.Tests.Listings;

public sealed class ListingEditorTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 20, 30, 0, TimeSpan.FromHours(-5)); // evening in Baltimore, already the 22nd in UTC

    private static Listing Sample()
    {
        var service = new Service { Id = "svc", CommunityId = "c", OrganizationId = "org", Name = "Food Pantry", Status = "active", AssuredDate = "2025-01-01" };
        var location = new Location { Id = "loc", CommunityId = "c", Name = "Main site" };
        var sal = new ServiceAtLocation { Id = "sal", CommunityId = "c", ServiceId = "svc", LocationId = "loc" };
        var address = new Address { Id = "addr", CommunityId = "c", LocationId = "loc", Address1 = "1 Main St", City = "Baltimore", PostalCode = "21217", AddressType = "physical" };
        var schedule = new Schedule { Id = "sch", CommunityId = "c", ServiceAtLocationId = "sal", Freq = "WEEKLY", Byday = "MO,TU,WE,TH,FR", OpensAt = "09:00:00", ClosesAt = "17:00:00" };
        var language = new Language { Id = "lang", CommunityId = "c", ServiceId = "svc", Code = "en", Name = "English" };
        var capacity = new HsdsAttribute { Id = "cap", CommunityId = "c", LinkId = "svc", LinkType = "capacity", Value = "40 per week" };
        return new Listing(sal, service, location, address, [schedule], [language], capacity);
    }

    private static int _ids;
    private static string NewId() => "new-" + Interlocked.Increment(ref _ids);

    [Fact]
    public void The_form_shows_the_weekly_hours_day_by_day()
    {
        var form = ListingEditor.FormOf(Sample());
        Assert.Equal(new DayHours("MO", "09:00", "17:00"), form.Hours[0]);
        Assert.Equal(new DayHours("SA", null, null), form.Hours[5]);
        Assert.Equal(["en"], form.Languages);
        Assert.Equal("40 per week", form.Capacity);
    }

    [Fact]
    public void Given_unchanged_form_When_saved_Then_nothing_changes_but_the_listing_is_verified_on_the_local_date()
    {
        var listing = Sample();
        var (change, errors) = ListingEditor.Apply(listing, ListingEditor.FormOf(listing), Now, "admin@example.org", NewId);
        Assert.Empty(errors);
        Assert.Empty(change!.Changes);
        Assert.Empty(change.Deletes);
        var service = Assert.IsType<Service>(change.Upserts[0]);
        Assert.Equal("2026-11-21", service.AssuredDate);
        Assert.Equal("admin@example.org", service.AssurerEmail);
        Assert.Null(service.LastModified);
        Assert.Equal("2025-01-01", listing.Service.AssuredDate); // the loaded record is not modified
    }

    [Fact]
    public void Given_new_hours_and_languages_Then_schedules_and_languages_are_replaced_and_the_change_is_recorded()
    {
        var listing = Sample();
        var form = ListingEditor.FormOf(listing) with
        {
            Hours = [new("SA", "19:00", "07:00"), new("SU", "19:00", "07:00"), new("WE", "10:00", "14:00")],
            Languages = ["en", "es"],
        };
        var (change, errors) = ListingEditor.Apply(listing, form, Now, "admin@example.org", NewId);

        Assert.Empty(errors);
        Assert.Contains(change!.Deletes, r => r.Id == "sch");
        Assert.Contains(change.Deletes, r => r.Id == "lang");
        var schedules = change.Upserts.OfType<Schedule>().ToList();
        Assert.Equal(2, schedules.Count);
        Assert.Contains(schedules, s => s.Byday == "SA,SU" && s.OpensAt == "19:00:00" && s.ClosesAt == "07:00:00" && s.ServiceAtLocationId == "sal");
        Assert.Contains(schedules, s => s.Byday == "WE" && s.OpensAt == "10:00:00");
        Assert.Equal(["en", "es"], change.Upserts.OfType<Language>().Select(l => l.Code).Order());
        Assert.Equal(new FieldChange("hours", "MO,TU,WE,TH,FR 09:00–17:00", "WE 10:00–14:00; SA,SU 19:00–07:00"), change.Changes.Single(c => c.Field == "hours"));
        Assert.Equal(new FieldChange("languages", "en", "en, es"), change.Changes.Single(c => c.Field == "languages"));
        Assert.Equal("2026-11-22T01:30:00Z", change.Upserts.OfType<Service>().Single().LastModified);
    }

    [Fact]
    public void Given_bad_fields_Then_every_one_is_named_and_no_change_is_produced()
    {
        var form = ListingEditor.FormOf(Sample()) with
        {
            Name = " ", Status = "closed-forever", PostalCode = "2121", Capacity = "lots", Languages = ["xx"],
            Hours = [new("MO", "9am", "17:00"), new("TU", "09:00", null)],
        };
        var (change, errors) = ListingEditor.Apply(Sample(), form, Now, "a@b.org", NewId);
        Assert.Null(change);
        Assert.Equal(["capacity", "hours-MO", "hours-TU", "languages", "name", "postal_code", "status"], errors.Keys.Order());
    }

    public static TheoryData<string, string> RejectedForms => new()
    {
        // What a security and bad-input probe sent through PUT /api/listings, and the field each must name.
        { "eligibility of 100 KB", "eligibility" },
        { "fees of 100 KB", "fees" },
        { "address of 100 KB", "address1" },
        { "city of 100 KB", "city" },
        { "NUL in the name", "name" },
        { "line break in the city", "city" },
        { "lowercase day", "hours[0]" },
        { "unknown day", "hours[0]" },
        { "day given twice", "hours[1]" },
        { "null day entry", "hours[0]" },
        { "hours null", "hours" },
        { "languages null", "languages" },
        { "language null", "languages" },
        { "Arabic-Indic ZIP digits", "postal_code" },
        { "fullwidth capacity digits", "capacity" },
    };

    [Theory, MemberData(nameof(RejectedForms))]
    public void Given_a_bad_field_When_saved_Then_the_error_names_it_and_nothing_is_written(string flaw, string field)
    {
        var listing = Sample();
        var form = ListingEditor.FormOf(listing);
        var big = new string('x', 100_000);
        form = flaw switch
        {
            "eligibility of 100 KB" => form with { Eligibility = big },
            "fees of 100 KB" => form with { Fees = big },
            "address of 100 KB" => form with { Address1 = big },
            "city of 100 KB" => form with { City = big },
            "NUL in the name" => form with { Name = "Food\0Pantry" },
            "line break in the city" => form with { City = "Balti\nmore" },
            "lowercase day" => form with { Hours = [new DayHours("mo", "09:00", "17:00")] },
            "unknown day" => form with { Hours = [new DayHours("Monday", "09:00", "17:00")] },
            "day given twice" => form with { Hours = [new DayHours("MO", "09:00", "12:00"), new DayHours("MO", "13:00", "17:00")] },
            "null day entry" => form with { Hours = [null!] },
            "hours null" => form with { Hours = null! },
            "languages null" => form with { Languages = null! },
            "language null" => form with { Languages = ["en", null!] },
            "Arabic-Indic ZIP digits" => form with { PostalCode = "\u0662\u0661\u0662\u0661\u0667" },
            "fullwidth capacity digits" => form with { Capacity = "\uff14\uff10 per week" },
            _ => throw new ArgumentOutOfRangeException(nameof(flaw)),
        };

        var (change, errors) = ListingEditor.Apply(listing, form, Now, "admin@example.org", NewId);

        Assert.Null(change);
        Assert.Contains(field, errors.Keys);
    }

    [Fact]
    public void Given_line_breaks_in_eligibility_When_saved_Then_they_are_kept()
    {
        var listing = Sample();
        var (change, errors) = ListingEditor.Apply(listing, ListingEditor.FormOf(listing) with { Eligibility = "Adults 18+\nBaltimore residents" }, Now, "a@example.org", NewId);
        Assert.Empty(errors);
        Assert.Equal("Adults 18+\nBaltimore residents", Assert.IsType<Service>(change!.Upserts[0]).EligibilityDescription);
    }

    [Fact]
    public void Given_a_site_shared_with_another_organization_When_the_address_is_changed_Then_it_is_refused_but_other_fields_save()
    {
        var listing = Sample() with { SiteOrganizationIds = ["org", "other-org"] };
        var form = ListingEditor.FormOf(listing);

        var (moved, errors) = ListingEditor.Apply(listing, form with { Address1 = "99 Elsewhere Ave" }, Now, "a@example.org", NewId);
        Assert.Null(moved);
        Assert.Contains("address1", errors.Keys);

        var (renamed, none) = ListingEditor.Apply(listing, form with { Name = "Food Pantry West" }, Now, "a@example.org", NewId);
        Assert.Empty(none);
        Assert.DoesNotContain(renamed!.Upserts, r => r is Address);
    }

    [Fact]
    public void Given_a_site_of_the_organization_alone_When_the_address_is_changed_Then_it_saves()
    {
        var listing = Sample() with { SiteOrganizationIds = ["org"] };
        var (change, errors) = ListingEditor.Apply(listing, ListingEditor.FormOf(listing) with { Address1 = "2 Main St" }, Now, "a@example.org", NewId);
        Assert.Empty(errors);
        Assert.Equal("2 Main St", Assert.Single(change!.Upserts.OfType<Address>()).Address1);
    }
}
