using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Braid.Core.Access;
using Braid.Data;
using Braid.Testing;
using Braid.Web.Access;
using Braid.Web.Tests.Access;
using Microsoft.EntityFrameworkCore;

namespace Braid.Web.Tests.Funding;

/// <summary>
/// The demo partnership's books through the pages: a funder's report reconciles to the ledger's own
/// sums, the intermediary allocates the month left open and pays, a provider bills a month, and each
/// role reaches only what it may.
/// </summary>
public sealed partial class FundingPagesTests
{
    public static TheoryData<string> Providers => new(TestDatabases.Providers);

    private const string HealthPlan = "demo-health-plan";

    /// <summary>A sum over the ledger, in cents, straight from the database.</summary>
    private static async Task<long> CentsAsync(BraidDbContext db, FormattableString sql) => await db.Database.SqlQuery<long>(sql).SingleAsync();

    private static Dictionary<string, string> TotalRow(string csv)
    {
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var header = lines[0].Split(',');
        var total = lines.Select(l => l.Split(',')).Single(f => f[2] == "total");
        return header.Zip(total).ToDictionary(p => p.First, p => p.Second);
    }

    private static long Cents(string amount) => (long)(decimal.Parse(amount, CultureInfo.InvariantCulture) * 100);

    [Theory, MemberData(nameof(Providers))]
    public async Task The_funders_report_reconciles_to_the_ledger_to_the_cent(string provider)
    {
        await using var app = await BraidApp.StartAsync(provider);
        var funder = await SignInTests.SignedInClientAsync(app, DemoAccounts.Email(Roles.Funder));
        var csv = await funder.GetStringAsync($"/funding/streams/{HealthPlan}?handler=Csv&lang=en");
        var total = TotalRow(csv);

        await using var db = DatabaseOptions.CreateContext(app.ConnectionString);
        var account = "stream:" + HealthPlan;
        var committed = await CentsAsync(db, $"SELECT amount_cents AS \"Value\" FROM funding_streams WHERE id = {HealthPlan}");
        var balance = await CentsAsync(db, $"SELECT COALESCE(SUM(amount_cents), 0) AS \"Value\" FROM ledger_lines WHERE account = {account}");
        var allocated = await CentsAsync(db, $"""
            SELECT COALESCE(-SUM(l.amount_cents), 0) AS "Value" FROM ledger_lines l JOIN ledger_entries e ON e.community_id = l.community_id AND e.id = l.entry_id
            WHERE l.account = {account} AND e.kind IN ('Allocate', 'Reverse')
            """);
        var paid = await CentsAsync(db, $"""
            SELECT COALESCE(-SUM(l.amount_cents), 0) AS "Value" FROM invoice_lines i JOIN ledger_lines l ON l.community_id = i.community_id AND l.entry_id = i.allocation_entry
            WHERE l.account = {account} AND i.payment_entry IS NOT NULL
            """);

        Assert.True(allocated > 0, "the demo allocates to the health plan's stream");
        Assert.Equal(allocated, Cents(total["spent"]));
        Assert.Equal(balance, Cents(total["remaining"]));
        Assert.Equal(committed, Cents(total["spent"]) + Cents(total["remaining"]));
        Assert.Equal(paid, Cents(total["paid"]));
        // Every entry balances, and nothing in the books was created from nothing.
        Assert.Equal(0, await CentsAsync(db, $"SELECT COUNT(*) AS \"Value\" FROM (SELECT entry_id FROM ledger_lines GROUP BY community_id, entry_id HAVING SUM(amount_cents) <> 0) unbalanced"));
        Assert.Equal(0, await CentsAsync(db, $"SELECT COALESCE(SUM(amount_cents), 0) AS \"Value\" FROM ledger_lines"));

        // The page shows the same figures.
        var page = WebUtility.HtmlDecode(await funder.GetStringAsync($"/funding/streams/{HealthPlan}?lang=en"));
        Assert.Contains($"<dd id=\"spent\">{Dollars(allocated)}</dd>", page);
        Assert.Contains($"<dd id=\"remaining\">{Dollars(balance)}</dd>", page);
    }

    private static string Dollars(long cents) => (cents / 100m).ToString("C2", CultureInfo.GetCultureInfo("en-US"));

