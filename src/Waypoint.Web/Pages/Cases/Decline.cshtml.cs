using Microsoft.AspNetCore.Mvc;
using Waypoint.Core.Data;
using Waypoint.Core.Pathway;
using Waypoint.Web.Govuk;
using Waypoint.Web.Security;

namespace Waypoint.Web.Pages.Cases;

/// <summary>
/// Refusing a request for a transition assessment: the date, the written reasons and the advice on preventing or
/// delaying needs, all of which the young person must be given (Care Act 2014 s.58(5)). The case moves to declined.
/// </summary>
public sealed class DeclineModel(WaypointDbContext db, AuditLog audit, TimeProvider time) : CaseChangeModel(db, audit, time)
{
    [BindProperty] public DateParts RefusedOn { get; set; } = new();
    [BindProperty] public string? Reasons { get; set; }
    [BindProperty] public string? PreventionAdvice { get; set; }

    public async Task<IActionResult> OnGetAsync(string reference, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(reference, cancellationToken)) return NotFound();
        SeenVersion = Case.Version;
        RefusedOn = DateParts.From(Today);
        await AuditViewAsync("view-case", "decline form", cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string reference, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(reference, cancellationToken)) return NotFound();
        if (CheckDate(nameof(RefusedOn), RefusedOn, "the date the request was refused") && RefusedOn.Date > Today)
            ModelState.AddModelError(nameof(RefusedOn), "The date the request was refused must be today or in the past");
        CheckText(nameof(Reasons), Reasons, Assessments.TextLength, "Enter the reasons the request is refused", "The reasons");
        CheckText(nameof(PreventionAdvice), PreventionAdvice, Assessments.TextLength, "Enter the information and advice on preventing or delaying needs", "The advice");
        if (!ModelState.IsValid) return Page();
        var request = new AssessmentRefusalRequest(RefusedOn.Date!.Value, Reasons!, PreventionAdvice!);
        if (!await TryChangeAsync(reference, () => Assessments.DeclineAsync(Db, User.Practitioner(), reference, SeenVersion, request, Now, cancellationToken), cancellationToken))
            return Page();
        return Done("Request refused. The case is at declined: send the young person the written reasons and advice.", $"/people/{reference}/case");
    }
}
