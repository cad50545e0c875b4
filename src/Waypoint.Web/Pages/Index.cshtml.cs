using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Waypoint.Core.Audit;
using Waypoint.Core.Data;
using Waypoint.Core.Pathway;
using Waypoint.Core.People;
using Waypoint.Web.Forecasts;
using Waypoint.Web.Security;
using Waypoint.Web.Tracker;

namespace Waypoint.Web.Pages;

/// <summary>
/// The tracker: everyone in scope, filtered and sorted by the query string. A name searched for is kept out of the
/// URL (and so out of logs and history): it is posted, and held in the encrypted TempData cookie while in use.
/// </summary>
public sealed class IndexModel(WaypointDbContext db, TrackerCache cache, ForecastCache forecasts, AuditLog audit, TimeProvider time, IAuthorizationService authorization) : PageModel
{
    private const string SearchKey = "tracker-search";

    [BindProperty(SupportsGet = true)] public string? Cohort { get; set; }
    [BindProperty(SupportsGet = true)] public string? Age { get; set; }
    [BindProperty(SupportsGet = true)] public TransitionsStage? Stage { get; set; }
    [BindProperty(SupportsGet = true, Name = "care-leaver")] public string? CareLeaver { get; set; }
    [BindProperty(SupportsGet = true)] public string? Flag { get; set; }
    [BindProperty(SupportsGet = true)] public string? Overdue { get; set; }
    [BindProperty(SupportsGet = true)] public string? Likely { get; set; }
    /// <summary><see cref="Likelihoods.LikelyNotReferred"/>, or nothing for anyone.</summary>
    [BindProperty(SupportsGet = true)] public string? Likelihood { get; set; }
    [BindProperty(SupportsGet = true)] public string Sort { get; set; } = "name";
    [BindProperty(SupportsGet = true)] public string Dir { get; set; } = "asc";
    // "page" is the route value Razor Pages uses for the page itself, so the page number travels as "p".
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public bool CanSeePeople { get; private set; }
    public string? Search { get; private set; }
    public TrackerPage? Results { get; private set; }
    public DateOnly AsOf { get; private set; }

    /// <summary>Each young person's likelihood of needing adult care, where it applies, by person id (<see cref="Likelihoods.Applies"/>).</summary>
    public IReadOnlyDictionary<long, double> Chances { get; private set; } = new Dictionary<long, double>();

    /// <summary>
    /// Whether the likelihoods are still being worked out after the latest change (the forecast's fit runs in the
    /// background): the tracker is shown without them rather than waiting.
    /// </summary>
    public bool LikelihoodsPending { get; private set; }

