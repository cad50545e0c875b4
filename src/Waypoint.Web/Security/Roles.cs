using System.Security.Claims;

namespace Waypoint.Web.Security;

/// <summary>The roles of domain.md, one per user. Claims carry the id; pages show the label.</summary>
public static class Roles
{
    public const string TransitionsWorker = "transitions-worker";
    public const string SocialWorker = "social-worker";
    public const string SendOfficer = "send-officer";
    public const string HealthPractitioner = "health-practitioner";
    public const string PanelMember = "panel-member";
    public const string Manager = "manager";
    public const string Commissioner = "commissioner";
    public const string Analyst = "analyst";
    public const string DataProtectionOfficer = "data-protection-officer";
    public const string Administrator = "administrator";

    public static readonly IReadOnlyList<(string Id, string Label)> All =
    [
        (TransitionsWorker, "Transitions worker"), (SocialWorker, "Children's social worker or personal adviser"), (SendOfficer, "SEND officer"),
        (HealthPractitioner, "Health practitioner"), (PanelMember, "Panel chair or member"), (Manager, "Team manager or head of service"),
        (Commissioner, "Commissioner"), (Analyst, "Analyst"), (DataProtectionOfficer, "Data protection officer"), (Administrator, "Administrator"),
    ];

    /// <summary>
    /// The roles that open young people's pages at all; which young people each may see is the access rules' to say
    /// (Core.Access.PersonAccess). Commissioners and analysts see no person-level pages; nor do the data protection
    /// officer (who reads the audit) and administrators (who manage teams, not people).
    /// </summary>
    public static readonly IReadOnlyList<string> SeePeople = [TransitionsWorker, SocialWorker, SendOfficer, HealthPractitioner, PanelMember, Manager];

    /// <summary>
    /// The data quality page: the people who bring the council's files in and answer for them - administrators, managers
    /// and the transitions team, who run the tracker those files feed. Its messages quote identifiers (a UPN, a date of
    /// birth), so roles that see only pseudonymised data, such as analysts and commissioners, do not get it.
    /// </summary>
    public static readonly IReadOnlyList<string> SeeDataQuality = [TransitionsWorker, Manager, Administrator];

    /// <summary>
    /// Importing files from the web: the same people, who answer for the files and see what their import found
    /// (rejected rows quote identifiers, as the data quality page does).
    /// </summary>
    public static IReadOnlyList<string> ImportFiles => SeeDataQuality;

    /// <summary>
    /// Referring a young person for transition support: anyone who works with them may (domain.md "Who uses it": social
    /// workers, SEND officers and health practitioners refer; the transitions team and managers take referrals).
    /// </summary>
    public static readonly IReadOnlyList<string> Refer = [TransitionsWorker, SocialWorker, SendOfficer, HealthPractitioner, Manager];

    /// <summary>Running the pathway itself - assessment, eligibility, decline, plan, handover - is the transitions team's and its managers' work.</summary>
    public static readonly IReadOnlyList<string> RunPathway = [TransitionsWorker, Manager];

    /// <summary>The multi-agency panel: its chair and members, and the transitions team and managers who bring cases to it.</summary>
    public static readonly IReadOnlyList<string> RunPanel = [PanelMember, TransitionsWorker, Manager];

    /// <summary>Managers see everyone's overdue tasks, and may mark anyone's task done (domain.md "Who uses it": caseloads, overdue work).</summary>
    public static readonly IReadOnlyList<string> SeeEveryonesWork = [Manager];

    /// <summary>
    /// Reviewing an eligibility decision that departs from the recorded facts: a manager's check on a practitioner's
    /// judgement (domain.md "Adult eligibility"), so only managers - and never the person who decided.
    /// </summary>
    public static readonly IReadOnlyList<string> ReviewDecisions = [Manager];

    /// <summary>Transitions roles: they see everyone in the transitions cohort, the tracker's people (architecture.md "Security and audit").</summary>
    public static readonly IReadOnlyList<string> WorkTransitionsCohort = [TransitionsWorker, Manager];

    /// <summary>
    /// Deciding whether two records are one young person shows both records side by side, whoever they are: the
    /// transitions team, who run the tracker those records feed, and its managers do it.
    /// </summary>
    public static IReadOnlyList<string> ReviewMatches => WorkTransitionsCohort;

    /// <summary>Panel chairs and members see the young people whose cases came to the panel.</summary>
    public static readonly IReadOnlyList<string> SitOnPanel = [PanelMember];

    /// <summary>The health permission: health detail without a recorded consent to share (UK GDPR art. 9).</summary>
    public static readonly IReadOnlyList<string> SeeHealth = [HealthPractitioner];

