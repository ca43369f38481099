using System.Buffers;
using System.Globalization;
using System.Text;
using F23.StringSimilarity;

namespace Braid.Core.People;

/// <summary>The fields two person records are compared on, already normalized (see <see cref="PersonMatching.Of"/>).</summary>
public sealed record MatchFields(string? Given, string? Family, DateOnly? BirthDate, string? Phone, string? Address);

/// <summary>How one field compared, for the navigator: agreed exactly, as a nickname, with a typo, with day and month swapped…</summary>
public sealed record FieldAgreement(string Field, string How, double Weight);

/// <summary>A scored comparison and the fields that explain it.</summary>
public sealed record MatchResult(double Score, IReadOnlyList<FieldAgreement> Fields)
{
    public bool IsLikely(double threshold = PersonMatching.DefaultThreshold) => Score >= threshold;
}

/// <summary>
/// Finds likely duplicate people. Each field adds evidence for or against (log-odds weights in the
/// manner of Fellegi and Sunter): names exactly, as nicknames or within a typo; a date of birth
/// exactly, with day and month swapped or with two digits transposed; phone; address. A family name
/// that differs costs little, since people change family names, but then a phone or address must
/// agree too. A first name or date of birth that differs outright weighs heavily: twins and a
/// father and son of the same name share everything else.
/// </summary>
public static class PersonMatching
{
    public const double DefaultThreshold = 7.0;

    private static readonly JaroWinkler Similar = new();
    private static readonly Damerau Edits = new();

    private static readonly string[][] NicknameGroups =
    [
        ["william", "bill", "billy", "will", "willie"], ["robert", "bob", "bobby", "rob", "robbie"], ["elizabeth", "liz", "beth", "betty", "eliza", "lisa"],
        ["margaret", "peggy", "maggie", "meg"], ["richard", "rick", "ricky", "dick"], ["james", "jim", "jimmy", "jamie"], ["joseph", "joe", "joey"],
        ["jose", "pepe", "chepe"], ["francisco", "paco", "pancho", "frank"], ["jesus", "chuy"], ["guadalupe", "lupe"], ["katherine", "kate", "katie", "kathy", "catherine"],
        ["michael", "mike", "mikey"], ["anthony", "tony"], ["thomas", "tom", "tommy"], ["christopher", "chris"], ["jennifer", "jen", "jenny"],
        ["patricia", "pat", "patty", "trish"], ["alejandro", "alex", "alejo"], ["alexander", "alex", "sandy"], ["daniel", "dan", "danny"], ["samuel", "sam", "sammy"],
        ["deborah", "debbie", "deb"], ["susan", "sue", "susie"], ["charles", "charlie", "chuck"], ["edward", "ed", "eddie", "ted"], ["steven", "steve"],
        ["stephen", "steve"], ["nicholas", "nick"], ["matthew", "matt"], ["andrew", "andy", "drew"], ["jonathan", "jon"], ["benjamin", "ben"], ["timothy", "tim"],
        ["rebecca", "becky"], ["victoria", "vicky", "tori"], ["dolores", "lola"], ["manuel", "manny", "manolo"], ["roberto", "beto"], ["alberto", "beto"],
        ["eduardo", "lalo"], ["enrique", "kike", "quique"], ["ignacio", "nacho"], ["antonio", "tono", "tony"], ["maria", "mari"], ["gregory", "greg"],
        ["kimberly", "kim"], ["jessica", "jess"], ["ronald", "ron", "ronnie"], ["donald", "don", "donnie"], ["kenneth", "ken", "kenny"], ["dorothy", "dot", "dottie"],
    ];

    private static readonly SearchValues<char> PlainAscii = SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789 ");

    private static readonly ILookup<string, int> Groups = NicknameGroups.SelectMany((g, i) => g.Select(n => (n, i))).ToLookup(p => p.n, p => p.i);

