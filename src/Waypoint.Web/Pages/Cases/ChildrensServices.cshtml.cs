using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Waypoint.Core.Data;
using Waypoint.Core.Pathway;
using Waypoint.Core.Rules;
using Waypoint.Web.Security;

namespace Waypoint.Web.Pages.Cases;

/// <summary>The children's services a young person receives, and whether those that must carry on past 18 are safe to end. Every view is audited.</summary>
public sealed class ChildrensServicesModel(WaypointDbContext db, AuditLog audit, RulesPolicy policy) : PageModel
{
    public ChildrensServicesView View { get; private set; } = null!;
    public CaseView Case { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string reference, CancellationToken cancellationToken)
    {
        if (await CaseRecord.GetAsync(db, User.Council(), reference, cancellationToken) is not { } view) return NotFound();
        Case = view;
        View = new ChildrensServicesView(view.Reference, view.Stage, view.Version, view.DateOfBirth is { } born ? policy.Turns(born, 18) : null,
            NoGapAtEighteen.AdultConclusionOutstanding(view.Stage), await ChildrensServices.ListAsync(db, view.PersonId, cancellationToken));
        await audit.RecordAsync(User, "view-childrens-services", view.PersonId, null, cancellationToken);
        return Page();
    }

    public bool MayChange => Roles.RunPathway.Contains(User.Role()) && Case.Stage != TransitionsStage.NotIdentified;
}
