using Microsoft.AspNetCore.Mvc;
using Waypoint.Core.Data;
using Waypoint.Core.Pathway;
using Waypoint.Web.Govuk;
using Waypoint.Web.Security;

namespace Waypoint.Web.Pages.Cases;

/// <summary>Adding a goal to the support plan, or changing one: the outcome it is under, what, what will help, who, by when and how it is going.</summary>
public sealed class PlanGoalModel(WaypointDbContext db, AuditLog audit, TimeProvider time) : CaseChangeModel(db, audit, time)
{
    /// <summary>The goal being changed; null when adding one.</summary>
    public long? GoalId { get; private set; }

    [BindProperty] public PreparingForAdulthoodOutcome? Outcome { get; set; }
    [BindProperty] public string? Aim { get; set; }
    [BindProperty] public string? Help { get; set; }
    [BindProperty] public string? Who { get; set; }
    [BindProperty] public DateParts DueOn { get; set; } = new();
    [BindProperty] public PlanGoalStatus? Status { get; set; }

    public static IReadOnlyList<GovukOption> Outcomes { get; } =
        PreparingForAdulthood.Outcomes.Select(o => new GovukOption(o.ToString(), PreparingForAdulthood.Label(o), PreparingForAdulthood.Hint(o))).ToList();

    public static IReadOnlyList<GovukOption> Statuses { get; } = Enum.GetValues<PlanGoalStatus>().Select(s => new GovukOption(s.ToString(), Plans.Label(s))).ToList();

    public async Task<IActionResult> OnGetAsync(string reference, long? goalId, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(reference, cancellationToken)) return NotFound();
        SeenVersion = Case.Version;
        GoalId = goalId;
        if (goalId is { } id)
        {
            var plan = await Plans.CurrentAsync(Db, Case.PersonId, cancellationToken);
            if (plan?.Goals.SingleOrDefault(g => g.Id == id) is not { } goal) return NotFound();
            (Outcome, Aim, Help, Who, DueOn, Status) = (goal.Outcome, goal.Aim, goal.Help, goal.Who, DateParts.From(goal.DueOn), goal.Status);
        }
        else Status = PlanGoalStatus.NotStarted;
        await AuditViewAsync("view-plan", "goal form", cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string reference, long? goalId, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(reference, cancellationToken)) return NotFound();
        GoalId = goalId;
        if (!Validate()) return Page();
        var request = new PlanGoalRequest(Outcome!.Value, Aim!, Help!, Who!, DueOn.Date!.Value, Status!.Value);
        var saved = await TryChangeAsync(reference, () => goalId is { } id
            ? Plans.ChangeGoalAsync(Db, User.Practitioner(), reference, SeenVersion, id, request, Now, cancellationToken)
            : Plans.AddGoalAsync(Db, User.Practitioner(), reference, SeenVersion, request, Now, cancellationToken), cancellationToken);
        if (!saved) return Page();
        return Done(goalId is null ? "Goal added to the support plan." : "Goal changed.", $"/people/{reference}/plan#outcome-{Outcome.Value.ToString().ToLowerInvariant()}");
    }

    private bool Validate()
    {
        if (Outcome is null) ModelState.AddModelError(nameof(Outcome), "Select the outcome the goal is for");
        CheckText(nameof(Aim), Aim, Plans.AimLength, "Enter what the young person wants to achieve", "What the young person wants to achieve");
        CheckText(nameof(Help), Help, Plans.HelpLength, "Enter what will help", "What will help");
        CheckText(nameof(Who), Who, Plans.WhoLength, "Enter who will help", "Who will help");
        CheckDate(nameof(DueOn), DueOn, "when the goal should be met by");
        if (Status is null) ModelState.AddModelError(nameof(Status), "Select how the goal is going");
        return ModelState.IsValid;
    }
}
