namespace Braid.Interop.Equity.Report;

/// <summary>Names the report's resources (<c>ReportText.resx</c>, <c>ReportText.es.resx</c>): its headings, labels and captions.</summary>
public sealed class ReportText;
