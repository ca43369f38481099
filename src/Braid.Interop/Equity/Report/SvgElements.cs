using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;

namespace Braid.Interop.Equity.Report;

/// <summary>
/// SVG's <c>text</c> and <c>title</c> elements, which Razor reads as its own <c>&lt;text&gt;</c>
/// and the page title; as components they render as the SVG elements, with their content encoded.
/// </summary>
public abstract class SvgElement(string name) : ComponentBase
{
    [Parameter] public string? Text { get; set; }

    [Parameter(CaptureUnmatchedValues = true)] public IReadOnlyDictionary<string, object>? Attributes { get; set; }

    protected override void BuildRenderTree(RenderTreeBuilder builder)
    {
        builder.OpenElement(0, name);
        builder.AddMultipleAttributes(1, Attributes);
        builder.AddContent(2, Text);
        builder.CloseElement();
    }
}

/// <summary>An SVG <c>text</c> element.</summary>
public sealed class SvgText() : SvgElement("text");

/// <summary>An SVG <c>title</c> element (a chart's accessible name).</summary>
public sealed class SvgTitle() : SvgElement("title");

/// <summary>A heading whose level depends on where the section sits (h2 in the report, h3 in a stratum).</summary>
public sealed class Heading : ComponentBase
{
    [Parameter] public int Level { get; set; } = 2;

    [Parameter] public RenderFragment? ChildContent { get; set; }

    protected override void BuildRenderTree(RenderTreeBuilder builder)
    {
        builder.OpenElement(0, "h" + Math.Clamp(Level, 1, 6));
        builder.AddContent(1, ChildContent);
        builder.CloseElement();
    }
}