    /// <summary>Letters folded to ASCII lower case (José → jose) and digits; other characters dropped but spaces.</summary>
    public static string Fold(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return "";
        // Search folds hundreds of candidates' names a query, most of them plain ASCII words.
        if (!text.AsSpan().ContainsAnyExcept(PlainAscii) && text[0] != ' ' && text[^1] != ' ' && !text.Contains("  ", StringComparison.Ordinal)) return text.ToLowerInvariant();
        var folded = new StringBuilder();
        foreach (var c in text.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;
            if (char.IsLetterOrDigit(c)) folded.Append(char.ToLowerInvariant(c));
            else if (char.IsWhiteSpace(c) || c is '-' or '\'') folded.Append(' ');
        }

        return string.Join(' ', folded.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }

    /// <summary>The key names are listed by: family then given name, folded.</summary>
    public static string NameKey(string? given, string? family) => (Fold(family) + " " + Fold(given)).Trim();

    /// <summary>
    /// The American Soundex code of a name's first word (Robert and Rupert → R163), so records are
    /// found despite a misspelling: the blocking key of search and duplicate detection. No package
    /// served here computes it; the rules are the National Archives' (letters coded in six groups,
    /// a code repeated across h or w kept once, vowels separating, four characters).
    /// </summary>
    public static string Soundex(string? name)
    {
        var word = Fold(name).Split(' ')[0];
        if (word.Length == 0) return "";
        var key = new StringBuilder().Append(char.ToUpperInvariant(word[0]));
        var last = SoundexDigit(word[0]);
        foreach (var c in word.AsSpan(1))
        {
            if (c is 'h' or 'w') continue;
            var digit = SoundexDigit(c);
            if (digit != '0' && digit != last) key.Append(digit);
            last = digit;
            if (key.Length == 4) break;
        }

        return key.ToString().PadRight(4, '0');
    }

    private static char SoundexDigit(char c) => c switch
    {
        'b' or 'f' or 'p' or 'v' => '1',
        'c' or 'g' or 'j' or 'k' or 'q' or 's' or 'x' or 'z' => '2',
        'd' or 't' => '3',
        'l' => '4',
        'm' or 'n' => '5',
        'r' => '6',
        _ => '0',
    };

    public static MatchFields Of(Person person) => new(
        Fold(person.GivenName), Fold(person.FamilyName), person.BirthDate, person.Phone is { } p ? PersonRules.PhoneDigits(p) : null,
        person.AddressLine is { } line ? Fold(line) + (person.PostalCode is { } zip ? " " + zip[..Math.Min(5, zip.Length)] : "") : null);

    public static MatchResult Compare(MatchFields a, MatchFields b)
    {
        var fields = new List<FieldAgreement>();
        if (Present(a.Given, b.Given)) fields.Add(Name("given_name", a.Given!, b.Given!, exact: 3, nickname: 2.5, typo: 2, differ: -9));
        if (Present(a.Family, b.Family)) fields.Add(Name("family_name", a.Family!, b.Family!, exact: 3.5, nickname: 0, typo: 2.5, differ: -1.5));
        if (a.BirthDate is { } x && b.BirthDate is { } y) fields.Add(BirthDate(x, y));
        if (Present(a.Phone, b.Phone)) fields.Add(a.Phone == b.Phone ? new("phone", "exact", 4) : new("phone", "differs", -0.5));
        if (Present(a.Address, b.Address))
            fields.Add(a.Address == b.Address ? new("address", "exact", 2.5) : Similar.Similarity(a.Address, b.Address) >= 0.93 ? new("address", "typo", 1.5) : new("address", "differs", -0.5));
        return new MatchResult(fields.Sum(f => f.Weight), fields);
    }

    private static bool Present(string? a, string? b) => !string.IsNullOrEmpty(a) && !string.IsNullOrEmpty(b);

    private static FieldAgreement Name(string field, string a, string b, double exact, double nickname, double typo, double differ)
    {
        if (a == b) return new(field, "exact", exact);
        var (first, second) = (FirstWord(a), FirstWord(b));
        if (nickname > 0 && Groups.Contains(first) && Groups.Contains(second) && Groups[first].Intersect(Groups[second]).Any()) return new(field, "nickname", nickname);
        // One name inside the other (a second family name added or dropped) or within a typo or two.
        // Search compares hundreds of candidates a query: the cheap tests (one word each, lengths
        // two apart, which no single edit bridges) spare the costlier ones.
        var oneWordEach = first.Length == a.Length && second.Length == b.Length;
        if ((!oneWordEach && a.Split(' ').Intersect(b.Split(' ')).Any()) || Similar.Similarity(a, b) >= 0.9 || (Math.Abs(a.Length - b.Length) <= 1 && Edits.Distance(a, b) <= 1))
            return new(field, "typo", typo);
        return new(field, "differs", differ);

        static string FirstWord(string name) => name.IndexOf(' ') is var i and >= 0 ? name[..i] : name;
    }

    private static FieldAgreement BirthDate(DateOnly a, DateOnly b)
    {
        if (a == b) return new("birth_date", "exact", 5);
        if (a.Year == b.Year && a.Month == b.Day && a.Day == b.Month) return new("birth_date", "day and month swapped", 3.5);
        var (x, y) = (a.ToString("yyyyMMdd", CultureInfo.InvariantCulture), b.ToString("yyyyMMdd", CultureInfo.InvariantCulture));
        var differing = Enumerable.Range(0, 8).Where(i => x[i] != y[i]).ToList();
        if (differing is [var i, var j] && j == i + 1 && x[i] == y[j] && x[j] == y[i]) return new("birth_date", "two digits transposed", 3);
        if (differing.Count == 1) return new("birth_date", "one digit differs", 2.5);
        return new("birth_date", "differs", -7);
    }
}
