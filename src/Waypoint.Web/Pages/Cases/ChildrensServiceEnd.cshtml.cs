using Microsoft.AspNetCore.Mvc;
using Waypoint.Core.Data;
using Waypoint.Core.Pathway;
using Waypoint.Core.Rules;
using Waypoint.Web.Govuk;
using Waypoint.Web.Security;

namespace Waypoint.Web.Pages.Cases;

/// <summary>Recording the day a children's service ends, or changing it; refused where it would leave a gap at 18.</summary>
public sealed class ChildrensServiceEndModel(WaypointDbContext db, AuditLog audit, TimeProvider time, RulesPolicy policy) : CaseChangeModel(db, audit, time)
{
    public ChildrensService Service { get; private set; } = null!;

    [BindProperty] public DateParts EndsOn { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(string reference, long serviceId, CancellationToken cancellationToken)
    {
        if (!await LoadServiceAsync(reference, serviceId, cancellationToken)) return NotFound();
        SeenVersion = Case.Version;
        if (Service.EndsOn is { } ends) EndsOn = DateParts.From(ends);
        await AuditViewAsync("view-childrens-services", "end form", cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string reference, long serviceId, CancellationToken cancellationToken)
    {
        if (!await LoadServiceAsync(reference, serviceId, cancellationToken)) return NotFound();
        if (CheckDate(nameof(EndsOn), EndsOn, "the date the service ends") && EndsOn.Date < Service.StartedOn)
            ModelState.AddModelError(nameof(EndsOn), "The date the service ends must be on or after the date it started");
        if (!ModelState.IsValid) return Page();
        if (!await TryChangeAsync(reference, () => ChildrensServices.EndAsync(Db, User.Practitioner(), reference, SeenVersion, serviceId, EndsOn.Date!.Value, policy, Now, cancellationToken), cancellationToken))
            return Page();
        return Done("End of the service recorded.", $"/people/{reference}/childrens-services");
    }

    private async Task<bool> LoadServiceAsync(string reference, long serviceId, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(reference, cancellationToken)) return false;
        var services = await ChildrensServices.ListAsync(Db, Case.PersonId, cancellationToken);
        if (services.SingleOrDefault(s => s.Id == serviceId) is not { } service) return false;
        Service = service;
        return true;
    }
}
