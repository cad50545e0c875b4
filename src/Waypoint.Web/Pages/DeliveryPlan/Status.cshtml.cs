using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Waypoint.Core.Data;
using Waypoint.Core.DeliveryPlan;
using Waypoint.Web.Security;

namespace Waypoint.Web.Pages.DeliveryPlan;

/// <summary>Records an action's status with a note: the note is needed for a move to a delay, and is all there is for a progress note.</summary>
public sealed class StatusModel(WaypointDbContext db, TimeProvider time) : PageModel
{
    public StrategyAction Item { get; private set; } = null!;
    public string? Refused { get; private set; }
    public IReadOnlyList<ActionStatusChange> ChangedSince { get; private set; } = [];

    [BindProperty] public string? Status { get; set; }
    [BindProperty] public string? Note { get; set; }
    [BindProperty] public int Version { get; set; }

    public async Task<IActionResult> OnGetAsync(string actionRef, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(actionRef, cancellationToken)) return NotFound();
        Status = Item.Status.ToString();
        Version = Item.Version;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string actionRef, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(actionRef, cancellationToken)) return NotFound();
        if (DeliveryPlanPages.ParseStatus(Status) is not { } to)
        {
            ModelState.AddModelError(nameof(Status), "Select the action's status");
            return Page();
        }
        try
        {
            await DeliveryPlans.UpdateStatusAsync(db, User.Practitioner(), Item.Reference, Version, to, Note, time.GetUtcNow(), cancellationToken);
        }
        catch (ActionChangedException e)
        {
            db.ChangeTracker.Clear();
            (Refused, ChangedSince) = (e.Message, e.Since);
            await LoadAsync(actionRef, cancellationToken);
            Version = Item.Version;
            return Page();
        }
        catch (DeliveryPlanRefusedException e)
        {
            db.ChangeTracker.Clear();
            if (e.Field is { } field) ModelState.AddModelError(field, e.Message);
            else Refused = e.Message;
            return Page();
        }
        TempData["Changed"] = to == Item.Status ? "Note added." : $"Status changed to {DeliveryPlans.Label(to).ToLowerInvariant()}.";
        return Redirect(DeliveryPlanPages.Link(Item.Reference));
    }

    private async Task<bool> LoadAsync(string actionRef, CancellationToken cancellationToken)
    {
        if (await DeliveryPlans.GetAsync(db, User.Council(), actionRef, cancellationToken) is not { } action) return false;
        Item = action;
        return true;
    }
}
