using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Waypoint.Core.Data;
using Waypoint.Core.Linkage;
using Waypoint.Core.People;
using Waypoint.Web.Pages.People;
using Waypoint.Web.Security;

namespace Waypoint.Web.Pages.Matches;

/// <summary>
/// One possible match side by side, with each field's evidence and weight, and the reviewer's decision. Viewing it
/// reads two people's records (audited for each); deciding merges them or keeps them apart (audited too).
/// </summary>
[Authorize(Policy = Policies.ReviewMatches)]
public sealed class ReviewModel(WaypointDbContext db, AuditLog audit, TimeProvider time) : PageModel
{
    public PossibleMatchView? Match { get; private set; }

    [BindProperty]
    [Required(ErrorMessage = "Select whether they are the same person")]
    public string? Decision { get; set; }

    [BindProperty]
    [Required(ErrorMessage = "Enter why you decided this")]
    [StringLength(500, ErrorMessage = "Reason must be 500 characters or fewer")]
    public string? Reason { get; set; }

    public string? Refused { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken) => await ShowAsync(id, cancellationToken);

    public async Task<IActionResult> OnPostAsync(long id, CancellationToken cancellationToken)
    {
        if (Decision is not (null or "same" or "different")) ModelState.AddModelError(nameof(Decision), "Select whether they are the same person");
        if (!ModelState.IsValid) return await ShowAsync(id, cancellationToken);
        try
        {
            var change = await LinkReview.DecideAsync(db, User.Council(), id, Decision == "same", Reason!.Trim(), User.Name(), time.GetUtcNow(), cancellationToken);
            await audit.RecordAsync(User, Decision == "same" ? "merge-people" : "keep-people-apart", change.PersonId, $"possible match {id}", cancellationToken);
            if (change.OtherPersonId is { } other && other != change.PersonId)
                await audit.RecordAsync(User, Decision == "same" ? "merge-people" : "keep-people-apart", other, $"possible match {id}", cancellationToken);
            TempData["Changed"] = change.Message;
            return Redirect("/matches");
        }
        catch (LinkChangeRefusedException e)
        {
            Refused = e.Message;
            return await ShowAsync(id, cancellationToken);
        }
    }

    private async Task<IActionResult> ShowAsync(long id, CancellationToken cancellationToken)
    {
        Match = await LinkReview.GetAsync(db, User.Council(), id, cancellationToken);
        if (Match is null) return NotFound();
        foreach (var side in new[] { Match.Person, Match.Other })
        {
            var personId = await PersonIdAsync(side.Reference, cancellationToken);
            await audit.RecordAsync(User, "view-possible-match", personId, $"possible match {id}", cancellationToken);
        }
        return Page();
    }

    private Task<long> PersonIdAsync(string reference, CancellationToken cancellationToken) =>
        Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(
            db.People.Where(p => p.CouncilCode == User.Council() && p.Reference == reference).Select(p => p.Id), cancellationToken);

    /// <summary>Each value a side's records give for a field, once, in record order.</summary>
    public static string Values(MatchSide side, MatchField field)
    {
        IEnumerable<string?> values = field switch
        {
            MatchField.Forename => side.Records.Select(r => r.Forename),
            MatchField.Surname => side.Records.Select(r => r.Surname),
            MatchField.DateOfBirth => side.Records.Select(r => r.DateOfBirth?.ToString("d MMMM yyyy", System.Globalization.CultureInfo.InvariantCulture)),
            MatchField.Sex => side.Records.Select(r => r.Sex is null ? null : SourceLabels.Sex(r.Sex)),
            MatchField.Postcode => side.Records.Select(r => r.Postcode),
            MatchField.Upn => side.Records.SelectMany(r => r.Identifiers.Where(i => i.Kind is IdentifierKind.Upn or IdentifierKind.FormerUpn)
                .Select(i => i.Value + (i.IsValid ? "" : " (not valid)"))),
            MatchField.NhsNumber => side.Records.SelectMany(r => r.Identifiers.Where(i => i.Kind == IdentifierKind.NhsNumber).Select(i => i.Value + (i.IsValid ? "" : " (not valid)"))),
            _ => [],
        };
        var distinct = values.OfType<string>().Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        return distinct.Count == 0 ? "Not recorded" : string.Join(", ", distinct);
    }

    public static string Weight(double weight) => weight switch
    {
        > 0 => $"+{weight:0.0}",
        < 0 => $"{weight:0.0}".Replace("-", "\u2212", StringComparison.Ordinal),
        _ => "0",
    };
}
