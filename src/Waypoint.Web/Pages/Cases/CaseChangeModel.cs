using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Waypoint.Core.Data;
using Waypoint.Core.Pathway;
using Waypoint.Web.Security;

namespace Waypoint.Web.Pages.Cases;

/// <summary>
/// What the pages that change a case share: the case as the user's page showed it (<see cref="SeenVersion"/> travels
/// in the form), and a change that the pathway may refuse - with its reason, and for a concurrent save, what changed
/// since - shown in the error summary while the user's answers stay on the page.
/// </summary>
public abstract class CaseChangeModel(WaypointDbContext db, AuditLog audit, TimeProvider time) : PageModel
{
    public CaseView Case { get; private set; } = null!;

    public string? Refused { get; private set; }
    public string? SeeAlso { get; private set; }
    public IReadOnlyList<CaseEvent> ChangedSince { get; private set; } = [];

    [BindProperty] public int SeenVersion { get; set; }

    protected WaypointDbContext Db => db;

    protected DateOnly Today => DateOnly.FromDateTime(time.GetLocalNow().Date);

    protected DateTimeOffset Now => time.GetUtcNow();

    /// <summary>The young person's case; false when there is no such person in the user's council.</summary>
    protected async Task<bool> LoadAsync(string reference, CancellationToken cancellationToken)
    {
        if (await CaseRecord.GetAsync(db, User.Council(), reference, cancellationToken) is not { } view) return false;
        Case = view;
        return true;
    }

    /// <summary>A form page shows case data: the read is audited, as every read of a person's case is.</summary>
    protected Task AuditViewAsync(string action, string detail, CancellationToken cancellationToken) =>
        audit.RecordAsync(User, action, Case.PersonId, detail, cancellationToken);

    /// <summary>Runs a change through Core; false, with the reason on the page, when the pathway refuses it.</summary>
    protected async Task<bool> TryChangeAsync(string reference, Func<Task> change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        try
        {
            await change();
            return true;
        }
        catch (CaseChangedException e)
        {
            (Refused, SeeAlso, ChangedSince) = (e.Message, $"/people/{reference}/case", e.Since);
        }
        catch (PathwayRefusedException e)
        {
            (Refused, SeeAlso) = (e.Message, e.SeeAlso);
        }
        db.ChangeTracker.Clear();
        await LoadAsync(reference, cancellationToken);
        // The user has now been shown what changed: saving again, with their answers still on the page, is their call.
        if (ChangedSince.Count > 0) SeenVersion = Case.Version;
        return false;
    }

    /// <summary>Back to a page with a success banner.</summary>
    protected RedirectResult Done(string message, string to)
    {
        TempData["Changed"] = message;
        return Redirect(to);
    }

    /// <summary>A GOV.UK date input's problem, if any, as the field's error: required unless <paramref name="optional"/> and left blank.</summary>
    protected bool CheckDate(string field, Govuk.DateParts date, string what, bool optional = false)
    {
        ArgumentNullException.ThrowIfNull(date);
        if (optional && string.IsNullOrWhiteSpace(date.Day) && string.IsNullOrWhiteSpace(date.Month) && string.IsNullOrWhiteSpace(date.Year)) return true;
        if (date.Check(what) is not { } problem) return true;
        ModelState.AddModelError(field, problem);
        return false;
    }

    /// <summary>Free text that is required and has a length limit, with GOV.UK's messages.</summary>
    protected void CheckText(string field, string? text, int limit, string missing, string what, bool optional = false)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            if (!optional) ModelState.AddModelError(field, missing);
        }
        else if (text.Trim().Length > limit) ModelState.AddModelError(field, $"{what} must be {limit:N0} characters or fewer");
    }
}