    /// <summary>The likelihood filter is chosen but the likelihoods are not ready: it can show no one yet, and the page says so.</summary>
    public bool LikelihoodFilterPending => LikelihoodsPending && Likelihood == Likelihoods.LikelyNotReferred;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        CanSeePeople = (await authorization.AuthorizeAsync(User, Policies.SeePeople)).Succeeded;
        if (!CanSeePeople) return;
        Search = TempData.Peek(SearchKey) as string;
        AsOf = Today();
        Results = Core.People.Tracker.Apply(await RowsAsync(AsOf, waitForLikelihoods: false, cancellationToken), Query(PageNumber, 50));
    }

    /// <summary>
    /// The tracker's people that the user may see (docs/security.md, the access rules), with the likelihoods read from
    /// the fitted models (one look-up a row, never a refit), and the likelihood filter applied. The page does not wait
    /// for a fit after a change (a quarter of a minute on the national demo): until it is ready there are no likelihoods,
    /// and the likelihood filter shows no one (the page says why). The download waits, so its column is never left empty.
    /// </summary>
    private async Task<IReadOnlyList<TrackerRow>> RowsAsync(DateOnly asOf, bool waitForLikelihoods, CancellationToken cancellationToken)
    {
        var data = await HttpContext.DataVersionAsync(db, cancellationToken);
        var rows = await HttpContext.VisibleAsync(db, await cache.RowsAsync(db, User.Council(), asOf, cancellationToken, data), r => r.Id);
        var fitted = waitForLikelihoods
            ? await forecasts.FittedAsync(db, User.Council(), asOf, cancellationToken, data)
            : await forecasts.FittedIfReadyAsync(db, User.Council(), asOf, cancellationToken, data);
        LikelihoodsPending = fitted is null;
        var chances = fitted?.PersonLikelihoods ?? new Dictionary<long, double>();
        Chances = chances;
        return Likelihood == Likelihoods.LikelyNotReferred ? [.. rows.Where(r => Likelihoods.IsLikelyNotReferred(r, chances))] : rows;
    }

    public IActionResult OnPostSearch(string? search)
    {
        if (string.IsNullOrWhiteSpace(search)) TempData.Remove(SearchKey);
        else TempData[SearchKey] = search.Trim();
        return RedirectToPage("/Index", Filters(page: 1));
    }

    public IActionResult OnPostClearSearch()
    {
        TempData.Remove(SearchKey);
        return RedirectToPage("/Index", Filters(page: 1));
    }

    /// <summary>The current view (all pages) as CSV. Audited like any other read of people's records.</summary>
    public async Task<IActionResult> OnGetDownloadAsync(CancellationToken cancellationToken)
    {
        if (!(await authorization.AuthorizeAsync(User, Policies.SeePeople)).Succeeded) return Forbid();
        Search = TempData.Peek(SearchKey) as string;
        var asOf = Today();
        var rows = Core.People.Tracker.Apply(await RowsAsync(asOf, waitForLikelihoods: true, cancellationToken), Query(1, int.MaxValue)).Rows;
        await audit.RecordAsync(User, Exports.Tracker, null,
            $"{rows.Count} people; cohort={Cohort ?? "any"}, age={Age ?? "any"}, stage={Stage?.ToString() ?? "any"}, care-leaver={CareLeaver ?? "any"}, flag={Flag ?? "any"}, overdue={Overdue ?? "any"}, likely={Likely ?? "any"}, likelihood={Likelihood ?? "any"}, search={(Search is null ? "none" : "used")}", cancellationToken);
        var csv = CsvExport.Write(
            new[]
            {
                (IReadOnlyList<string?>)["Person reference", "Name", "Date of birth", "Age", "Cohorts", "EHC plan primary need", "Stage",
                    "Care-leaver status", "Likely to need adult care", "Likelihood of adult care (%)", "Next milestone", "Next milestone due", "Overdue milestones", "Flags"],
            }
            .Concat(rows.Select(r => (IReadOnlyList<string?>)
            [
                r.Reference, r.DisplayName, r.DateOfBirth?.ToString("yyyy-MM-dd"), r.Age.ToString(System.Globalization.CultureInfo.InvariantCulture),
                string.Join("; ", r.Cohorts.Select(Core.People.Cohort.Label)), r.EhcPrimaryNeed, TransitionsStages.Label(r.Stage),
                Core.Rules.CareLeaver.Label(r.Clock.CareLeaver.Status), r.Clock.LikelyNeeds ?? "no",
                Chances.TryGetValue(r.Id, out var chance) ? Likelihoods.WholePercent(chance) : null, r.Clock.Next?.Rule.Name, r.Clock.Next?.Due?.ToString("yyyy-MM-dd"),
                string.Join("; ", r.Overdue), string.Join("; ", r.Clock.Flags.Select(f => f.Rule.Id)),
            ])));
        return File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(csv)).ToArray(), "text/csv", $"young-people-{asOf:yyyy-MM-dd}.csv");
    }

    private TrackerQuery Query(int page, int pageSize) => new()
    {
        Cohort = Cohort,
        AgeBand = Age,
        Stage = Stage,
        CareLeaver = CareLeaver,
        Flag = Flag,
        Overdue = Overdue,
        Likely = Likely,
        Search = Search,
        Sort = Sort,
        Descending = Dir == "desc",
        Page = page,
        PageSize = pageSize,
    };

    /// <summary>Route values for the current filters, with changes: for sort links, pages and the download link.</summary>
    public Dictionary<string, string?> Filters(int? page = null, string? sort = null, string? dir = null) => new()
    {
        ["cohort"] = Cohort,
        ["age"] = Age,
        ["stage"] = Stage?.ToString(),
        ["care-leaver"] = CareLeaver,
        ["flag"] = Flag,
        ["overdue"] = Overdue,
        ["likely"] = Likely,
        ["likelihood"] = Likelihood,
        ["sort"] = sort ?? Sort,
        ["dir"] = dir ?? Dir,
        ["p"] = (page ?? PageNumber).ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    public string SortLink(string column) => Url.Page("/Index", Filters(page: 1, sort: column, dir: Sort == column && Dir == "asc" ? "desc" : "asc"))!;

    public string AriaSort(string column) => Sort != column ? "none" : Dir == "desc" ? "descending" : "ascending";

    private DateOnly Today() => DateOnly.FromDateTime(time.GetLocalNow().Date);
}
