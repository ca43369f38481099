using Braid.Core.Demo;
using Braid.Core.Directory;
using Braid.Core.Directory.Eligibility;
using Braid.Core.Directory.Geo;
using Braid.Core.Directory.Hsds;
using Braid.Core.Directory.Search;

namespace Braid.Core.Tests.Directory.Search;

/// <summary>
/// The index must return exactly what a plain scan of every entry returns, in the documented order.
/// The scan computes distance (its own haversine) and opening (the schedules' open intervals laid
/// out in local wall-clock time) without the production code, over ordinary weeks, the DST weeks
/// of 2026 and the exact minutes listings open and close.
/// </summary>
public sealed class DirectoryIndexOracleTests
{
    private static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    private static readonly DemoRegion Region = new("Test", "Baltimore", "MD", "America/New_York",
        [.. Enumerable.Range(0, 60).Select(i => new RegionTract($"t{i}", new GeoPoint(39.2 + (i % 10) * 0.018, -76.71 + (i / 10) * 0.03), $"N{i}"))],
        [new Place("21201", "zip", new GeoPoint(39.29, -76.62)), new Place("21217", "zip", new GeoPoint(39.31, -76.64))]);

    [Fact]
    public void Given_random_queries_Then_index_matches_a_brute_force_scan()
    {
        var data = new DemoCommunityGenerator(Region, seed: 7).Generate(3000, new DateOnly(2026, 11, 1), "c");
        var entries = DirectoryEntryBuilder.Build(data, Zone).ToList();
        var index = new DirectoryIndex(entries);
        Assert.True(index.Count > 3000);
        var schedules = SchedulesBySal(data);
        var accessible = AccessibleSals(data);
        Assert.InRange(accessible.Count, 1, entries.Count - 1);
        // The scan below reads weekly hours only; the demo has nothing else (a monthly rule would need it extended).
        Assert.All(data.All<Schedule>(), s => Assert.True(s.Freq == "WEEKLY" && s.Bymonthday is null && s.ValidFrom is null && s.Dtstart is null && !s.Byday!.Any(char.IsDigit), s.Id));
        var boundaries = data.All<Schedule>().SelectMany(s => new[] { s.OpensAt!, s.ClosesAt! }).Distinct().Select(t => TimeOnly.Parse(t, System.Globalization.CultureInfo.InvariantCulture)).ToList();

        var rng = new Random(11);
        string[] words = ["food", "pantry", "legal", "rent", "free", "classes", "alimentaria", "hotline", "shelter", "zzz", "help", "family"];
        // Ordinary November weeks, the week DST starts (8 March 2026: 02:00–03:00 does not exist) and the week it ends (1 November: 01:00–02:00 happens twice).
        DateTimeOffset[] weeks = [new(2026, 11, 16, 5, 0, 0, TimeSpan.Zero), new(2026, 3, 5, 5, 0, 0, TimeSpan.Zero), new(2026, 10, 29, 4, 0, 0, TimeSpan.Zero)];
        string[] languages = ["es", "Spanish", "ko", "am", "ase", "xx"];
        var checkedNonEmpty = 0;
        for (var i = 0; i < 2000; i++)
        {
            var query = new SearchQuery
            {
                Need = rng.Next(3) == 0 ? null : NeedDomains.All[rng.Next(NeedDomains.All.Count)].Code,
                Origin = rng.Next(4) == 0 ? null : new GeoPoint(39.2 + rng.NextDouble() * 0.18, -76.71 + rng.NextDouble() * 0.18),
                Language = rng.Next(3) == 0 ? languages[rng.Next(languages.Length)] : null,
                OpenNow = rng.Next(3) == 0,
                OpenOn = rng.Next(4) == 0 ? DateOnly.FromDateTime(weeks[rng.Next(weeks.Length)].Date).AddDays(rng.Next(7)) : null,
                Free = rng.Next(4) == 0,
                Accessible = rng.Next(4) == 0,
                Age = rng.Next(4) == 0 ? rng.Next(90) : null,
                Text = rng.Next(4) == 0 ? string.Join(' ', Enumerable.Range(0, 1 + rng.Next(3)).Select(_ => words[rng.Next(words.Length)])) : null,
                At = rng.Next(3) == 0 ? AtLocal(weeks[rng.Next(weeks.Length)], rng.Next(7), boundaries[rng.Next(boundaries.Count)], rng.Next(3) - 1)
                    : weeks[rng.Next(weeks.Length)].AddMinutes(rng.Next(7 * 24 * 60)),
                Page = 1,
                PerPage = 100,
            };
            if (query.Origin is not null && rng.Next(3) > 0) query = query with { RadiusKm = 0.5 + rng.NextDouble() * 8 };
            if (rng.Next(4) == 0)
            {
                query = query with
                {
                    For = new PersonFacts { Age = query.Age, HouseholdSize = 4, YearlyIncome = 20_000 + rng.Next(60_000), County = rng.Next(3) == 0 ? "24005" : rng.Next(2) == 0 ? "24510" : null },
                    HideIneligible = true,
                };
            }

            var expected = Oracle(entries, schedules, accessible, query);
            var actual = index.Search(query);
            Assert.Equal(expected.Count, actual.TotalItems);
            Assert.Equal(expected.Take(100).Select(e => e.ServiceAtLocationId), actual.Hits.Select(h => h.Entry.ServiceAtLocationId));
            if (expected.Count > 0) checkedNonEmpty++;
        }

        Assert.True(checkedNonEmpty > 500, $"only {checkedNonEmpty} queries had results; the oracle test would be weak");
    }

