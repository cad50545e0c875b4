using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace Waypoint.Web.Govuk;

/// <summary>One choice of a GOV.UK radios or checkboxes question.</summary>
public sealed record GovukOption(string Value, string Label, string? Hint = null);

/// <summary>
/// What the GOV.UK form components share: the field's name and value from <c>asp-for</c>, its id (the name in lower
/// case, which the error summary links to), its label or legend, hint and error message from the model state.
/// </summary>
public abstract class GovukFieldTagHelper : TagHelper
{
    [HtmlAttributeName("asp-for")]
    public ModelExpression For { get; set; } = null!;

    /// <summary>The label or legend text.</summary>
    public string Label { get; set; } = "";

    public string? Hint { get; set; }

    /// <summary>s, m or l: the label's size; with <see cref="IsPageHeading"/> the label is the page's h1.</summary>
    public string Size { get; set; } = "s";

    public bool IsPageHeading { get; set; }

    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = null!;

    protected string Name => For.Name;

    protected string Id => IdOf(For.Name);

    public static string IdOf(string name) => name.Replace('.', '-').ToLowerInvariant();

    protected string? Error => ViewContext.ViewData.ModelState[Name]?.Errors.FirstOrDefault()?.ErrorMessage;

    protected string? DescribedBy => string.Join(" ", new[] { Hint is null ? null : Id + "-hint", Error is null ? null : Id + "-error" }.OfType<string>()) is { Length: > 0 } ids ? ids : null;

    protected static string Encode(string? text) => HtmlEncoder.Default.Encode(text ?? "");

    protected string HintAndError() =>
        (Hint is null ? "" : $"<div id=\"{Id}-hint\" class=\"govuk-hint\">{Encode(Hint)}</div>")
        + (Error is null ? "" : $"<p id=\"{Id}-error\" class=\"govuk-error-message\"><span class=\"govuk-visually-hidden\">Error:</span> {Encode(Error)}</p>");

    protected string Described => DescribedBy is { } ids ? $" aria-describedby=\"{ids}\"" : "";

    protected string LabelFor() =>
        IsPageHeading
            ? $"<h1 class=\"govuk-label-wrapper\"><label class=\"govuk-label govuk-label--{Size}\" for=\"{Id}\">{Encode(Label)}</label></h1>"
            : $"<label class=\"govuk-label govuk-label--{Size}\" for=\"{Id}\">{Encode(Label)}</label>";

    protected string Legend() =>
        IsPageHeading
            ? $"<legend class=\"govuk-fieldset__legend govuk-fieldset__legend--{Size}\"><h1 class=\"govuk-fieldset__heading\">{Encode(Label)}</h1></legend>"
            : $"<legend class=\"govuk-fieldset__legend govuk-fieldset__legend--{Size}\">{Encode(Label)}</legend>";

    protected void Group(TagHelperOutput output, string inner)
    {
        output.TagName = "div";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("class", "govuk-form-group" + (Error is null ? "" : " govuk-form-group--error"));
        output.Content.SetHtmlContent(new HtmlString(inner));
    }

    protected string ValueText => For.Model switch
    {
        null => "",
        IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        var v => v.ToString() ?? "",
    };
}

/// <summary>GOV.UK text input: <c>&lt;govuk-input asp-for="Referrer" label="..." hint="..." width="20" /&gt;</c>.</summary>
[HtmlTargetElement("govuk-input", TagStructure = TagStructure.WithoutEndTag)]
public sealed class GovukInputTagHelper : GovukFieldTagHelper
{
    /// <summary>A GOV.UK fixed width (2, 3, 4, 5, 10, 20, 30), or none for full width.</summary>
    public int? Width { get; set; }

    public string Type { get; set; } = "text";

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var classes = "govuk-input" + (Width is { } w ? $" govuk-input--width-{w}" : "") + (Error is null ? "" : " govuk-input--error");
        Group(output, LabelFor() + HintAndError() + $"<input class=\"{classes}\" id=\"{Id}\" name=\"{Name}\" type=\"{Type}\" value=\"{Encode(ValueText)}\"{Described}>");
    }
}

