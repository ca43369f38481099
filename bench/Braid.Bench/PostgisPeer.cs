using Braid.Core.Directory.Schedules;
using Braid.Core.Directory.Search;
using Npgsql;
using NpgsqlTypes;

namespace Braid.Bench;

/// <summary>
/// The peer: the same listings in PostgreSQL + PostGIS, as a database-backed directory would hold
/// them (geography point with a GiST index; GIN indexes on taxonomy codes, languages and a weighted
/// tsvector; weekly hours as an int4multirange of minutes since Monday), answering the same
/// queries with the same filters, relevance, order and total count in one SQL statement.
/// </summary>
public sealed class PostgisPeer(NpgsqlDataSource db, TimeZoneInfo zone)
{
    private const string Table = "bench_directory";

    public async Task<TimeSpan> LoadAsync(IReadOnlyList<DirectoryEntry> entries)
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        await Execute($"""
            CREATE EXTENSION IF NOT EXISTS postgis;
            DROP TABLE IF EXISTS {Table};
            CREATE TABLE {Table} (
              sal_id text COLLATE "C" PRIMARY KEY,
              name text COLLATE "C" NOT NULL,
              lat double precision,
              lon double precision,
              terms text[] NOT NULL,
              languages text[] NOT NULL,
              name_words text NOT NULL,
              other_words text NOT NULL,
              description_words text NOT NULL,
              open_week int4multirange,
              geog geography(Point, 4326) GENERATED ALWAYS AS (ST_SetSRID(ST_MakePoint(lon, lat), 4326)::geography) STORED,
              doc tsvector GENERATED ALWAYS AS (
                setweight(to_tsvector('simple', name_words), 'A') ||
                setweight(to_tsvector('simple', other_words), 'B') ||
                setweight(to_tsvector('simple', description_words), 'C')) STORED);
            """);

        await using (var connection = await db.OpenConnectionAsync())
        await using (var copy = await connection.BeginBinaryImportAsync(
            $"COPY {Table} (sal_id, name, lat, lon, terms, languages, name_words, other_words, description_words, open_week) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var e in entries)
            {
                await copy.StartRowAsync();
                await copy.WriteAsync(e.ServiceAtLocationId, NpgsqlDbType.Text);
                await copy.WriteAsync(e.ServiceName, NpgsqlDbType.Text);
                await WriteNullable(copy, e.Point?.Latitude);
                await WriteNullable(copy, e.Point?.Longitude);
                await copy.WriteAsync(e.Terms.SelectMany(t => new[] { t.Id, t.Code }).OfType<string>().Select(s => s.ToLowerInvariant()).Distinct().ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text);
                await copy.WriteAsync(e.Languages.SelectMany(l => new[] { l.Code, l.Name }).OfType<string>().Select(s => s.ToLowerInvariant()).Distinct().ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text);
                await copy.WriteAsync(Words(e.ServiceName), NpgsqlDbType.Text);
                await copy.WriteAsync(Words(e.OrganizationName) + " " + string.Join(" ", e.Terms.Select(DirectoryIndex.SearchableWords).SelectMany(w => w)), NpgsqlDbType.Text);
                await copy.WriteAsync(Words(e.ServiceDescription), NpgsqlDbType.Text);
                if (WeeklyMinutes(e.Hours) is { } week) await copy.WriteAsync(week, NpgsqlDbType.IntegerMultirange);
                else await copy.WriteNullAsync();
            }

            await copy.CompleteAsync();
        }

        await Execute($"""
            CREATE INDEX ON {Table} USING gist (geog);
            CREATE INDEX ON {Table} USING gin (terms);
            CREATE INDEX ON {Table} USING gin (languages);
            CREATE INDEX ON {Table} USING gin (doc);
            """);
        await Execute($"VACUUM ANALYZE {Table}");
        return started.Elapsed;
    }