    [Fact]
    public void Given_edits_additions_and_removals_layered_over_the_index_Then_searches_match_a_scan_of_the_listings_as_they_now_are()
    {
        var data = new DemoCommunityGenerator(Region, seed: 5).Generate(1500, new DateOnly(2026, 11, 1), "c");
        var added = new DemoCommunityGenerator(Region, seed: 6).Generate(200, new DateOnly(2026, 11, 1), "c");
        var schedules = SchedulesBySal(data).Concat(SchedulesBySal(added)).SelectMany(g => g.Select(s => (g.Key, s))).ToLookup(x => x.Key, x => x.s);
        var current = DirectoryEntryBuilder.Build(data, Zone).ToDictionary(e => e.ServiceAtLocationId);
        var newcomers = new Queue<DirectoryEntry>(DirectoryEntryBuilder.Build(added, Zone).Where(e => !current.ContainsKey(e.ServiceAtLocationId)));
        var live = new LiveDirectoryIndex(new DirectoryIndex(current.Values));
        var rng = new Random(21);
        var checkedNonEmpty = 0;
        for (var round = 0; round < 40; round++)
        {
            // A batch like an edit or an import: renamed, re-described, moved, re-tagged, removed and new listings.
            var ids = current.Keys.OrderBy(_ => rng.Next()).Take(1 + rng.Next(12)).ToList();
            var changed = new List<DirectoryEntry>();
            var removed = new List<string>();
            foreach (var id in ids)
            {
                var other = current.Values.ElementAt(rng.Next(current.Count));
                var e = current[id];
                switch (rng.Next(5))
                {
                    case 0: changed.Add(Copy(e, name: "Renamed family pantry " + round)); break;
                    case 1: changed.Add(Copy(e, description: "free legal help hotline")); break;
                    case 2: changed.Add(Copy(e, point: other.Point)); break;
                    case 3: changed.Add(Copy(e, terms: other.Terms, languages: other.Languages)); break;
                    default: removed.Add(id); break;
                }
            }

            for (var n = rng.Next(4); n > 0 && newcomers.Count > 0; n--) changed.Add(newcomers.Dequeue());
            foreach (var e in changed) current[e.ServiceAtLocationId] = e;
            foreach (var id in removed) current.Remove(id);
            live = live.With(changed, removed);
            if (round % 10 == 9) live = live.Compact();

            Assert.Equal(current.Count, live.Count);
            var entries = current.Values.ToList();
            for (var q = 0; q < 25; q++)
            {
                var query = new SearchQuery
                {
                    Need = rng.Next(3) == 0 ? null : NeedDomains.All[rng.Next(NeedDomains.All.Count)].Code,
                    Origin = rng.Next(4) == 0 ? null : new GeoPoint(39.2 + rng.NextDouble() * 0.18, -76.71 + rng.NextDouble() * 0.18),
                    Text = rng.Next(3) == 0 ? (rng.Next(2) == 0 ? "pantry" : "legal hotline") : null,
                    OpenNow = rng.Next(4) == 0,
                    At = new DateTimeOffset(2026, 11, 16, 5, 0, 0, TimeSpan.Zero).AddMinutes(rng.Next(7 * 24 * 60)),
                    Page = 1 + rng.Next(3),
                    PerPage = 10 + rng.Next(30),
                };
                if (query.Origin is not null && rng.Next(2) == 0) query = query with { RadiusKm = 0.5 + rng.NextDouble() * 8 };

                var expected = Oracle(entries, schedules, new HashSet<string>(), query); // these queries do not ask for accessibility
                var actual = live.Search(query);
                Assert.Equal(expected.Count, actual.TotalItems);
                Assert.Equal(expected.Skip((query.Page - 1) * query.PerPage).Take(query.PerPage).Select(e => e.ServiceAtLocationId), actual.Hits.Select(h => h.Entry.ServiceAtLocationId));
                if (actual.Hits.Count > 0) checkedNonEmpty++;
            }

            Assert.All(removed, id => Assert.Null(live.Find(id)));
            Assert.All(changed, e => Assert.Same(e, live.Find(e.ServiceAtLocationId)));
        }

        Assert.True(checkedNonEmpty > 300, $"only {checkedNonEmpty} searches had results");
    }

