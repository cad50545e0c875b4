using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Waypoint.Core.Data;
using Waypoint.Core.Linkage;
using Waypoint.Web.Security;

namespace Waypoint.Web.Pages.Matches;

/// <summary>
/// The review queue: pairs of people the linker could not decide on, most likely first, for practitioners who know
/// the families. Listing them shows personal details, so each view is audited.
/// </summary>
[Authorize(Policy = Policies.ReviewMatches)]
public sealed class IndexModel(WaypointDbContext db, AuditLog audit) : PageModel
{
    public const int PageSize = 25;

    public List<PossibleMatchView> Matches { get; private set; } = [];
    public int Total { get; private set; }
    public int PageNumber { get; private set; } = 1;
    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);

    public async Task OnGetAsync(int? page, CancellationToken cancellationToken)
    {
        PageNumber = Math.Max(1, page ?? 1);
        (Total, Matches) = await LinkReview.QueueAsync(db, User.Council(), cancellationToken, (PageNumber - 1) * PageSize, PageSize);
        await audit.RecordAsync(User, "view-match-queue", null, $"page {PageNumber}, {Matches.Count} possible matches", cancellationToken);
    }

    /// <summary>The fields that count for the match, strongest first: what a reviewer checks.</summary>
    public static string Agrees(PossibleMatchView match) =>
        string.Join(", ", match.Evidence.Where(e => e.Weight > 0).OrderByDescending(e => e.Weight).Select(e => $"{FieldLabel(e.Field)} {e.Level}"));

    public static string Disagrees(PossibleMatchView match) =>
        string.Join(", ", match.Evidence.Where(e => e.Weight < 0).OrderBy(e => e.Weight).Select(e => $"{FieldLabel(e.Field)} {e.Level}"));

    public static string FieldLabel(MatchField field) => field switch
    {
        MatchField.Forename => "first name",
        MatchField.Surname => "last name",
        MatchField.DateOfBirth => "date of birth",
        MatchField.Sex => "sex",
        MatchField.Postcode => "postcode",
        MatchField.Upn => "UPN",
        MatchField.NhsNumber => "NHS number",
        _ => field.ToString(),
    };

    public static string Likelihood(double probability) => probability >= 0.995 ? "over 99%" : $"{Math.Floor(probability * 100):0}%";
}
