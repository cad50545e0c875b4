using Microsoft.AspNetCore.Mvc;
using Waypoint.Core.Data;
using Waypoint.Core.Pathway;
using Waypoint.Web.Govuk;
using Waypoint.Web.Security;

namespace Waypoint.Web.Pages.Cases;

/// <summary>Starting the transition assessment of a referred young person: which assessment, on what footing, and when it started.</summary>
public sealed class AssessmentStartModel(WaypointDbContext db, AuditLog audit, TimeProvider time) : CaseChangeModel(db, audit, time)
{
    [BindProperty] public AssessmentKind? Kind { get; set; }
    [BindProperty] public AssessmentFooting? Footing { get; set; }
    [BindProperty] public string? FootingNote { get; set; }
    [BindProperty] public string? CarerName { get; set; }
    [BindProperty] public DateParts StartedOn { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(string reference, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(reference, cancellationToken)) return NotFound();
        SeenVersion = Case.Version;
        StartedOn = DateParts.From(Today);
        await AuditViewAsync("view-assessment", "start form", cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string reference, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(reference, cancellationToken)) return NotFound();
        if (Kind is null) ModelState.AddModelError(nameof(Kind), "Select which transition assessment this is");
        if (Footing is null) ModelState.AddModelError(nameof(Footing), "Select the footing the assessment goes ahead on");
        CheckText(nameof(FootingNote), FootingNote, Assessments.TextLength, "Enter how consent was given, or why the assessment goes ahead without it", "The note");
        CheckText(nameof(CarerName), CarerName, Assessments.NameLength, "Enter who the carer is", "Who the carer is", optional: Kind != AssessmentKind.ChildsCarers);
        if (CheckDate(nameof(StartedOn), StartedOn, "the date the assessment started") && StartedOn.Date > Today)
            ModelState.AddModelError(nameof(StartedOn), "The date the assessment started must be today or in the past");
        if (!ModelState.IsValid) return Page();
        var request = new AssessmentStartRequest(Kind!.Value, Footing!.Value, FootingNote!, Kind == AssessmentKind.ChildsCarers ? CarerName : null, StartedOn.Date!.Value);
        if (!await TryChangeAsync(reference, () => Assessments.StartAsync(Db, User.Practitioner(), reference, SeenVersion, request, Now, cancellationToken), cancellationToken))
            return Page();
        var first = Assessments.OutcomesFor(request.Kind)[0];
        return Done($"{Assessments.Label(request.Kind)} started. Record each outcome with the evidence.", $"/people/{reference}/assessment/outcomes/{first.Key}");
    }
}
