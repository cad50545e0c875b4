using Microsoft.EntityFrameworkCore;
using Waypoint.Core.Data;
using Waypoint.Core.DeliveryPlan;
using Waypoint.Core.Pathway;

namespace Waypoint.Core.Demo;

/// <summary>
/// The demo council's transitions strategy delivery plan: ten made-up actions across the three aims, at every status,
/// each reached through the plan's own services over the last two quarters so that its history reads as a real one.
/// The same day gives the same plan.
/// </summary>
public static class DemoDeliveryPlan
{
    private static readonly (string Reference, string Action, StrategyAims Aims, string Owner, string Timescale, string? Resources, string? Risks, string? Measure)[] Actions =
    [
        ("1.1", "Agree one transitions protocol signed by children's services, adult social care, SEND and the integrated care board", StrategyAims.IntegratedService,
            "Head of transitions", "By March 2027", "Officer time", "Health partners must sign off before the protocol can be published", "Protocol signed by all four partners"),
        ("1.2", "Hold a multi-agency transitions panel every month with a standing health representative", StrategyAims.IntegratedService,
            "Panel chair", "From January 2027", null, "No health representative agreed yet", "Twelve panels a year, each quorate"),
        ("1.3", "Give every young person in the transitions cohort a named worker by 17", StrategyAims.IntegratedService | StrategyAims.EffectivePlanning,
            "Transitions team manager", "By September 2027", "Two additional transitions workers", "Recruitment to the two posts", "Share of 17-year-olds with a named worker"),
        ("2.1", "Identify young people who may need adult care by 14, from the tracker, and review the list each term", StrategyAims.EffectivePlanning,
            "Transitions team manager", "Termly", null, null, "Share of the cohort identified by 14"),
        ("2.2", "Finish every transition assessment before the young person's 18th birthday", StrategyAims.EffectivePlanning,
            "Head of adult social care", "By March 2028", "Assessment capacity from the waiting list plan", "The waiting list is longer than the team can clear this year", "Share of adult decisions made before 18"),
        ("2.3", "Share demand forecasts with commissioners each quarter to plan supported living", StrategyAims.EffectivePlanning,
            "Commissioning manager", "Quarterly", null, null, "Forecast presented to each quarterly commissioning meeting"),
        ("2.4", "Agree joint funding rules for packages with the integrated care board", StrategyAims.EffectivePlanning | StrategyAims.IntegratedService,
            "Director of adult social care", "By June 2027", "Legal advice", "The integrated care board's own review may delay the rules", "Joint funding rules agreed and in use"),
        ("3.1", "Publish easy-read 'what changes at 18' guides for young people and families", StrategyAims.InformedChoices,
            "Participation lead", "By April 2027", "£4,000 design and print", null, "Guides published and given at every Year 9 review"),
        ("3.2", "Run preparing-for-adulthood events in every special school with the local offer", StrategyAims.InformedChoices,
            "SEND service manager", "Each summer term", "Officer time; venue costs met by schools", null, "One event a year in each special school"),
        ("3.3", "Ask young people and families what they thought of their transition and report it to the board", StrategyAims.InformedChoices | StrategyAims.EffectivePlanning,
            "Quality assurance manager", "Twice a year", null, "Low response rate from families", "Survey reported to the board twice a year"),
    ];

    /// <summary>
    /// Where each action has got to, with the notes written on the way: days before <c>today</c> and the new status. The
    /// first step of each is its adding.
    /// </summary>
    private static readonly Dictionary<string, (int DaysAgo, ActionStatus Status, string? Note)[]> Steps = new()
    {
        ["1.1"] = [(180, ActionStatus.OnTrack, null), (90, ActionStatus.OnTrack, "Draft shared with all partners"), (20, ActionStatus.MajorDelay, "The integrated care board has asked for changes to the health section; sign-off moved to its May board")],
        ["1.2"] = [(180, ActionStatus.NotStarted, null), (120, ActionStatus.OnTrack, "Terms of reference agreed"), (35, ActionStatus.MinorDelay, "Health representative not yet named; the designated clinical officer attends meanwhile")],
        ["1.3"] = [(180, ActionStatus.NotStarted, null), (60, ActionStatus.OnTrack, "One post filled; the second is advertised")],
        ["2.1"] = [(180, ActionStatus.OnTrack, null), (95, ActionStatus.Complete, "Termly review in place; first list reviewed in the autumn term")],
        ["2.2"] = [(180, ActionStatus.OnTrack, null), (75, ActionStatus.MinorDelay, "Waiting list has grown; recovery plan agreed"), (14, ActionStatus.MajorDelay, "93 waiting; at six to eight assessments a month the list takes more than a year to clear")],
        ["2.3"] = [(180, ActionStatus.OnTrack, null), (30, ActionStatus.OnTrack, "Second quarterly forecast presented")],
        ["2.4"] = [(150, ActionStatus.NotStarted, null), (40, ActionStatus.MinorDelay, "Legal advice expected next month")],
        ["3.1"] = [(180, ActionStatus.OnTrack, null), (50, ActionStatus.Complete, "Guides published on the local offer and printed")],
        ["3.2"] = [(120, ActionStatus.NotStarted, null)],
        ["3.3"] = [(180, ActionStatus.NotStarted, null), (25, ActionStatus.OnTrack, "Survey questions agreed with the parent carer forum")],
    };

    /// <summary>Adds the plan to a council that has none; a council that has one keeps it.</summary>
    public static async Task SeedAsync(WaypointDbContext db, string council, DateOnly today, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (await db.StrategyActions.AnyAsync(a => a.CouncilCode == council, cancellationToken)) return;
        var manager = new Practitioner(council, "Demo team manager", "manager");
        var midday = new DateTimeOffset(today.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero);
        foreach (var (reference, action, aims, owner, timescale, resources, risks, measure) in Actions)
        {
            var steps = Steps[reference];
            var (addedAgo, status, _) = steps[0];
            await DeliveryPlans.AddAsync(db, manager, new ActionDetails(reference, action, aims, owner, timescale, resources, risks, measure), status, null, midday.AddDays(-addedAgo), cancellationToken);
            for (var i = 1; i < steps.Length; i++)
                await DeliveryPlans.UpdateStatusAsync(db, manager, reference, i, steps[i].Status, steps[i].Note, midday.AddDays(-steps[i].DaysAgo), cancellationToken);
        }
    }
}
