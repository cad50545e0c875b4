using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Waypoint.Core.Data;
using Waypoint.Core.Panel;
using Waypoint.Core.Pathway;
using Waypoint.Core.Rules;
using Waypoint.Web.Govuk;
using Waypoint.Web.Security;

namespace Waypoint.Web.Pages.Panel;

/// <summary>
/// The panel's decision on one case: the questions, then check your answers, then save through CaseWork with the case
/// version the page showed. A save after someone else changed the case is refused, with what they changed.
/// </summary>
public sealed class DecisionModel(WaypointDbContext db, AuditLog audit, TimeProvider time) : PageModel
{
    public MeetingView Meeting { get; private set; } = null!;
    public PanelCaseView Case { get; private set; } = null!;
    public IReadOnlyList<GovukOption> LaterMeetings { get; private set; } = [];
    public bool Checking { get; private set; }
    public string? Refused { get; private set; }
    public string? SeeAlso { get; private set; }
    public IReadOnlyList<CaseEvent> ChangedSince { get; private set; } = [];

    [BindProperty] public int SeenVersion { get; set; }
    [BindProperty] public PanelDecision? Decision { get; set; }
    [BindProperty] public string? WeeklyCost { get; set; }
    [BindProperty] public long? DeferTo { get; set; }
    [BindProperty] public string? Reason { get; set; }
    [BindProperty] public string? Notes { get; set; }

    public async Task<IActionResult> OnGetAsync(long id, string reference, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, reference, cancellationToken)) return NotFound();
        SeenVersion = Case.Version;
        if (Case.Decision is not null) (Refused, SeeAlso) = ("The panel's decision on this case at this meeting is already recorded.", $"/panel/{id}");
        else if (DateOnly.FromDateTime(time.GetLocalNow().Date) < Meeting.MeetsOn)
            (Refused, SeeAlso) = ($"The panel meets on {Dates.Format(Meeting.MeetsOn)}: record its decision on or after that day.", $"/panel/{id}");
        await audit.RecordAsync(User, "view-panel-meeting", Case.PersonId, $"meeting {id}, decision form", cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostCheckAsync(long id, string reference, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, reference, cancellationToken)) return NotFound();
        Checking = Validate();
        return Page();
    }

    public async Task<IActionResult> OnPostChangeAsync(long id, string reference, CancellationToken cancellationToken) =>
        await LoadAsync(id, reference, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostSaveAsync(long id, string reference, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, reference, cancellationToken)) return NotFound();
        if (!Validate()) return Page();
        try
        {
            await PanelMeetings.RecordDecisionAsync(db, User.Practitioner(), id, reference, SeenVersion,
                new DecisionRequest(Decision!.Value, Cost, Reason, Decision == PanelDecision.Defer ? DeferTo : null, Notes), time.GetUtcNow(), cancellationToken);
        }
        catch (CaseChangedException e)
        {
            db.ChangeTracker.Clear();
            (Refused, SeeAlso, ChangedSince) = (e.Message, $"/people/{reference}/case", e.Since);
            Checking = true;
            return Page();
        }
        catch (PathwayRefusedException e)
        {
            db.ChangeTracker.Clear();
            (Refused, SeeAlso) = (e.Message, e.SeeAlso);
            Checking = true;
            return Page();
        }
        TempData["Changed"] = "Decision recorded.";
        return Redirect($"/panel/{id}#agenda");
    }

    /// <summary>The answers as the check page lists them.</summary>
    public IEnumerable<(string Key, string Value)> Answers()
    {
        yield return ("Decision", PanelMeetings.Label(Decision!.Value));
        if (Decision == PanelDecision.AgreePackage) yield return ("Weekly cost", Cost is { } cost ? PanelMeetings.Weekly(cost) : "Not set");
        if (Decision == PanelDecision.Defer) yield return ("Deferred to", LaterMeetings.Single(m => m.Value == DeferTo!.Value.ToString(CultureInfo.InvariantCulture)).Label);
        yield return ("Reason", string.IsNullOrWhiteSpace(Reason) ? "Not given" : Reason);
        yield return ("Notes", string.IsNullOrWhiteSpace(Notes) ? "None" : Notes);
    }

    private decimal? Cost => decimal.TryParse(WeeklyCost?.Trim().TrimStart('£').Replace(",", "", StringComparison.Ordinal), NumberStyles.Number, CultureInfo.InvariantCulture, out var cost) ? cost : null;

    private bool Validate()
    {
        if (Decision is null) ModelState.AddModelError(nameof(Decision), "Select what the panel decided");
        if (Decision == PanelDecision.AgreePackage && !string.IsNullOrWhiteSpace(WeeklyCost))
        {
            if (Cost is not { } cost) ModelState.AddModelError(nameof(WeeklyCost), "Weekly cost must be an amount of money, like 1250 or 1250.50");
            else if (cost is <= 0 or >= 1_000_000) ModelState.AddModelError(nameof(WeeklyCost), "Weekly cost must be more than £0 and less than £1,000,000");
            else if (decimal.Round(cost, 2) != cost) ModelState.AddModelError(nameof(WeeklyCost), "Weekly cost must be in pounds and pence, like 1250.50");
        }
        if (Decision == PanelDecision.Defer && (DeferTo is null || LaterMeetings.All(m => m.Value != DeferTo.Value.ToString(CultureInfo.InvariantCulture))))
            ModelState.AddModelError(nameof(DeferTo), LaterMeetings.Count == 0 ? "Set up the meeting the case is deferred to, then record the decision" : "Select the meeting the case is deferred to");
        if (Decision is PanelDecision.Defer or PanelDecision.EscalateToBoard && string.IsNullOrWhiteSpace(Reason))
            ModelState.AddModelError(nameof(Reason), Decision == PanelDecision.Defer ? "Enter why the panel deferred the case" : "Enter why the panel escalated the case to the Transitions Board");
        if (Reason?.Length > 4000) ModelState.AddModelError(nameof(Reason), "Reason must be 4,000 characters or fewer");
        if (Notes?.Length > 4000) ModelState.AddModelError(nameof(Notes), "Decision notes must be 4,000 characters or fewer");
        return ModelState.IsValid;
    }

    private async Task<bool> LoadAsync(long id, string reference, CancellationToken cancellationToken)
    {
        if (await PanelRecord.GetAsync(db, User.Council(), id, cancellationToken) is not { } meeting || meeting.Case(reference) is not { } onAgenda) return false;
        (Meeting, Case) = (meeting, onAgenda);
        var all = await PanelRecord.ListAsync(db, User.Council(), cancellationToken);
        var index = all.FindIndex(m => m.Id == id);
        LaterMeetings = [.. all.Skip(index + 1).Select(m => new GovukOption(m.Id.ToString(CultureInfo.InvariantCulture), m.When, $"{PanelMeetings.Label(m.Format)}: {m.Place}"))];
        return true;
    }
}