    [Theory, MemberData(nameof(Providers))]
    public async Task A_funder_reads_only_its_own_streams_and_only_the_intermediary_keeps_the_books(string provider)
    {
        await using var app = await BraidApp.StartAsync(provider);
        var funder = await SignInTests.SignedInClientAsync(app, DemoAccounts.Email(Roles.Funder));
        var cbo = await SignInTests.SignedInClientAsync(app, DemoAccounts.Email(Roles.CboStaff));

        var streams = WebUtility.HtmlDecode(await funder.GetStringAsync("/funding/streams?lang=en"));
        Assert.Contains($"/funding/streams/{HealthPlan}?", streams);
        Assert.DoesNotContain("/funding/streams/demo-county", streams);
        Assert.True(SignInTests.Denied(await funder.GetAsync("/funding/streams/demo-county?lang=en")));
        Assert.True(SignInTests.Denied(await funder.GetAsync("/funding/streams/demo-county?handler=Csv")));
        Assert.True(SignInTests.Denied(await funder.GetAsync("/funding?lang=en")));
        Assert.True(SignInTests.Denied(await cbo.GetAsync("/funding?lang=en")));
        Assert.True(SignInTests.Denied(await cbo.GetAsync($"/funding/streams/{HealthPlan}?lang=en")));

        await using var db = DatabaseOptions.CreateContext(app.ConnectionString);
        var (denials, _) = await new Braid.Data.Audit.AuditLog(db, TimeProvider.System).SearchAsync("demo", new Braid.Data.Audit.AuditQuery { Action = "access.FundingReport", Target = "funding-stream:demo-county" });
        Assert.Equal(2, denials);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task The_intermediary_allocates_the_open_month_pays_it_and_corrects_with_reversing_entries(string provider)
    {
        await using var app = await BraidApp.StartAsync(provider);
        var finance = await SignInTests.SignedInClientAsync(app, DemoAccounts.Email(Roles.Finance));
        var overview = WebUtility.HtmlDecode(await finance.GetStringAsync("/funding?lang=en"));
        var month = AllocateButton().Match(overview).Groups[1].Value;
        Assert.Matches("^[0-9]{4}-[0-9]{2}$", month);

        await using var db = DatabaseOptions.CreateContext(app.ConnectionString);
        var open = await db.InvoiceLines.CountAsync(l => l.AllocationEntry == null);
        var entries = await db.LedgerEntries.CountAsync();
        var allocate = await finance.PostAsync("/funding?handler=Allocate&lang=en", SignInTests.Form(SignInTests.Token(overview), ("month", month)));
        Assert.Equal(HttpStatusCode.Redirect, allocate.StatusCode);
        var done = WebUtility.HtmlDecode(await finance.GetStringAsync(allocate.Headers.Location!.OriginalString));
        var counts = Allocated().Match(done);
        var (braided, refused) = (int.Parse(counts.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(counts.Groups[2].Value, CultureInfo.InvariantCulture));
        Assert.Equal(open, braided + refused);
        Assert.Equal(entries + braided, await db.LedgerEntries.CountAsync());

        // Each allocation keeps the stream's rules that the service met.
        var matched = await db.LedgerEntries.Where(e => e.Kind == "Allocate").OrderByDescending(e => e.At).Select(e => e.Matched!).FirstAsync();
        Assert.Contains("\"rule\":\"period\"", matched);
        Assert.Contains("\"rule\":\"funds\"", matched);

        // A second run finds nothing left to allocate.
        var again = await finance.PostAsync("/funding?handler=Allocate&lang=en", SignInTests.Form(SignInTests.Token(done), ("month", month)));
        Assert.Contains("Allocated 0 services braided and 0 blended", WebUtility.HtmlDecode(await finance.GetStringAsync(again.Headers.Location!.OriginalString)));

        // Pay one invoice; its allocations can then no longer be reversed.
        var invoice = await db.Invoices.Where(i => i.Month == month).Select(i => i.Id).FirstAsync();
        var line = await db.InvoiceLines.Where(l => l.InvoiceId == invoice && l.AllocationEntry != null).FirstAsync();
        var reverse = await finance.PostAsync("/funding?handler=Reverse&lang=en", SignInTests.Form(SignInTests.Token(done), ("entryId", line.AllocationEntry!), ("month", month), ("why", "billed to the wrong month")));
        Assert.Equal(HttpStatusCode.Redirect, reverse.StatusCode);
        db.ChangeTracker.Clear();
        Assert.Null((await db.InvoiceLines.SingleAsync(l => l.Id == line.Id)).AllocationEntry);
        Assert.Equal(1, await db.LedgerEntries.CountAsync(e => e.Reverses == line.AllocationEntry));

        var pay = await finance.PostAsync("/funding?handler=Pay&lang=en", SignInTests.Form(SignInTests.Token(done), ("invoiceId", invoice), ("month", month)));
        Assert.Equal(HttpStatusCode.Redirect, pay.StatusCode);
        var paidLine = await db.InvoiceLines.AsNoTracking().FirstAsync(l => l.InvoiceId == invoice && l.PaymentEntry != null);
        var reversePaid = await finance.PostAsync("/funding?handler=Reverse&lang=en", SignInTests.Form(SignInTests.Token(done), ("entryId", paidLine.AllocationEntry!), ("month", month)));
        Assert.Equal(HttpStatusCode.Conflict, reversePaid.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await finance.PostAsync("/funding?handler=Pay&lang=en", SignInTests.Form(SignInTests.Token(done), ("invoiceId", invoice), ("month", month)))).StatusCode);
        Assert.Equal(0, await CentsAsync(db, $"SELECT COALESCE(SUM(amount_cents), 0) AS \"Value\" FROM ledger_lines"));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task A_provider_bills_a_month_once_and_a_wrong_invoice_is_refused_by_field_with_nothing_written(string provider)
    {
        await using var app = await BraidApp.StartAsync(provider);
        var cbo = await SignInTests.SignedInClientAsync(app, DemoAccounts.Email(Roles.CboStaff));
        var page = WebUtility.HtmlDecode(await cbo.GetStringAsync("/funding/invoices?lang=en"));
        var organization = Regex.Match(page, "name=\"organizationId\" value=\"([^\"]+)\"").Groups[1].Value;

        await using var db = DatabaseOptions.CreateContext(app.ConnectionString);
        var billed = await db.Invoices.Where(i => i.Provider == organization).Select(i => i.Month).ToListAsync();
        var invoices = await db.Invoices.CountAsync();

        async Task<(HttpStatusCode Status, string Page)> SubmitAsync(string month, string price)
        {
            var response = await cbo.PostAsync("/funding/invoices?lang=en", SignInTests.Form(SignInTests.Token(page), ("organizationId", organization), ("month", month), ("unitPrice", price)));
            return (response.StatusCode, WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
        }

        var twice = await SubmitAsync(billed[0], "50.00");
        Assert.Equal(HttpStatusCode.BadRequest, twice.Status);
        Assert.Contains($"{billed[0]} is already billed.", twice.Page);
        var future = await SubmitAsync(DateTime.UtcNow.AddMonths(1).ToString("yyyy-MM", CultureInfo.InvariantCulture), "50.00");
        Assert.Contains("A month can be billed once it is over.", future.Page);
        var price = await SubmitAsync("2020-01", "-3");
        Assert.Contains("Give an amount from 0.01 to 100000.00", price.Page);
        var month = await SubmitAsync("March", "50.00");
        Assert.Contains("Give the month as year and month", month.Page);
        var empty = await SubmitAsync("2020-01", "50.00");
        Assert.Contains("There is nothing to bill for 2020-01", empty.Page);
        Assert.Equal(invoices, await db.Invoices.CountAsync());

        // Another organization's billing is refused.
        var other = await db.Invoices.Where(i => i.Provider != organization).Select(i => i.Provider).FirstAsync();
        var foreign = await cbo.PostAsync("/funding/invoices?lang=en", SignInTests.Form(SignInTests.Token(page), ("organizationId", other), ("month", "2020-01"), ("unitPrice", "50")));
        Assert.True(SignInTests.Denied(foreign));
        Assert.Equal(invoices, await db.Invoices.CountAsync());
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task The_intermediary_creates_a_blended_stream_and_a_wrong_one_is_refused_by_field(string provider)
    {
        await using var app = await BraidApp.StartAsync(provider);
        var finance = await SignInTests.SignedInClientAsync(app, DemoAccounts.Email(Roles.Finance));
        var form = WebUtility.HtmlDecode(await finance.GetStringAsync("/funding/streams/new?lang=en"));
        var funder = Regex.Matches(form, "<option value=\"([0-9a-f-]{36})\"").First().Groups[1].Value;

        await using var db = DatabaseOptions.CreateContext(app.ConnectionString);
        var streams = await db.FundingStreams.CountAsync();
        var wrong = await finance.PostAsync("/funding/streams/new?lang=en", SignInTests.Form(SignInTests.Token(form),
            ("Form.Name", "Pool"), ("Form.Funder", funder), ("Form.Amount", "12.345"), ("Form.Start", "2026-01-01"), ("Form.End", "2025-12-31"), ("Form.Method", "blended"), ("Form.Needs", "food")));
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        var errors = WebUtility.HtmlDecode(await wrong.Content.ReadAsStringAsync());
        Assert.Contains("amount</span>: Give an amount of money above zero", errors);
        Assert.Contains("end</span>: The period ends before it starts.", errors);
        Assert.Contains("needs</span>: 'food' is not one of the choices.", errors);
        Assert.Equal(streams, await db.FundingStreams.CountAsync());

        var made = await finance.PostAsync("/funding/streams/new?lang=en", SignInTests.Form(SignInTests.Token(form),
            ("Form.Name", "Pool"), ("Form.Funder", funder), ("Form.Amount", "1,250.50"), ("Form.Start", "2026-01-01"), ("Form.End", "2026-12-31"), ("Form.Method", "blended"), ("Form.Needs", "food-insecurity")));
        Assert.Equal(HttpStatusCode.Redirect, made.StatusCode);
        var stream = await db.FundingStreams.AsNoTracking().SingleAsync(s => s.Name == "Pool");
        Assert.Equal(("Blended", 125050L, 125050L), (stream.Method, stream.AmountCents, stream.BalanceCents));
        Assert.Equal(125050L, await CentsAsync(db, $"SELECT COALESCE(SUM(amount_cents), 0) AS \"Value\" FROM ledger_lines WHERE account = {"stream:" + stream.Id}"));
    }

    [GeneratedRegex("name=\"month\" value=\"([0-9]{4}-[0-9]{2})\" />\\s*<button type=\"submit\" aria-label=\"Allocate")]
    private static partial Regex AllocateButton();

    [GeneratedRegex("Allocated ([0-9]+) services braided and 0 blended, [^;]+; ([0-9]+) fit no stream")]
    private static partial Regex Allocated();
}
