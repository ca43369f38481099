using Braid.Core.Equity;
using Braid.Interop.Equity.Report;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Braid.Interop.Equity;

/// <summary>
/// The report as HTML with server-rendered SVG charts (group estimates with their intervals
/// against the reference, the ordered-group gradient, the gap over periods), rendered by the Razor
/// components in <c>Report/</c>. Every chart has a title, axis labels and a text alternative, and
/// prints in black and white.
/// </summary>
public static class EquityHtml
{
    /// <summary>The report's styles: served by the web app, and inlined in the stand-alone file the CLI writes.</summary>
    public const string Stylesheet = """
        .equity-report { font-family: system-ui, sans-serif; max-width: 60rem; color: #1a1a1a; }
        .equity-report table { border-collapse: collapse; margin: .5rem 0 1rem; font-size: .9rem; }
        .equity-report th, .equity-report td { border-bottom: 1px solid #ccc; padding: .25rem .6rem; text-align: left; vertical-align: top; }
        .equity-report td.num { text-align: right; font-variant-numeric: tabular-nums; }
        .equity-report .verdict { border-left: 4px solid #1a1a1a; padding: .5rem 1rem; background: #f4f4f4; }
        .equity-report figure { margin: 1rem 0; }
        .equity-report figcaption { font-size: .85rem; color: #444; }
        .equity-report svg text { font-size: 12px; fill: #1a1a1a; }
        .equity-report .stratum { break-before: page; }
        @media print { .equity-report .verdict { background: none; } }
        """;

    /// <summary>
    /// A whole HTML document (what <c>braid equity report --format html</c> writes), in the current
    /// UI culture; the components take their localizer from <paramref name="services"/>, else Braid's own resources.
    /// </summary>
    public static Task<string> DocumentAsync(EquityReport report, IServiceProvider? services = null) =>
        RenderAsync<EquityReportDocument>(report, services);

    /// <summary>The report as a fragment for a page that brings <see cref="Stylesheet"/>.</summary>
    public static Task<string> FragmentAsync(EquityReport report, IServiceProvider? services = null) =>
        RenderAsync<EquityReportView>(report, services);

    private static async Task<string> RenderAsync<TComponent>(EquityReport report, IServiceProvider? services) where TComponent : IComponent
    {
        using var own = services is null ? new ServiceCollection().AddLogging().AddLocalization().BuildServiceProvider() : null;
        var provider = services ?? own!;
        await using var renderer = new HtmlRenderer(provider, provider.GetRequiredService<ILoggerFactory>());
        return await renderer.Dispatcher.InvokeAsync(async () =>
        {
            var root = await renderer.RenderComponentAsync<TComponent>(ParameterView.FromDictionary(new Dictionary<string, object?> { ["Report"] = report }));
            return root.ToHtmlString();
        });
    }
}