/// <summary>GOV.UK textarea: <c>&lt;govuk-textarea asp-for="Reason" label="..." rows="5" /&gt;</c>.</summary>
[HtmlTargetElement("govuk-textarea", TagStructure = TagStructure.WithoutEndTag)]
public sealed class GovukTextareaTagHelper : GovukFieldTagHelper
{
    public int Rows { get; set; } = 5;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var classes = "govuk-textarea" + (Error is null ? "" : " govuk-textarea--error");
        Group(output, LabelFor() + HintAndError() + $"<textarea class=\"{classes}\" id=\"{Id}\" name=\"{Name}\" rows=\"{Rows}\"{Described}>{Encode(ValueText)}</textarea>");
    }
}

/// <summary>GOV.UK radios: <c>&lt;govuk-radios asp-for="Source" label="..." options="@list" /&gt;</c>; the first radio carries the id the error summary links to.</summary>
[HtmlTargetElement("govuk-radios", TagStructure = TagStructure.WithoutEndTag)]
public sealed class GovukRadiosTagHelper : GovukFieldTagHelper
{
    public IEnumerable<GovukOption> Options { get; set; } = [];

    /// <summary>Side by side, for two short choices such as yes and no.</summary>
    public bool Inline { get; set; }

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        Size = Size == "s" && !IsPageHeading ? "m" : Size;
        var items = Options.Select((o, i) =>
        {
            var id = i == 0 ? Id : $"{Id}-{i + 1}";
            var hint = o.Hint is null ? "" : $"<div id=\"{id}-item-hint\" class=\"govuk-hint govuk-radios__hint\">{Encode(o.Hint)}</div>";
            var described = o.Hint is null ? "" : $" aria-describedby=\"{id}-item-hint\"";
            var chosen = string.Equals(o.Value, ValueText, StringComparison.Ordinal) ? " checked" : "";
            return $"<div class=\"govuk-radios__item\"><input class=\"govuk-radios__input\" id=\"{id}\" name=\"{Name}\" type=\"radio\" value=\"{Encode(o.Value)}\"{chosen}{described}>"
                + $"<label class=\"govuk-label govuk-radios__label\" for=\"{id}\">{Encode(o.Label)}</label>{hint}</div>";
        });
        Group(output, $"<fieldset class=\"govuk-fieldset\"{Described}>{Legend()}{HintAndError()}<div class=\"govuk-radios{(Inline ? " govuk-radios--inline" : "")}\" data-module=\"govuk-radios\">{string.Concat(items)}</div></fieldset>");
    }
}

/// <summary>GOV.UK checkboxes bound to a list of values: <c>&lt;govuk-checkboxes asp-for="Unable" label="..." options="@list" /&gt;</c>.</summary>
[HtmlTargetElement("govuk-checkboxes", TagStructure = TagStructure.WithoutEndTag)]
public sealed class GovukCheckboxesTagHelper : GovukFieldTagHelper
{
    public IEnumerable<GovukOption> Options { get; set; } = [];

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var chosen = (For.Model as System.Collections.IEnumerable)?.Cast<object>().Select(v => v.ToString()).ToHashSet(StringComparer.Ordinal) ?? [];
        var items = Options.Select((o, i) =>
        {
            var id = i == 0 ? Id : $"{Id}-{i + 1}";
            var hint = o.Hint is null ? "" : $"<div id=\"{id}-item-hint\" class=\"govuk-hint govuk-checkboxes__hint\">{Encode(o.Hint)}</div>";
            var described = o.Hint is null ? "" : $" aria-describedby=\"{id}-item-hint\"";
            return $"<div class=\"govuk-checkboxes__item\"><input class=\"govuk-checkboxes__input\" id=\"{id}\" name=\"{Name}\" type=\"checkbox\" value=\"{Encode(o.Value)}\"{(chosen.Contains(o.Value) ? " checked" : "")}{described}>"
                + $"<label class=\"govuk-label govuk-checkboxes__label\" for=\"{id}\">{Encode(o.Label)}</label>{hint}</div>";
        });
        Size = Size == "s" && !IsPageHeading ? "m" : Size;
        Group(output, $"<fieldset class=\"govuk-fieldset\"{Described}>{Legend()}{HintAndError()}<div class=\"govuk-checkboxes\" data-module=\"govuk-checkboxes\">{string.Concat(items)}</div></fieldset>");
    }
}

