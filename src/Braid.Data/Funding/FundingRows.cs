namespace Braid.Data.Funding;

public sealed class FundingStreamRow
{
    public string CommunityId { get; set; } = "";
    public string Id { get; set; } = "";
    public string Funder { get; set; } = "";
    public string Name { get; set; } = "";
    public long AmountCents { get; set; }
    public string StartOn { get; set; } = "";
    public string EndOn { get; set; } = "";
    public string Method { get; set; } = "";

    /// <summary>The stream's <see cref="Core.Funding.FundingRules"/> as JSON.</summary>
    public string Rules { get; set; } = "{}";

    /// <summary>What is left to allocate: the stream account's balance in the ledger, kept here so an allocation can be guarded in one UPDATE.</summary>
    public long BalanceCents { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

public sealed class FundingAuthorizationRow
{
    public string CommunityId { get; set; } = "";
    public string StreamId { get; set; } = "";
    public string Provider { get; set; } = "";
    public long LimitCents { get; set; }
    public long UsedCents { get; set; }
}

public sealed class InvoiceRow
{
    public string CommunityId { get; set; } = "";
    public string Id { get; set; } = "";
    public string Provider { get; set; } = "";

    /// <summary>The month billed, yyyy-MM.</summary>
    public string Month { get; set; } = "";
    public long UnitPriceCents { get; set; }
    public string SubmittedBy { get; set; } = "";
    public DateTimeOffset SubmittedAt { get; set; }
}

/// <summary>One service delivered and billed, with the facts about the person the allocation rules look at, as they were that day.</summary>
public sealed class InvoiceLineRow
{
    public string CommunityId { get; set; } = "";
    public string Id { get; set; } = "";
    public string InvoiceId { get; set; } = "";
    public string ReferralId { get; set; } = "";
    public string PersonId { get; set; } = "";
    public string Need { get; set; } = "";
    public string Service { get; set; } = "";
    public string DeliveredOn { get; set; } = "";
    public int Units { get; set; }
    public long AmountCents { get; set; }
    public int? Age { get; set; }
    public string? IncomeBand { get; set; }
    public string? County { get; set; }
    public string? Zip { get; set; }
    public string? Tract { get; set; }

    /// <summary>The ledger entry that allocated the line (null while unallocated or after that entry was reversed).</summary>
    public string? AllocationEntry { get; set; }
    public string? PaymentEntry { get; set; }
}

public sealed class LedgerEntryRow
{
    public string CommunityId { get; set; } = "";
    public string Id { get; set; } = "";
    public string Kind { get; set; } = "";
    public string Memo { get; set; } = "";
    public DateTimeOffset At { get; set; }
    public string Actor { get; set; } = "";
    public string? Reverses { get; set; }
    public string? InvoiceLineId { get; set; }
    public string? Method { get; set; }

    /// <summary>For an allocation, each stream's share and the rules the cost matched, as JSON.</summary>
    public string? Matched { get; set; }
}

public sealed class LedgerLineRow
{
    public string CommunityId { get; set; } = "";
    public string EntryId { get; set; } = "";
    public int LineNo { get; set; }
    public string Account { get; set; } = "";
    public long AmountCents { get; set; }
}
