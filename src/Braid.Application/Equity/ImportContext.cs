using Braid.Core.Equity;
using Braid.Data.Equity;

namespace Braid.Application.Equity;

/// <summary>Analysts import tract-level context (a CSV keyed by census tract GEOID), merged by GEOID into what is there, with its citation.</summary>
public sealed class ImportContext(UseCaseContext context, ContextStore tracts)
{
    /// <summary>The context files imported so far, with what they are cited as.</summary>
    public async Task<IReadOnlyList<ContextSourceRow>> SourcesAsync(CancellationToken ct = default)
    {
        await context.AuthorizeAsync(Permission.ContextImport, ct: ct);
        return await tracts.SourcesAsync(context.CommunityId.Value, ct);
    }

    /// <param name="file">The parsed file.</param>
    /// <param name="fileName">The file's name, for the citation list and the audit trail.</param>
    /// <param name="source">Where the data comes from and its licence; the file's own known citation when not given.</param>
    /// <param name="ct">Cancels the import.</param>
    public async Task<(int Tracts, string Citation)> RunAsync(ContextFile file, string fileName, string? source, CancellationToken ct = default)
    {
        var actor = await context.AuthorizeAsync(Permission.ContextImport, ct: ct);
        var citation = string.IsNullOrWhiteSpace(source)
            ? file.Citation ?? throw new EquityInputException("source", EquityText.Get("say-where-source", fileName))
            : source.Trim();
        var count = await context.ChangeAsync(async audit =>
        {
            var count = await tracts.ImportAsync(context.CommunityId.Value, file, fileName, citation, actor.Id, ct);
            audit.Record(actor, "context.import", $"imported {count} tracts ({string.Join(", ", file.Columns)})", target: fileName);
            return count;
        }, ct);
        return (count, citation);
    }
}
