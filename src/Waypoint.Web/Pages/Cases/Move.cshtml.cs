using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Waypoint.Core.Data;
using Waypoint.Core.Pathway;
using Waypoint.Web.Security;

namespace Waypoint.Web.Pages.Cases;

/// <summary>Identifying a young person by hand, or closing their case: one question, the reason, kept with the move.</summary>
public sealed class MoveModel(WaypointDbContext db, AuditLog audit, TimeProvider time) : PageModel
{
    public CaseView Case { get; private set; } = null!;
    public string Move { get; private set; } = "";
    public string? Refused { get; private set; }
    public string? SeeAlso { get; private set; }
    public IReadOnlyList<CaseEvent> ChangedSince { get; private set; } = [];

    [BindProperty] public int SeenVersion { get; set; }
    [BindProperty] public string? Reason { get; set; }

    public bool Closing => Move == "close";

    /// <summary>Anyone who may refer may identify; closing a case is the transitions team's decision.</summary>
    private bool Allowed => Closing ? Roles.RunPathway.Contains(User.Role()) : Roles.Refer.Contains(User.Role());

    public async Task<IActionResult> OnGetAsync(string reference, string move, CancellationToken cancellationToken)
    {
        if (await LoadAsync(reference, move, cancellationToken) is { } problem) return problem;
        SeenVersion = Case.Version;
        await audit.RecordAsync(User, "view-case", Case.PersonId, move + " form", cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string reference, string move, CancellationToken cancellationToken)
    {
        if (await LoadAsync(reference, move, cancellationToken) is { } problem) return problem;
        if (string.IsNullOrWhiteSpace(Reason)) ModelState.AddModelError(nameof(Reason), Closing ? "Enter why the case is being closed" : "Enter why the young person is likely to need transition support");
        else if (Reason.Length > 4000) ModelState.AddModelError(nameof(Reason), "Reason must be 4,000 characters or fewer");
        if (!ModelState.IsValid) return Page();
        try
        {
            if (Closing) await CaseLifecycle.CloseAsync(db, User.Practitioner(), reference, SeenVersion, Reason!, time.GetUtcNow(), cancellationToken);
            else await CaseLifecycle.IdentifyAsync(db, User.Practitioner(), reference, SeenVersion, Reason!, time.GetUtcNow(), cancellationToken);
        }
        catch (CaseChangedException e)
        {
            (Refused, SeeAlso, ChangedSince) = (e.Message, $"/people/{reference}/case", e.Since);
            return Page();
        }
        catch (PathwayRefusedException e)
        {
            (Refused, SeeAlso) = (e.Message, e.SeeAlso);
            return Page();
        }
        TempData["Changed"] = Closing ? "Case closed." : "Identified as likely to need transition support.";
        return Redirect($"/people/{reference}/case");
    }

    private async Task<IActionResult?> LoadAsync(string reference, string move, CancellationToken cancellationToken)
    {
        Move = move;
        if (move is not ("identify" or "close")) return NotFound();
        if (!Allowed) return Forbid();
        if (await CaseRecord.GetAsync(db, User.Council(), reference, cancellationToken) is not { } view) return NotFound();
        Case = view;
        return null;
    }
}