    private static DirectoryEntry Copy(DirectoryEntry e, string? name = null, string? description = null, GeoPoint? point = null,
        IReadOnlyList<ServiceTerm>? terms = null, IReadOnlyList<LanguageOffered>? languages = null) => new()
    {
        ServiceAtLocationId = e.ServiceAtLocationId, ServiceId = e.ServiceId, ServiceName = name ?? e.ServiceName, ServiceDescription = description ?? e.ServiceDescription,
        OrganizationId = e.OrganizationId, OrganizationName = e.OrganizationName, LocationName = e.LocationName, Address = e.Address, Point = point ?? e.Point,
        Terms = terms ?? e.Terms, Languages = languages ?? e.Languages, Hours = e.Hours, Phones = e.Phones, Eligibility = e.Eligibility, Fees = e.Fees, LastVerified = e.LastVerified,
    };

    [Fact]
    public void Paging_returns_consecutive_slices_of_one_order()
    {
        var data = new DemoCommunityGenerator(Region, seed: 3).Generate(500, new DateOnly(2026, 11, 1), "c");
        var index = new DirectoryIndex(DirectoryEntryBuilder.Build(data, Zone));
        var q = new SearchQuery { Origin = new GeoPoint(39.29, -76.62), At = DateTimeOffset.UtcNow, PerPage = 100 };
        var all = index.Search(q with { PerPage = 100, Page = 1 }).Hits.Concat(index.Search(q with { Page = 2 }).Hits).Select(h => h.Entry.ServiceAtLocationId).ToList();
        var pages = Enumerable.Range(1, 10).SelectMany(p => index.Search(q with { PerPage = 20, Page = p }).Hits).Select(h => h.Entry.ServiceAtLocationId).ToList();
        Assert.Equal(all, pages);
    }

    /// <summary>The specification, written as a scan: filters, then relevance desc, distance asc, name, id.</summary>
    private static List<DirectoryEntry> Oracle(List<DirectoryEntry> entries, ILookup<string, Schedule> schedules, IReadOnlySet<string> accessible, SearchQuery q)
    {
        var words = (q.Text ?? "").ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var scored = new List<(DirectoryEntry E, int Score, double Distance)>();
        foreach (var e in entries)
        {
            var distance = q.Origin is { } o && e.Point is { } p ? HaversineKm(o, p) : double.MaxValue;
            if (q.RadiusKm is { } r && distance > r) continue;
            if (q.Need is { } n && !e.Terms.Any(t => t.Code == n)) continue;
            if (q.Language is { } l && !e.Languages.Any(x => string.Equals(x.Code, l, StringComparison.OrdinalIgnoreCase) || string.Equals(x.Name, l, StringComparison.OrdinalIgnoreCase))) continue;
            if (q.OpenNow && !OpenAt(schedules[e.ServiceAtLocationId], q.At)) continue;
            // The demo's schedules are weekly (BYDAY) and always valid: a service opens on a date when one lists its weekday.
            if (q.OpenOn is { } on && !schedules[e.ServiceAtLocationId].Any(s => s.Byday!.Split(',').Contains(DayCodes[(int)on.DayOfWeek]))) continue;
            // The demo's fees read "Free" or "Sliding scale based on income"; its only age rule is a minimum of 60.
            if (q.Free && e.Fees != "Free") continue;
            if (q.Accessible && !accessible.Contains(e.ServiceAtLocationId)) continue;
            if (q.Age is { } age && (e.MinimumAge > age || e.MaximumAge < age)) continue;
            // The demo's rules: Baltimore City (24510) for every service, and an income limit for some; the 2025 guideline for four is $32,150.
            if (q.HideIneligible && q.For is { } f && ((f.County is { } county && county != "24510")
                || (e.Rules.IncomeLimitPercent is { } limit && f.YearlyIncome * 100 > limit * 32_150m))) continue;
            var score = 0;
            var all = true;
            foreach (var w in words)
            {
                var s = Words(e.ServiceName).Contains(w) ? 3
                    : Words(e.OrganizationName).Contains(w) || e.Terms.Any(t => Words(t.Name).Contains(w) || (NeedDomains.Find(t.Code ?? "") is { } d && (Words(d.English).Contains(w) || Words(d.Spanish).Contains(w)))) ? 2
                    : Words(e.ServiceDescription).Contains(w) ? 1 : 0;
                if (s == 0) { all = false; break; }
                score += s;
            }

            if (all) scored.Add((e, score, distance));
        }

        return [.. scored.OrderByDescending(x => x.Score).ThenBy(x => x.Distance)
            .ThenBy(x => x.E.ServiceName, StringComparer.Ordinal).ThenBy(x => x.E.ServiceAtLocationId, StringComparer.Ordinal).Select(x => x.E)];
    }

