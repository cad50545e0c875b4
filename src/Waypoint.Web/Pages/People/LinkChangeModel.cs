using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Waypoint.Core.Data;
using Waypoint.Core.Linkage;
using Waypoint.Core.People;
using Waypoint.Web.Security;

namespace Waypoint.Web.Pages.People;

/// <summary>What the merge and split pages share: the person, their records, a reason, and the audit of the change.</summary>
public abstract class LinkChangeModel(WaypointDbContext db, AuditLog audit, TimeProvider time) : PageModel
{
    public Person? Person { get; private set; }
    public List<RecordIdentity> Records { get; private set; } = [];
    public string? Refused { get; protected set; }

    [BindProperty]
    [Required(ErrorMessage = "Enter why you are making this change")]
    [StringLength(500, ErrorMessage = "Reason must be 500 characters or fewer")]
    public string? Reason { get; set; }

    protected WaypointDbContext Db => db;
    protected DateTimeOffset Now => time.GetUtcNow();

    public string DisplayName => DisplayNameOf(Person!);

    public static string DisplayNameOf(Person person) => Core.People.DisplayName.Of(person.Forename, person.Surname, null, person.Reference);

    protected async Task<IActionResult> ShowAsync(string reference, CancellationToken cancellationToken)
    {
        Person = await db.People.AsNoTracking().SingleOrDefaultAsync(p => p.CouncilCode == User.Council() && p.Reference == reference, cancellationToken);
        if (Person is null) return NotFound();
        Records = await LinkReview.RecordsOfAsync(db, Person.Id, cancellationToken);
        await audit.RecordAsync(User, "view-person-records", Person.Id, null, cancellationToken);
        return Page();
    }

    /// <summary>Makes the change, audits it for every person it touched, and goes to the person it leaves.</summary>
    protected async Task<IActionResult> ChangeAsync(string reference, string action, Func<Task<LinkChange>> change, CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid) return await ShowAsync(reference, cancellationToken);
        try
        {
            var done = await change();
            await audit.RecordAsync(User, action, done.PersonId, Reason, cancellationToken);
            if (done.OtherPersonId is { } other) await audit.RecordAsync(User, action, other, Reason, cancellationToken);
            TempData["Changed"] = done.Message;
            return Redirect($"/people/{done.Reference}");
        }
        catch (LinkChangeRefusedException e)
        {
            Refused = e.Message;
            return await ShowAsync(reference, cancellationToken);
        }
    }
}
