namespace Braid.Core.Directory.Schedules;

/// <summary>All the opening rules of a place, read in the place's own time zone.</summary>
public sealed class OpeningHours(IReadOnlyList<OpeningRule> rules, TimeZoneInfo zone)
{
    public IReadOnlyList<OpeningRule> Rules { get; } = rules;

    public TimeZoneInfo Zone { get; } = zone;

    /// <summary>Unknown when no rule has hours: a listing without hours is neither open nor closed.</summary>
    public bool? IsOpenAt(DateTimeOffset instant) =>
        Rules.Count == 0 ? null : IsOpenAtLocal(TimeZoneInfo.ConvertTime(instant, Zone).DateTime);

    /// <summary>Whether the place opens at some time on this local date; unknown when no rule has hours.</summary>
    public bool? OpensOn(DateOnly date) => Rules.Count == 0 ? null : Rules.Any(r => r.OccursOn(date));

    /// <summary>As <see cref="IsOpenAt"/>, for a wall-clock time already in <see cref="Zone"/>.</summary>
    public bool? IsOpenAtLocal(DateTime local)
    {
        if (Rules.Count == 0)
        {
            return null;
        }

        foreach (var rule in Rules)
        {
            if (rule.IsOpenAt(local))
            {
                return true;
            }
        }

        return false;
    }
}