    /// <summary>Answers a query: the page of service-at-location ids in order, and the total that matched.</summary>
    public async Task<(int Total, List<string> Ids)> SearchAsync(SearchQuery q)
    {
        await using var cmd = db.CreateCommand();
        var where = new List<string>();
        var words = TextTokens.Of(q.Text).Distinct().ToList();
        var relevance = words.Count == 0 ? "0" : string.Join(" + ", words.Select((w, i) =>
        {
            cmd.Parameters.AddWithValue("w" + i, w);
            return $"(CASE WHEN doc @@ to_tsquery('simple', @w{i} || ':A') THEN 3 WHEN doc @@ to_tsquery('simple', @w{i} || ':B') THEN 2 ELSE 1 END)";
        }));
        if (words.Count > 0)
        {
            where.Add("doc @@ to_tsquery('simple', @all)");
            cmd.Parameters.AddWithValue("all", string.Join(" & ", words));
        }

        var distance = "NULL::double precision";
        if (q.Origin is { } o)
        {
            cmd.Parameters.AddWithValue("lat", o.Latitude);
            cmd.Parameters.AddWithValue("lon", o.Longitude);
            const string origin = "ST_SetSRID(ST_MakePoint(@lon, @lat), 4326)::geography";
            distance = $"ST_Distance(geog, {origin}, false)";
            if (q.RadiusKm is { } r)
            {
                where.Add($"ST_DWithin(geog, {origin}, @radius, false)");
                cmd.Parameters.AddWithValue("radius", r * 1000);
            }
        }

        if (q.Need is { } need)
        {
            where.Add("terms @> ARRAY[@need]");
            cmd.Parameters.AddWithValue("need", need.ToLowerInvariant());
        }

        if (q.Language is { } language)
        {
            where.Add("languages @> ARRAY[@language]");
            cmd.Parameters.AddWithValue("language", language.ToLowerInvariant());
        }

        if (q.OpenNow)
        {
            where.Add("open_week @> @minute");
            cmd.Parameters.AddWithValue("minute", MinuteOfWeek(TimeZoneInfo.ConvertTime(q.At, zone).DateTime));
        }

        cmd.Parameters.AddWithValue("limit", q.PerPage);
        cmd.Parameters.AddWithValue("offset", (q.Page - 1) * q.PerPage);
        cmd.CommandText = $"""
            SELECT sal_id, count(*) OVER () AS total, {relevance} AS relevance, {distance} AS distance
            FROM {Table}
            {(where.Count > 0 ? "WHERE " + string.Join(" AND ", where) : "")}
            ORDER BY relevance DESC, distance, name, sal_id
            LIMIT @limit OFFSET @offset
            """;
        var ids = new List<string>();
        var total = 0;
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetString(0));
            total = (int)reader.GetInt64(1);
        }

        return (total, ids);
    }

    /// <summary>Weekly hours as minutes since Monday 00:00; null when a rule is not a plain weekly one (the peer cannot express it).</summary>
    public static NpgsqlRange<int>[]? WeeklyMinutes(OpeningHours hours)
    {
        if (hours.Rules.Count == 0 || hours.Rules.Any(r => r.Monthly || r.Interval > 1 || r.ValidFrom is not null || r.ValidTo is not null || r.Start is not null || r.Until is not null))
        {
            return null;
        }

        var ranges = new List<(int From, int To)>();
        foreach (var rule in hours.Rules)
        {
            var days = rule.Days.Count == 0 ? Enum.GetValues<DayOfWeek>() : rule.Days.Select(d => d.Day);
            foreach (var day in days)
            {
                var start = DayIndex(day) * 1440;
                var (opens, closes) = ((int)rule.Opens.ToTimeSpan().TotalMinutes, (int)rule.Closes.ToTimeSpan().TotalMinutes);
                if (!rule.Overnight)
                {
                    ranges.Add((start + opens, start + closes));
                }
                else
                {
                    ranges.Add((start + opens, start + 1440));
                    var next = (start + 1440) % (7 * 1440);
                    if (closes > 0) ranges.Add((next, next + closes));
                }
            }
        }

        return [.. ranges.Select(r => new NpgsqlRange<int>(r.From, true, r.To, false))];
    }

    public static int MinuteOfWeek(DateTime local) => DayIndex(local.DayOfWeek) * 1440 + local.Hour * 60 + local.Minute;

    private static int DayIndex(DayOfWeek day) => ((int)day + 6) % 7;

    private static string Words(string? text) => string.Join(" ", TextTokens.Of(text));

    private static async Task WriteNullable(NpgsqlBinaryImporter copy, double? value)
    {
        if (value is { } v) await copy.WriteAsync(v, NpgsqlDbType.Double);
        else await copy.WriteNullAsync();
    }

    private async Task Execute(string sql)
    {
        await using var cmd = db.CreateCommand(sql);
        cmd.CommandTimeout = 0;
        await cmd.ExecuteNonQueryAsync();
    }
}