    /// <summary>The instant a local wall-clock time on a day of the week has (−1: a minute before, +1: a minute after).</summary>
    private static DateTimeOffset AtLocal(DateTimeOffset week, int day, TimeOnly time, int minutes)
    {
        var local = TimeZoneInfo.ConvertTime(week, Zone).Date.AddDays(day).Add(time.ToTimeSpan()).AddMinutes(minutes);
        // A wall time that does not exist (the spring-forward hour) is taken an hour later, as a clock would show.
        if (Zone.IsInvalidTime(local)) local = local.AddHours(1);
        return new DateTimeOffset(local, Zone.GetUtcOffset(local));
    }

    /// <summary>Great-circle distance on a sphere of the IUGG mean Earth radius, 6,371.0088 km.</summary>
    private static double HaversineKm(GeoPoint a, GeoPoint b)
    {
        static double Rad(double degrees) => degrees * Math.PI / 180;
        var h = Math.Pow(Math.Sin(Rad(b.Latitude - a.Latitude) / 2), 2) + Math.Cos(Rad(a.Latitude)) * Math.Cos(Rad(b.Latitude)) * Math.Pow(Math.Sin(Rad(b.Longitude - a.Longitude) / 2), 2);
        return 2 * 6371.0088 * Math.Asin(Math.Sqrt(h));
    }

    /// <summary>
    /// Open if the local wall-clock time falls in one of the weekly intervals of the day before or
    /// of the day itself: [day + opens, day + closes), closing the next day when closes ≤ opens.
    /// </summary>
    private static bool OpenAt(IEnumerable<Schedule> schedules, DateTimeOffset instant)
    {
        var local = TimeZoneInfo.ConvertTime(instant, Zone).DateTime;
        foreach (var s in schedules)
        {
            var (opens, closes) = (TimeSpan.Parse(s.OpensAt!, System.Globalization.CultureInfo.InvariantCulture), TimeSpan.Parse(s.ClosesAt!, System.Globalization.CultureInfo.InvariantCulture));
            foreach (var day in new[] { local.Date.AddDays(-1), local.Date })
            {
                if (!s.Byday!.Split(',').Contains(DayCodes[(int)day.DayOfWeek])) continue;
                var start = day + opens;
                var end = day + closes + (closes <= opens ? TimeSpan.FromDays(1) : TimeSpan.Zero);
                if (local >= start && local < end) return true;
            }
        }

        return false;
    }

    /// <summary>The listings whose location has an HSDS accessibility record with a description.</summary>
    private static HashSet<string> AccessibleSals(Braid.Core.Directory.Hsds.HsdsDataset data)
    {
        var described = data.All<Accessibility>().Where(a => !string.IsNullOrWhiteSpace(a.Description)).Select(a => a.LocationId).ToHashSet();
        return [.. data.All<ServiceAtLocation>().Where(s => described.Contains(s.LocationId)).Select(s => s.Id)];
    }

    private static readonly string[] DayCodes = ["SU", "MO", "TU", "WE", "TH", "FR", "SA"];

    /// <summary>Each listing's hours: its own schedules, else its service's (at any or this location), else its location's.</summary>
    private static ILookup<string, Schedule> SchedulesBySal(Braid.Core.Directory.Hsds.HsdsDataset data) =>
        data.All<ServiceAtLocation>().SelectMany(sal =>
        {
            var own = data.All<Schedule>().Where(s => s.ServiceAtLocationId == sal.Id).ToList();
            if (own.Count == 0) own = [.. data.All<Schedule>().Where(s => s.ServiceId == sal.ServiceId && (s.LocationId is null || s.LocationId == sal.LocationId))];
            if (own.Count == 0) own = [.. data.All<Schedule>().Where(s => s.LocationId == sal.LocationId)];
            return own.Select(s => (sal.Id, s));
        }).ToLookup(x => x.Item1, x => x.Item2);

    private static string[] Words(string? text) =>
        (text ?? "").ToLowerInvariant().Normalize(System.Text.NormalizationForm.FormD)
            .Where(c => System.Globalization.CharUnicodeInfo.GetUnicodeCategory(c) != System.Globalization.UnicodeCategory.NonSpacingMark)
            .Select(c => char.IsLetterOrDigit(c) ? c : ' ').ToArray() is var chars ? new string(chars).Split(' ', StringSplitOptions.RemoveEmptyEntries) : [];
}
