using System.Globalization;
using Braid.Core.Directory.Hsds;

namespace Braid.Core.Directory.Schedules;

/// <summary>A day of the week, optionally the nth of its month (RFC 5545 BYDAY such as <c>MO</c>, <c>1MO</c>, <c>-1FR</c>).</summary>
public readonly record struct ByDay(DayOfWeek Day, int Ordinal = 0);

/// <summary>
/// When a service is open, compiled from one HSDS schedule row: the iCalendar-style recurrence
/// (freq, interval, byday, bymonthday, dtstart, until) bounded by valid_from/valid_to, with
/// opening hours in the wall-clock time of the place.
/// </summary>
public sealed record OpeningRule(
    TimeOnly Opens,
    TimeOnly Closes,
    IReadOnlyList<ByDay> Days,
    IReadOnlyList<int> MonthDays,
    bool Monthly = false,
    int Interval = 1,
    DateOnly? Start = null,
    DateOnly? Until = null,
    DateOnly? ValidFrom = null,
    DateOnly? ValidTo = null)
{
    private static readonly string[] TimeFormats = ["HH:mm:ss", "HH:mm", "H:mm", "HH:mm:ss.FFFFFFF"];
    private static readonly string[] DayCodes = ["SU", "MO", "TU", "WE", "TH", "FR", "SA"];

    /// <summary>Hours that wrap past midnight (22:00–02:00) close on the next day.</summary>
    public bool Overnight => Closes <= Opens;

    /// <summary>Whether the recurrence has an occurrence starting on this local date.</summary>
    public bool OccursOn(DateOnly date)
    {
        if (date < ValidFrom || date > ValidTo || date < Start || date > Until)
        {
            return false;
        }

        if (Monthly)
        {
            return MonthDays.Any(d => d == date.Day || (d < 0 && date.Day == DateTime.DaysInMonth(date.Year, date.Month) + d + 1))
                || Days.Any(d => d.Day == date.DayOfWeek && MatchesOrdinal(date, d.Ordinal));
        }

        if (Days.Count > 0 && !HasWeekday(date.DayOfWeek))
        {
            return false;
        }

        // Every INTERVAL weeks, counted from the week of dtstart (weeks starting Monday, RFC 5545's default WKST).
        if (Interval > 1 && Start is { } start)
        {
            var weeks = (StartOfWeek(date).DayNumber - StartOfWeek(start).DayNumber) / 7;
            return weeks % Interval == 0;
        }

        return true;
    }

    /// <summary>Whether the rule has the place open at this wall-clock moment.</summary>
    public bool IsOpenAt(DateTime local)
    {
        var date = DateOnly.FromDateTime(local);
        var time = TimeOnly.FromDateTime(local);
        if (!Overnight)
        {
            return time >= Opens && time < Closes && OccursOn(date);
        }

        return (time >= Opens && OccursOn(date)) || (time < Closes && OccursOn(date.AddDays(-1)));
    }

    /// <summary>Compiles an HSDS schedule row; null when it carries no usable opening hours.</summary>
    public static OpeningRule? FromHsds(Schedule s)
    {
        if (!TryParseTime(s.OpensAt, out var opens) || !TryParseTime(s.ClosesAt, out var closes))
        {
            return null;
        }

        var days = ParseByDay(s.Byday);
        var monthDays = (s.Bymonthday ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(d => int.TryParse(d, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) ? n : 0)
            .Where(n => n != 0).ToList();
        return new OpeningRule(
            opens, closes, days, monthDays,
            Monthly: string.Equals(s.Freq, "MONTHLY", StringComparison.OrdinalIgnoreCase),
            Interval: s.Interval is >= 1 ? (int)s.Interval.Value : 1,
            Start: ParseDate(s.Dtstart),
            Until: ParseDate(s.Until),
            ValidFrom: ParseDate(s.ValidFrom),
            ValidTo: ParseDate(s.ValidTo));
    }

    public static bool TryParseTime(string? text, out TimeOnly time) =>
        TimeOnly.TryParseExact(text?.Trim(), TimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out time);

    public static IReadOnlyList<ByDay> ParseByDay(string? text)
    {
        var result = new List<ByDay>();
        foreach (var part in (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (part.Length < 2)
            {
                continue;
            }

            var day = Array.IndexOf(DayCodes, part[^2..].ToUpperInvariant());
            if (day < 0)
            {
                continue;
            }

            var ordinal = part.Length > 2 && int.TryParse(part[..^2], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) ? n : 0;
            result.Add(new ByDay((DayOfWeek)day, ordinal));
        }

        return result;
    }

    /// <summary>Whether text is an RFC 5545 BYDAY list (codes with optional ordinals).</summary>
    public static bool IsValidByDay(string text) =>
        text.Split(',', StringSplitOptions.TrimEntries).All(p =>
            p.Length >= 2 && Array.IndexOf(DayCodes, p[^2..].ToUpperInvariant()) >= 0 &&
            (p.Length == 2 || int.TryParse(p[..^2], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _)));

    private static DateOnly? ParseDate(string? text) =>
        DateOnly.TryParseExact(text?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;

    // A loop rather than LINQ: "open now" asks this of every candidate listing.
    private bool HasWeekday(DayOfWeek day)
    {
        for (var i = 0; i < Days.Count; i++)
        {
            if (Days[i].Day == day) return true;
        }

        return false;
    }

    private static DateOnly StartOfWeek(DateOnly d) => d.AddDays(-(((int)d.DayOfWeek + 6) % 7));

    private static bool MatchesOrdinal(DateOnly date, int ordinal)
    {
        if (ordinal == 0)
        {
            return true;
        }

        if (ordinal > 0)
        {
            return (date.Day - 1) / 7 + 1 == ordinal;
        }

        var daysInMonth = DateTime.DaysInMonth(date.Year, date.Month);
        return (daysInMonth - date.Day) / 7 + 1 == -ordinal;
    }
}