    /// <summary>Recording a young person's consent to share health information: the staff who ask for it in their work.</summary>
    public static readonly IReadOnlyList<string> RecordConsent = [TransitionsWorker, SocialWorker, HealthPractitioner, Manager];

    /// <summary>Every use of emergency access is reviewed afterwards by a manager or the data protection officer.</summary>
    public static readonly IReadOnlyList<string> ReviewBreakGlass = [Manager, DataProtectionOfficer];

    /// <summary>Administrators manage teams and see the staff list; that shows them no young person.</summary>
    public static readonly IReadOnlyList<string> ManageTeams = [Administrator];

    /// <summary>The audit trail - who viewed or changed a young person's record - is the data protection officer's to read (UK GDPR art. 38-39).</summary>
    public static readonly IReadOnlyList<string> SeeAudit = [DataProtectionOfficer];

    /// <summary>
    /// The pseudonymised rows (one per young person, no name, reference, identifier or exact date of birth): analysts'
    /// data only (domain.md "Who uses it"). Practitioners and managers see the real tracker instead; commissioners need
    /// counts, not people.
    /// </summary>
    public static readonly IReadOnlyList<string> SeePseudonymised = [Analyst];

    /// <summary>
    /// Counts of young people with small numbers withheld, fit to share outside the team: for those who share them -
    /// commissioners, analysts and managers (the board report). Practitioners have the tracker itself.
    /// </summary>
    public static readonly IReadOnlyList<string> SeeSummaries = [Manager, Commissioner, Analyst];

    /// <summary>
    /// The council's delivery plan (its strategy's actions and their RAG status): read by the Transitions Board's members -
    /// managers, commissioners, and the panel's chair and members, who answer to the board. It names no young person.
    /// </summary>
    public static readonly IReadOnlyList<string> SeeDeliveryPlan = [Manager, Commissioner, PanelMember];

    /// <summary>Changing the delivery plan - its actions, their status, importing the council's spreadsheet - is the head of service's and managers' (domain.md "Who uses it").</summary>
    public static readonly IReadOnlyList<string> ChangeDeliveryPlan = [Manager];

    public static string Label(string? id) => All.FirstOrDefault(r => r.Id == id).Label ?? "Unknown role";
}

public static class Policies
{
    public const string SeePeople = "see-people";
    public const string SeeDataQuality = "see-data-quality";
    public const string ImportFiles = "import-files";
    public const string Refer = "refer";
    public const string RunPathway = "run-pathway";
    public const string RunPanel = "run-panel";
    public const string ReviewDecisions = "review-decisions";
    public const string SeeAudit = "see-audit";
    public const string RecordConsent = "record-consent";
    public const string ReviewMatches = "review-matches";
    public const string ReviewBreakGlass = "review-break-glass";
    public const string ManageTeams = "manage-teams";
    public const string SeePseudonymised = "see-pseudonymised";
    public const string SeeSummaries = "see-summaries";
    public const string SeeDeliveryPlan = "see-delivery-plan";
    public const string ChangeDeliveryPlan = "change-delivery-plan";
}

public static class WaypointClaims
{
    public const string CouncilCode = "waypoint:council";

    public static string Council(this ClaimsPrincipal user) => user.FindFirstValue(CouncilCode) ?? "";

    public static string Role(this ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.Role) ?? "";

    public static string Name(this ClaimsPrincipal user) => user.Identity?.Name ?? "";

    /// <summary>The user's team as the staff list and the access rules use it; from the identity provider's team claim, or the demo user's.</summary>
    public const string TeamClaim = "waypoint:team";

    public static string? Team(this ClaimsPrincipal user) => user.FindFirstValue(TeamClaim);

    /// <summary>The signed-in user as the access rules see them.</summary>
    public static Core.Access.Viewer Viewer(this ClaimsPrincipal user) => ViewerFor(user.Council(), user.Name(), user.Role(), user.Team());

    /// <summary>A member of staff as the access rules see them: what their role allows, by the role lists above.</summary>
    public static Core.Access.Viewer ViewerFor(string council, string userName, string role, string? team) =>
        new(council, userName, role, team, Roles.WorkTransitionsCohort.Contains(role), Roles.SitOnPanel.Contains(role), Roles.SeeHealth.Contains(role));

    /// <summary>The signed-in user as Core's pathway services record them.</summary>
    public static Core.Pathway.Practitioner Practitioner(this ClaimsPrincipal user) => new(user.Council(), user.Name(), user.Role());
}
