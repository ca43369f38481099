using Braid.Core.People;

namespace Braid.Application.People;

/// <summary>A row not imported because it likely duplicates someone already registered (or an earlier row of the file).</summary>
public sealed record HeldBackRow(PeopleFileRow Row, IReadOnlyList<PossibleDuplicate> Duplicates);

/// <summary>What an import did: the valid rows registered (less those held back), or none when the file was refused.</summary>
public sealed record PeopleImport(int Read, int Registered, IReadOnlyList<RowProblem> Problems, IReadOnlyList<HeldBackRow> HeldBack, bool Committed);

/// <summary>
/// Staff import people for their organization from another system (a clinic's roster, a
/// spreadsheet of intakes). Every row is checked first: a problem with the file itself (its header)
/// refuses it, and so does one invalid row unless invalid rows are to be skipped. The rows are then
/// registered in one transaction, each checked against everyone registered before it, rows of the
/// same file included: a likely duplicate is held back for a navigator to confirm, exactly as on
/// the registration form.
/// </summary>
public sealed class ImportPeople(UseCaseContext context, RegisterPerson register)
{
    public async Task<PeopleImport> RunAsync(OrganizationId organization, PeopleFile file, bool skipInvalid = false, CancellationToken ct = default)
    {
        var actor = await context.AuthorizeAsync(Permission.PersonWrite, organization, ct: ct);
        var rows = file.Rows;
        var problems = file.Problems.ToList();
        if (problems.Any(p => p.RefusesFile)) return new PeopleImport(rows.Count, 0, problems, [], Committed: false);

        var today = await register.TodayAsync(ct);
        var valid = new List<(PeopleFileRow Row, Person Person)>();
        foreach (var row in rows)
        {
            var (draft, errors) = row.Entry.ToPerson();
            var person = draft is null ? null : RegisterPerson.Placed(organization, draft);
            if (person is not null) foreach (var (field, error) in PersonRules.Validate(person, today)) errors.TryAdd(field, error);
            foreach (var (field, error) in row.Unreadable ?? new Dictionary<string, InputError>()) errors.TryAdd(field, error);
            problems.AddRange(errors.Select(e => new RowProblem(row.Line, e.Key, e.Value)));
            if (errors.Count == 0) valid.Add((row, person!));
        }

        problems = [.. problems.OrderBy(p => p.Line)];
        var invalid = problems.Select(p => p.Line).Distinct().Count();
        var read = valid.Count + invalid;
        if (problems.Count > 0 && !skipInvalid) return new PeopleImport(read, 0, problems, [], Committed: false);
        if (valid.Count == 0) return new PeopleImport(read, 0, problems, [], Committed: problems.Count == 0);

        var held = new List<HeldBackRow>();
        var registered = await context.ChangeAsync(async audit =>
        {
            var count = 0;
            foreach (var (row, person) in valid)
            {
                var registration = await register.RegisterAsync(audit, actor, person, row.ConfirmedNew, ct);
                if (registration.Id is null) held.Add(new HeldBackRow(row, registration.Duplicates));
                else count++;
            }

            audit.Record(actor, "people.import", $"{count} of {read} rows registered, {held.Count} held back as likely duplicates, {invalid} invalid skipped", organization);
            return count;
        }, ct);
        return new PeopleImport(read, registered, problems, held, Committed: true);
    }
}
