using Microsoft.AspNetCore.Mvc;
using Waypoint.Core.Data;
using Waypoint.Core.Pathway;
using Waypoint.Core.Rules;
using Waypoint.Web.Govuk;
using Waypoint.Web.Security;

namespace Waypoint.Web.Pages.Cases;

/// <summary>Recording a children's service the young person receives: what it is, the law it is under, and its dates.</summary>
public sealed class ChildrensServiceAddModel(WaypointDbContext db, AuditLog audit, TimeProvider time, RulesPolicy policy) : CaseChangeModel(db, audit, time)
{
    [BindProperty] public string? Description { get; set; }
    [BindProperty] public ChildrensServiceBasis? LegalBasis { get; set; }
    [BindProperty] public DateParts StartedOn { get; set; } = new();
    [BindProperty] public DateParts EndsOn { get; set; } = new();

    public static IReadOnlyList<GovukOption> Bases { get; } =
    [
        new(nameof(ChildrensServiceBasis.ChildrenAct1989Section17), ChildrensServices.Label(ChildrensServiceBasis.ChildrenAct1989Section17), "Must continue after 18 until adult social care reaches a conclusion"),
        new(nameof(ChildrensServiceBasis.ChronicallySickAndDisabledPersonsAct1970Section2), ChildrensServices.Label(ChildrensServiceBasis.ChronicallySickAndDisabledPersonsAct1970Section2), "Must continue after 18 until adult social care reaches a conclusion"),
        new(nameof(ChildrensServiceBasis.Other), ChildrensServices.Label(ChildrensServiceBasis.Other)),
    ];

    public async Task<IActionResult> OnGetAsync(string reference, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(reference, cancellationToken)) return NotFound();
        SeenVersion = Case.Version;
        await AuditViewAsync("view-childrens-services", "add form", cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string reference, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(reference, cancellationToken)) return NotFound();
        CheckText(nameof(Description), Description, ChildrensServices.DescriptionLength, "Enter what the service is", "What the service is");
        if (LegalBasis is null) ModelState.AddModelError(nameof(LegalBasis), "Select the law the service is provided under");
        if (CheckDate(nameof(StartedOn), StartedOn, "the date the service started") && StartedOn.Date > Today)
            ModelState.AddModelError(nameof(StartedOn), "The date the service started must be today or in the past");
        if (CheckDate(nameof(EndsOn), EndsOn, "the date the service ends", optional: true) && EndsOn.Date < StartedOn.Date)
            ModelState.AddModelError(nameof(EndsOn), "The date the service ends must be on or after the date it started");
        if (!ModelState.IsValid) return Page();
        var request = new ChildrensServiceRequest(Description!, LegalBasis!.Value, StartedOn.Date!.Value, EndsOn.Date);
        if (!await TryChangeAsync(reference, () => ChildrensServices.AddAsync(Db, User.Practitioner(), reference, SeenVersion, request, policy, Now, cancellationToken), cancellationToken))
            return Page();
        return Done("Children's service recorded.", $"/people/{reference}/childrens-services");
    }
}