/// <summary>GOV.UK select, for a choice from a list too long for radios: <c>&lt;govuk-select asp-for="Owner" label="..." options="@list" /&gt;</c>.</summary>
[HtmlTargetElement("govuk-select", TagStructure = TagStructure.WithoutEndTag)]
public sealed class GovukSelectTagHelper : GovukFieldTagHelper
{
    public IEnumerable<GovukOption> Options { get; set; } = [];

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var items = Options.Select(o =>
            $"<option value=\"{Encode(o.Value)}\"{(string.Equals(o.Value, ValueText, StringComparison.Ordinal) ? " selected" : "")}>{Encode(o.Hint is null ? o.Label : $"{o.Label} ({o.Hint})")}</option>");
        var classes = "govuk-select" + (Error is null ? "" : " govuk-select--error");
        Group(output, LabelFor() + HintAndError() + $"<select class=\"{classes}\" id=\"{Id}\" name=\"{Name}\"{Described}>{string.Concat(items)}</select>");
    }
}

/// <summary>GOV.UK date input bound to <see cref="DateParts"/>: <c>&lt;govuk-date asp-for="ReceivedOn" label="..." hint="For example, 27 3 2026" /&gt;</c>.</summary>
[HtmlTargetElement("govuk-date", TagStructure = TagStructure.WithoutEndTag)]
public sealed class GovukDateTagHelper : GovukFieldTagHelper
{
    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var parts = For.Model as DateParts ?? new DateParts();
        var error = Error is null ? "" : " govuk-input--error";
        string Part(string part, string label, string? value, int width, bool first) =>
            $"<div class=\"govuk-date-input__item\"><div class=\"govuk-form-group\"><label class=\"govuk-label govuk-date-input__label\" for=\"{(first ? Id : $"{Id}-{part.ToLowerInvariant()}")}\">{label}</label>"
            + $"<input class=\"govuk-input govuk-date-input__input govuk-input--width-{width}{error}\" id=\"{(first ? Id : $"{Id}-{part.ToLowerInvariant()}")}\" name=\"{Name}.{part}\" type=\"text\" inputmode=\"numeric\" value=\"{Encode(value)}\"></div></div>";
        Size = Size == "s" && !IsPageHeading ? "m" : Size;
        Group(output, $"<fieldset class=\"govuk-fieldset\" role=\"group\"{Described}>{Legend()}{HintAndError()}<div class=\"govuk-date-input\" id=\"{Id}-parts\">"
            + Part("Day", "Day", parts.Day, 2, true) + Part("Month", "Month", parts.Month, 2, false) + Part("Year", "Year", parts.Year, 4, false) + "</div></fieldset>");
    }
}

/// <summary>
/// The GOV.UK error summary for a form: every model-state error, linked to its field, and a refusal from the service
/// (with a link to what to look at instead, if it gave one). Also marks the page title "Error: ".
/// </summary>
[HtmlTargetElement("govuk-error-summary", TagStructure = TagStructure.WithoutEndTag)]
public sealed class GovukErrorSummaryTagHelper : TagHelper
{
    public string? Refused { get; set; }
    public string? SeeAlso { get; set; }
    public string SeeAlsoText { get; set; } = "Go to the case";

    /// <summary>The form's fields in page order, comma-separated, so the summary lists problems as the page does.</summary>
    public string? Fields { get; set; }

    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = null!;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var order = (Fields ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToList();
        var errors = ViewContext.ViewData.ModelState.Where(e => e.Value is { Errors.Count: > 0 })
            .OrderBy(e => order.IndexOf(e.Key) is var i && i < 0 ? int.MaxValue : i)
            .Select(e => $"<li><a href=\"#{GovukFieldTagHelper.IdOf(e.Key)}\">{HtmlEncoder.Default.Encode(e.Value!.Errors[0].ErrorMessage)}</a></li>").ToList();
        if (!string.IsNullOrEmpty(Refused))
            errors.Insert(0, $"<li>{HtmlEncoder.Default.Encode(Refused)}{(string.IsNullOrEmpty(SeeAlso) ? "" : $" <a href=\"{HtmlEncoder.Default.Encode(SeeAlso)}\">{HtmlEncoder.Default.Encode(SeeAlsoText)}</a>")}</li>");
        if (errors.Count == 0)
        {
            output.SuppressOutput();
            return;
        }
        ViewContext.ViewData["HasError"] = true;
        output.TagName = "div";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("class", "govuk-error-summary");
        output.Attributes.SetAttribute("data-module", "govuk-error-summary");
        output.Content.SetHtmlContent(new HtmlString(
            $"<div role=\"alert\"><h2 class=\"govuk-error-summary__title\">There is a problem</h2><div class=\"govuk-error-summary__body\"><ul class=\"govuk-list govuk-error-summary__list\">{string.Concat(errors)}</ul></div></div>"));
    }
}
