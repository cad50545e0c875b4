using Microsoft.AspNetCore.Mvc;
using Waypoint.Core.Data;
using Waypoint.Core.Pathway;
using Waypoint.Web.Security;

namespace Waypoint.Web.Pages.Cases;

/// <summary>Identifying a young person by hand, or closing their case: one question, the reason, kept with the move.</summary>
public sealed class MoveModel(WaypointDbContext db, AuditLog audit, TimeProvider time) : CaseChangeModel(db, audit, time)
{
    public string Move { get; private set; } = "";

    [BindProperty] public string? Reason { get; set; }

    public bool Closing => Move == "close";

    /// <summary>Anyone who may refer may identify; closing a case is the transitions team's decision.</summary>
    private bool Allowed => Closing ? Roles.RunPathway.Contains(User.Role()) : Roles.Refer.Contains(User.Role());

    public async Task<IActionResult> OnGetAsync(string reference, string move, CancellationToken cancellationToken)
    {
        if (await OpenAsync(reference, move, cancellationToken) is { } problem) return problem;
        SeenVersion = Case.Version;
        await AuditViewAsync("view-case", move + " form", cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string reference, string move, CancellationToken cancellationToken)
    {
        if (await OpenAsync(reference, move, cancellationToken) is { } problem) return problem;
        CheckText(nameof(Reason), Reason, 4000, Closing ? "Enter why the case is being closed" : "Enter why the young person is likely to need transition support", "Reason");
        if (!ModelState.IsValid) return Page();
        var by = User.Practitioner();
        var changed = await TryChangeAsync(reference, () => Closing
            ? CaseLifecycle.CloseAsync(Db, by, reference, SeenVersion, Reason!, Now, cancellationToken)
            : CaseLifecycle.IdentifyAsync(Db, by, reference, SeenVersion, Reason!, Now, cancellationToken), cancellationToken);
        return changed ? Done(Closing ? "Case closed." : "Identified as likely to need transition support.", $"/people/{reference}/case") : Page();
    }

    private async Task<IActionResult?> OpenAsync(string reference, string move, CancellationToken cancellationToken)
    {
        Move = move;
        if (move is not ("identify" or "close")) return NotFound();
        if (!Allowed) return Forbid();
        return await LoadAsync(reference, cancellationToken) ? null : NotFound();
    }
}
