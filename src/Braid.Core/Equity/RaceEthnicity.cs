namespace Braid.Core.Equity;

/// <summary>How people who report several races or ethnicities are counted (OMB SPD 15, 2024).</summary>
public enum RaceView
{
    /// <summary>Each minimum category alone, plus everyone who chose two or more as "Multiracial": every person once.</summary>
    Multiracial,
    /// <summary>Only people who chose exactly one category; people who chose several are left out (and counted).</summary>
    Alone,
    /// <summary>Each category alone or in combination: a person who chose two is in both groups, so groups overlap.</summary>
    Combination,
    /// <summary>Hispanic or Latino (with or without another selection), and everyone else by the Multiracial view.</summary>
    Hispanic,
}

/// <summary>
/// Race and ethnicity as people report them under OMB SPD 15 (2024): one combined question, any
/// number of the seven minimum categories (separated by ';' or '|'), including Middle Eastern or
/// North African, or a refusal. Common spellings are recognised; anything else is kept as written.
/// </summary>
public static class RaceEthnicity
{
    public const string Declined = "Declined or unknown";
    public const string Multiracial = "Multiracial";
    public const string NotHispanic = "not Hispanic or Latino";

    /// <summary>The seven minimum categories, in the standard's order.</summary>
    public static readonly IReadOnlyList<string> Categories =
    [
        "American Indian or Alaska Native", "Asian", "Black or African American", "Hispanic or Latino",
        "Middle Eastern or North African", "Native Hawaiian or Pacific Islander", "White",
    ];

    private static readonly Dictionary<string, string> Synonyms = new(StringComparer.OrdinalIgnoreCase)
    {
        ["AIAN"] = Categories[0], ["American Indian"] = Categories[0], ["Alaska Native"] = Categories[0], ["Native American"] = Categories[0],
        ["Black"] = Categories[2], ["African American"] = Categories[2],
        ["Hispanic"] = Categories[3], ["Latino"] = Categories[3], ["Latina"] = Categories[3], ["Latinx"] = Categories[3], ["Hispanic or Latina/o/x"] = Categories[3],
        ["MENA"] = Categories[4], ["Middle Eastern"] = Categories[4], ["North African"] = Categories[4],
        ["NHPI"] = Categories[5], ["Native Hawaiian"] = Categories[5], ["Pacific Islander"] = Categories[5], ["Native Hawaiian or Other Pacific Islander"] = Categories[5],
        ["Declined"] = Declined, ["Prefer not to say"] = Declined, ["Prefer not to answer"] = Declined, ["Unknown"] = Declined, ["Refused"] = Declined, ["Not reported"] = Declined,
    };

    private static readonly Dictionary<string, string> Known = Categories.ToDictionary(c => c, c => c, StringComparer.OrdinalIgnoreCase)
        .Concat(Synonyms).ToDictionary(p => p.Key, p => p.Value, StringComparer.OrdinalIgnoreCase);

    /// <summary>Whether a column looks like race and ethnicity: most of its distinct values are the standard's categories or combinations of them.</summary>
    public static bool Recognizes(EquityColumn column)
    {
        var values = column.Levels.Where(l => l.Length > 0).ToList();
        if (values.Count == 0) return false;
        var known = values.Count(v => Selections(v).All(s => Known.ContainsKey(s)));
        return known * 2 > values.Count && values.Any(v => Selections(v).Any(s => Known.TryGetValue(s, out var c) && c != Declined));
    }

    /// <summary>The selections in one answer, normalised to the standard's category names (duplicates removed, in the standard's order).</summary>
    public static IReadOnlyList<string> Normalize(string answer)
    {
        var chosen = Selections(answer).Select(s => Known.TryGetValue(s, out var c) ? c : s).Distinct().ToList();
        return chosen.Count > 1 ? [.. chosen.Where(c => c != Declined).OrderBy(c => Categories.ToList().IndexOf(c) is >= 0 and var i ? i : 99).ThenBy(c => c)] : chosen;
    }

    private static IEnumerable<string> Selections(string answer) =>
        answer.Split([';', '|'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>
    /// Groups by <paramref name="view"/>. For the overlapping <see cref="RaceView.Combination"/>
    /// view, people with several selections are in no group by <see cref="Grouping.Map"/> and
    /// <see cref="Grouping.Memberships"/> lists all of their groups.
    /// </summary>
    public static Grouping View(EquityColumn column, RaceView view)
    {
        var levels = new List<string>();
        int CodeOf(string level)
        {
            var i = levels.IndexOf(level);
            if (i >= 0) return i;
            levels.Add(level);
            return levels.Count - 1;
        }

        // Decide each distinct answer once; rows then only look their answer up.
        var answerGroups = column.Levels.Select(answer =>
        {
            var chosen = Normalize(answer);
            var hispanic = chosen.Contains(Categories[3]);
            IReadOnlyList<int> groups = view switch
            {
                _ when chosen.Count == 0 => [CodeOf(Declined)],
                RaceView.Hispanic => [CodeOf(hispanic ? Categories[3] : chosen.Count == 1 ? $"{chosen[0]}, {NotHispanic}" : $"{Multiracial}, {NotHispanic}")],
                _ when chosen.Count == 1 => [CodeOf(chosen[0])],
                RaceView.Multiracial => [CodeOf(Multiracial)],
                RaceView.Alone => [],
                _ => [.. chosen.Select(CodeOf)],
            };
            return groups;
        }).ToArray();

        // Each answer's group when it has exactly one (an empty answer counts as declined).
        var declined = CodeOf(Declined);
        int[] map = [declined, .. answerGroups.Select(g => g.Count == 1 ? g[0] : -1)];
        int[][]? memberships = null;
        if (view == RaceView.Combination)
        {
            var groupsOf = answerGroups.Select(g => g.ToArray()).ToArray();
            memberships = [.. column.Codes.Select(answer => answer < 0 ? [declined] : groupsOf[answer])];
        }

        var name = view switch
        {
            RaceView.Multiracial => EquityText.Get("each-category-alone-two-or-more"),
            RaceView.Alone => EquityText.Get("each-category-alone-people-who-chose"),
            RaceView.Combination => EquityText.Get("each-category-alone-or-in-combination"),
            _ => EquityText.Get("hispanic-or-latino-of-any-race"),
        };
        return new Grouping(column.Name, column.Codes, map, levels, name) { Memberships = memberships, Standard = true };
    }
}
