using Braid.Core.Directory.Hsds;
using Braid.Core.Directory.Listings;

namespace Braid.Core.Tests.Directory.Listings;

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
}
