using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Waypoint.Core.Audit;
using Waypoint.Core.Data;
using Waypoint.Web.Security;

namespace Waypoint.Web.Pages.Audit;

/// <summary>
/// The data protection officer's view of the audit trail: who viewed or changed a young person's record, or what a
/// member of staff viewed or changed. Looking is itself audited.
/// </summary>
public sealed class IndexModel(WaypointDbContext db, AuditLog audit) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Person { get; set; }
    /// <summary>A member of staff's user name (the query's "user").</summary>
    [BindProperty(Name = "user", SupportsGet = true)] public string? Staff { get; set; }

    public IReadOnlyList<AuditLine>? Lines { get; private set; }
    public string? Problem { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var council = User.Council();
        if (!string.IsNullOrWhiteSpace(Person))
        {
            Lines = await AuditTrail.ForPersonAsync(db, council, Person.Trim(), cancellationToken);
            if (Lines is null) Problem = "There is no young person with that reference in this council.";
            await audit.RecordAsync(User, "view-audit", null, $"by person, {Lines?.Count ?? 0} rows", cancellationToken);
        }
        else if (!string.IsNullOrWhiteSpace(Staff))
        {
            Lines = await AuditTrail.ForUserAsync(db, council, Staff.Trim(), cancellationToken);
            await audit.RecordAsync(User, "view-audit", null, $"by user, {Lines.Count} rows", cancellationToken);
        }
    }
}
