using System.Globalization;
using Braid.Core.Directory.Schedules;

namespace Braid.Web.Directory;

/// <summary>Opening hours in words, in English or Spanish.</summary>
public static class HoursText
{
    private static readonly DayOfWeek[] Week = [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday, DayOfWeek.Sunday];

    public static string Describe(OpeningRule rule, bool spanish)
    {
        var culture = CultureInfo.GetCultureInfo(spanish ? "es-US" : "en-US");
        var days = rule.Days.Count == 0 || rule.Days.Count == 7 && rule.Days.All(d => d.Ordinal == 0)
            ? (spanish ? "Todos los días" : "Every day")
            : string.Join(", ", rule.Days.OrderBy(d => Array.IndexOf(Week, d.Day)).Select(d => Ordinal(d.Ordinal, spanish) + culture.DateTimeFormat.GetAbbreviatedDayName(d.Day)));
        if (rule.Monthly && rule.MonthDays.Count > 0)
        {
            days = (spanish ? "Días del mes " : "Days of the month ") + string.Join(", ", rule.MonthDays);
        }

        var hours = rule.Opens == rule.Closes
            ? (spanish ? "abierto las 24 horas" : "open 24 hours")
            : $"{rule.Opens.ToString("HH:mm", CultureInfo.InvariantCulture)}–{rule.Closes.ToString("HH:mm", CultureInfo.InvariantCulture)}";
        return $"{days}: {hours}";
    }

    private static string Ordinal(int n, bool spanish) => n switch
    {
        0 => "",
        -1 => spanish ? "último " : "last ",
        _ => spanish ? $"{n}.º " : $"{n}{(n == 1 ? "st" : n == 2 ? "nd" : n == 3 ? "rd" : "th")} ",
    };
}
