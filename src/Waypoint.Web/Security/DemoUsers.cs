using Waypoint.Core.People;

namespace Waypoint.Web.Security;

/// <summary>One made-up member of staff per role, offered on the sign-in page only when Waypoint:Demo is true.</summary>
public static class DemoUsers
{
    public sealed record DemoUser(string Role, string Name, string Team)
    {
        /// <summary>A made-up address on the reserved example.gov.uk domain, so demo email reminders can go nowhere real.</summary>
        public string Email => $"demo.{Role}@example.gov.uk";
    }

    public static readonly IReadOnlyList<DemoUser> All =
    [
        new(Roles.TransitionsWorker, "Demo transitions worker", "Transitions team"),
        new(Roles.SocialWorker, "Demo social worker", "Children in care team"),
        new(Roles.SendOfficer, "Demo SEND officer", "SEND team"),
        new(Roles.HealthPractitioner, "Demo health practitioner", "Designated clinical officer"),
        new(Roles.PanelMember, "Demo panel chair", "Transitions panel"),
        new(Roles.Manager, "Demo team manager", "Transitions team"),
        new(Roles.Commissioner, "Demo commissioner", "Commissioning"),
        new(Roles.Analyst, "Demo analyst", "Performance and intelligence"),
        new(Roles.DataProtectionOfficer, "Demo data protection officer", "Information governance"),
        new(Roles.Administrator, "Demo administrator", "Systems"),
    ];

    /// <summary>
    /// The cohorts the demo's teams work with, so each demo user sees the young people a council would show them: the
    /// SEND team those with an EHC plan, the children in care team looked-after children and care leavers.
    /// </summary>
    public static readonly IReadOnlyList<(string Team, IReadOnlyList<string> Cohorts)> TeamCohorts =
    [
        ("SEND team", [Cohort.EhcPlan]),
        ("Children in care team", [Cohort.LookedAfter, Cohort.CareLeaver]),
        ("Designated clinical officer", [Cohort.EhcPlan, Cohort.ChildInNeedWithDisability]),
    ];
}
