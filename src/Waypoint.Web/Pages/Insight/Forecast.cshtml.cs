using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Waypoint.Core.Audit;
using Waypoint.Core.Data;
using Waypoint.Forecasting.Demand;
using Waypoint.Web.Forecasts;
using Waypoint.Web.Security;

namespace Waypoint.Web.Pages.Insight;

/// <summary>
/// The forecast for commissioners (issue 9): how many new adults aged 18-25 to plan for in each of the next five years,
/// by support reason and weekly cost band, their annual cost, a "what if" scenario beside it, and how sure the forecast
/// has been in past years; and the same as an Excel workbook, audited as an export. The scenario comes in the query
/// string (a GET form), so a scenario's page and download can be bookmarked and shared.
/// </summary>
public sealed class ForecastModel(WaypointDbContext db, ForecastCache cache, AuditLog audit, TimeProvider time, WaypointSettings settings) : PageModel
{
    /// <summary>Bounds of the scenario's inputs: whole numbers only, so the cache keeps few forecasts and each means something.</summary>
    public const int MaxWeeklyCost = 10_000, MinNotKnownChange = -100, MaxNotKnownChange = 200;

    /// <summary>Per cent of those heading for residential or nursing care supported in the community instead.</summary>
    [BindProperty(SupportsGet = true)] public string? Share { get; set; }

    /// <summary>Their weekly cost in the community, in pounds.</summary>
    [BindProperty(SupportsGet = true)] public string? WeeklyCost { get; set; }

    /// <summary>Per cent change in people reaching adult care not known to children's services.</summary>
    [BindProperty(SupportsGet = true)] public string? NotKnownChange { get; set; }

    /// <summary>The forecast, or null when the council's history cannot give one yet.</summary>
    public ForecastReport? Report { get; private set; }

    public DateOnly AsOf { get; private set; }

    /// <summary>The query string of the scenario shown, for the download link.</summary>
    public Dictionary<string, string?> RouteValues => Report?.Chosen is null ? [] : new()
    {
        ["share"] = Share,
        ["weeklycost"] = WeeklyCost,
        ["notknownchange"] = NotKnownChange,
    };

    public async Task OnGetAsync(CancellationToken cancellationToken) => Report = await BuildAsync(Scenario(), cancellationToken);

    public async Task<IActionResult> OnGetExcelAsync(CancellationToken cancellationToken)
    {
        var scenario = Scenario();
        Report = await BuildAsync(scenario, cancellationToken);
        if (!ModelState.IsValid || Report is null) return Page();
        await audit.RecordAsync(User, Exports.Forecast, null,
            $"Excel, forecast on {Report.AsOf:yyyy-MM-dd}; scenario: {(scenario is null ? "none" : ForecastReport.Describe(scenario))}; estimates and counts, no one named", cancellationToken);
        return File(ForecastFiles.Workbook(Report), BoardReportFiles.WorkbookContentType, Report.FileName);
    }

    private Task<ForecastReport?> BuildAsync(DemandScenario? scenario, CancellationToken cancellationToken)
    {
        AsOf = DateOnly.FromDateTime(time.GetLocalNow().Date);
        return ForecastReport.BuildAsync(db, cache, User.Council(), settings.CouncilName, AsOf, ModelState.IsValid ? scenario : null, cancellationToken);
    }

    /// <summary>The scenario asked for, or null for none (nothing entered, or nothing that changes the forecast); errors go to the model state.</summary>
    private DemandScenario? Scenario()
    {
        ModelState.Clear();
        var share = Whole(nameof(Share), Share, 0, 100, "Enter the share supported in the community as a whole number from 0 to 100");
        var cost = Whole(nameof(WeeklyCost), WeeklyCost, 0, MaxWeeklyCost, $"Enter the weekly cost in the community as a whole number of pounds from 0 to {MaxWeeklyCost:N0}");
        var change = Whole(nameof(NotKnownChange), NotKnownChange, MinNotKnownChange, MaxNotKnownChange,
            $"Enter the change in people not known to children's services as a whole number from {MinNotKnownChange} to {MaxNotKnownChange}");
        if (share > 0 && cost is null && ModelState.GetFieldValidationState(nameof(WeeklyCost)) != Microsoft.AspNetCore.Mvc.ModelBinding.ModelValidationState.Invalid)
            ModelState.AddModelError(nameof(WeeklyCost), "Enter the weekly cost of support in the community, in pounds");
        if (!ModelState.IsValid || ((share ?? 0) == 0 && (change ?? 0) == 0)) return null;
        return new DemandScenario((share ?? 0) / 100.0, cost ?? 0, 1 + ((change ?? 0) / 100.0));
    }

    private int? Whole(string field, string? text, int min, int max, string error)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var trimmed = text.Trim().TrimStart('£').TrimEnd('%').Replace(",", "", StringComparison.Ordinal).Trim();
        if (int.TryParse(trimmed, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max) return value;
        ModelState.AddModelError(field, error);
        return null;
    }
}
