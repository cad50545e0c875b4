using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Waypoint.Core.Data;
using Waypoint.Core.Pathway;
using Waypoint.Core.Rules;
using Waypoint.Web.Security;

namespace Waypoint.Web.Pages.Cases;

/// <summary>
/// The independence checklist, grouped by preparing-for-adulthood area: the items for the young person's age, or every
/// item (a link, so it works without JavaScript). Each item shows its status and its history. Every view is audited.
/// </summary>
public sealed class ChecklistModel(WaypointDbContext db, AuditLog audit, TimeProvider time, RulesPolicy policy) : PageModel
{
    public CaseView Case { get; private set; } = null!;
    public IReadOnlyList<ChecklistLine> Lines { get; private set; } = [];
    public int? Age { get; private set; }

    [BindProperty(SupportsGet = true)] public bool All { get; set; }

    public async Task<IActionResult> OnGetAsync(string reference, CancellationToken cancellationToken)
    {
        if (await CaseRecord.GetAsync(db, User.Council(), reference, cancellationToken) is not { } view) return NotFound();
        Case = view;
        var today = DateOnly.FromDateTime(time.GetLocalNow().Date);
        Age = view.DateOfBirth is { } born ? Core.People.Age.On(born, today, policy.LeapDayBirthdays) : null;
        Lines = await IndependenceChecklist.LinesAsync(db, view.PersonId, view.DateOfBirth, today, policy.LeapDayBirthdays, cancellationToken);
        await audit.RecordAsync(User, "view-checklist", view.PersonId, null, cancellationToken);
        return Page();
    }

    /// <summary>Items not yet due for the young person's age are hidden unless asked for, or unless something was recorded for them.</summary>
    public IEnumerable<ChecklistLine> Shown(PreparingForAdulthoodOutcome area) =>
        Lines.Where(l => l.Skill.Area == area && (All || l.AgeAppropriate || l.History.Count > 0));

    public int Hidden => Lines.Count(l => !l.AgeAppropriate && l.History.Count == 0);

    public bool MayChange => Roles.RunPathway.Contains(User.Role()) && Referrals.IsOpen(Case.Stage);

    public static string Tag(IndependenceStatus status) => status switch
    {
        IndependenceStatus.Independently => "govuk-tag--green",
        IndependenceStatus.WithSupport => "govuk-tag--turquoise",
        IndependenceStatus.WorkingOnIt => "govuk-tag--blue",
        IndependenceStatus.NotRelevant => "govuk-tag--grey",
        _ => "govuk-tag--yellow",
    };
}
