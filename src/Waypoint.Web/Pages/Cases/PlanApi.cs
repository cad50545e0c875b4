using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Waypoint.Core.Data;
using Waypoint.Core.Pathway;
using Waypoint.Core.Rules;
using Waypoint.Web.Security;

namespace Waypoint.Web.Pages.Cases;

public sealed record PlanGoalBody(int SeenVersion, PreparingForAdulthoodOutcome Outcome, string? Aim, string? Help, string? Who, DateOnly DueOn, PlanGoalStatus Status);

public sealed record PlanViewsBody(int SeenVersion, string? YoungPersonView, string? FamilyView);

public sealed record PlanAgreeBody(int SeenVersion, DateOnly AgreedOn);

public sealed record ChecklistStatusBody(int SeenVersion, IndependenceStatus Status, string? Note);

public sealed record ChildrensServiceBody(int SeenVersion, string? Description, ChildrensServiceBasis LegalBasis, DateOnly StartedOn, DateOnly? EndsOn);

public sealed record ChildrensServiceEndBody(int SeenVersion, DateOnly EndsOn);

public sealed record HandoverBody(int SeenVersion, AdultTeam Team, string? OtherTeam, string? AdultWorker, DateOnly HandedOverOn, string? Summary);

/// <summary>
/// The JSON twins of the support plan, independence checklist, children's services and handover pages, with the same
/// policies: anyone who sees people reads them (each read audited), the transitions team changes them. Refusals are
/// problem responses, as for every pathway endpoint (<see cref="CaseApi.ChangeAsync"/>).
/// </summary>
public static class PlanApi
{
    public static void MapPlanApi(this IEndpointRouteBuilder app)
    {
        var person = app.MapGroup("/api/people/{reference}").WithTags("Support plan and handover");
        person.MapGet("/plan", GetPlanAsync).RequireAuthorization(Policies.SeePeople);
        person.MapPost("/plan/goals", AddGoalAsync).RequireAuthorization(Policies.RunPathway);
        person.MapPut("/plan/goals/{goalId:long}", ChangeGoalAsync).RequireAuthorization(Policies.RunPathway);
        person.MapPut("/plan/views", RecordViewsAsync).RequireAuthorization(Policies.RunPathway);
        person.MapPost("/plan/agree", AgreeAsync).RequireAuthorization(Policies.RunPathway);
        person.MapGet("/checklist", GetChecklistAsync).RequireAuthorization(Policies.SeePeople);
        person.MapPost("/checklist/{code}", SetStatusAsync).RequireAuthorization(Policies.RunPathway);
        person.MapGet("/childrens-services", GetServicesAsync).RequireAuthorization(Policies.SeePeople);
        person.MapPost("/childrens-services", AddServiceAsync).RequireAuthorization(Policies.RunPathway);
        person.MapPost("/childrens-services/{serviceId:long}/end", EndServiceAsync).RequireAuthorization(Policies.RunPathway);
        person.MapGet("/handover", GetHandoverAsync).RequireAuthorization(Policies.SeePeople);
        person.MapPost("/handover", HandOverAsync).RequireAuthorization(Policies.RunPathway);
    }

    private static DateOnly Today(TimeProvider time) => DateOnly.FromDateTime(time.GetLocalNow().Date);

    private static async Task<Results<Ok<PlanView>, NotFound>> GetPlanAsync(
        string reference, ClaimsPrincipal user, WaypointDbContext db, AuditLog audit, CancellationToken cancellationToken)
    {
        if (await Plans.GetAsync(db, user.Council(), reference, cancellationToken) is not { } view) return TypedResults.NotFound();
        await AuditAsync(db, audit, user, reference, "view-plan", cancellationToken);
        return TypedResults.Ok(view);
    }

    private static Task<IResult> AddGoalAsync(string reference, PlanGoalBody body, ClaimsPrincipal user, WaypointDbContext db, TimeProvider time, CancellationToken cancellationToken) =>
        CaseApi.ChangeAsync(async () =>
        {
            await Plans.AddGoalAsync(db, user.Practitioner(), reference, body.SeenVersion, Goal(body), time.GetUtcNow(), cancellationToken);
            return TypedResults.Created($"/api/people/{reference}/plan", await Plans.GetAsync(db, user.Council(), reference, cancellationToken));
        });

    private static Task<IResult> ChangeGoalAsync(string reference, long goalId, PlanGoalBody body, ClaimsPrincipal user, WaypointDbContext db, TimeProvider time, CancellationToken cancellationToken) =>
        CaseApi.ChangeAsync(async () =>
        {
            await Plans.ChangeGoalAsync(db, user.Practitioner(), reference, body.SeenVersion, goalId, Goal(body), time.GetUtcNow(), cancellationToken);
            return TypedResults.Ok(await Plans.GetAsync(db, user.Council(), reference, cancellationToken));
        });

    private static Task<IResult> RecordViewsAsync(string reference, PlanViewsBody body, ClaimsPrincipal user, WaypointDbContext db, TimeProvider time, CancellationToken cancellationToken) =>
        CaseApi.ChangeAsync(async () =>
        {
            await Plans.RecordViewsAsync(db, user.Practitioner(), reference, body.SeenVersion, new PlanViewsRequest(body.YoungPersonView ?? "", body.FamilyView), time.GetUtcNow(), cancellationToken);
            return TypedResults.Ok(await Plans.GetAsync(db, user.Council(), reference, cancellationToken));
        });

    private static Task<IResult> AgreeAsync(string reference, PlanAgreeBody body, ClaimsPrincipal user, WaypointDbContext db, TimeProvider time, CancellationToken cancellationToken) =>
        CaseApi.ChangeAsync(async () =>
        {
            await Plans.AgreeAsync(db, user.Practitioner(), reference, body.SeenVersion, body.AgreedOn, time.GetUtcNow(), cancellationToken);
            return TypedResults.Ok(await Plans.GetAsync(db, user.Council(), reference, cancellationToken));
        });

    private static async Task<Results<Ok<ChecklistView>, NotFound>> GetChecklistAsync(
        string reference, ClaimsPrincipal user, WaypointDbContext db, AuditLog audit, TimeProvider time, RulesPolicy policy, CancellationToken cancellationToken)
    {
        if (await IndependenceChecklist.GetAsync(db, user.Council(), reference, Today(time), policy.LeapDayBirthdays, cancellationToken) is not { } view) return TypedResults.NotFound();
        await AuditAsync(db, audit, user, reference, "view-checklist", cancellationToken);
        return TypedResults.Ok(view);
    }

    private static Task<IResult> SetStatusAsync(
        string reference, string code, ChecklistStatusBody body, ClaimsPrincipal user, WaypointDbContext db, TimeProvider time, RulesPolicy policy, CancellationToken cancellationToken) =>
        CaseApi.ChangeAsync(async () =>
        {
            await IndependenceChecklist.SetStatusAsync(db, user.Practitioner(), reference, body.SeenVersion, new IndependenceStatusRequest(code, body.Status, body.Note), time.GetUtcNow(), cancellationToken);
            return TypedResults.Ok(await IndependenceChecklist.GetAsync(db, user.Council(), reference, Today(time), policy.LeapDayBirthdays, cancellationToken));
        });

    private static async Task<Results<Ok<ChildrensServicesView>, NotFound>> GetServicesAsync(
        string reference, ClaimsPrincipal user, WaypointDbContext db, AuditLog audit, RulesPolicy policy, CancellationToken cancellationToken)
    {
        if (await ChildrensServices.GetAsync(db, user.Council(), reference, policy, cancellationToken) is not { } view) return TypedResults.NotFound();
        await AuditAsync(db, audit, user, reference, "view-childrens-services", cancellationToken);
        return TypedResults.Ok(view);
    }

    private static Task<IResult> AddServiceAsync(
        string reference, ChildrensServiceBody body, ClaimsPrincipal user, WaypointDbContext db, TimeProvider time, RulesPolicy policy, CancellationToken cancellationToken) =>
        CaseApi.ChangeAsync(async () =>
        {
            await ChildrensServices.AddAsync(db, user.Practitioner(), reference, body.SeenVersion,
                new ChildrensServiceRequest(body.Description ?? "", body.LegalBasis, body.StartedOn, body.EndsOn), policy, time.GetUtcNow(), cancellationToken);
            return TypedResults.Created($"/api/people/{reference}/childrens-services", await ChildrensServices.GetAsync(db, user.Council(), reference, policy, cancellationToken));
        });

    private static Task<IResult> EndServiceAsync(
        string reference, long serviceId, ChildrensServiceEndBody body, ClaimsPrincipal user, WaypointDbContext db, TimeProvider time, RulesPolicy policy, CancellationToken cancellationToken) =>
        CaseApi.ChangeAsync(async () =>
        {
            await ChildrensServices.EndAsync(db, user.Practitioner(), reference, body.SeenVersion, serviceId, body.EndsOn, policy, time.GetUtcNow(), cancellationToken);
            return TypedResults.Ok(await ChildrensServices.GetAsync(db, user.Council(), reference, policy, cancellationToken));
        });

    private static async Task<Results<Ok<HandoverView>, NotFound>> GetHandoverAsync(
        string reference, ClaimsPrincipal user, WaypointDbContext db, AuditLog audit, CancellationToken cancellationToken)
    {
        if (await Handovers.GetAsync(db, user.Council(), reference, cancellationToken) is not { } view) return TypedResults.NotFound();
        await AuditAsync(db, audit, user, reference, "view-handover", cancellationToken);
        return TypedResults.Ok(view);
    }

    private static Task<IResult> HandOverAsync(
        string reference, HandoverBody body, ClaimsPrincipal user, WaypointDbContext db, TimeProvider time, RulesPolicy policy, CancellationToken cancellationToken) =>
        CaseApi.ChangeAsync(async () =>
        {
            await Handovers.HandOverAsync(db, user.Practitioner(), reference, body.SeenVersion,
                new HandoverRequest(body.Team, body.OtherTeam, body.AdultWorker, body.HandedOverOn, body.Summary ?? ""), policy, time.GetUtcNow(), cancellationToken);
            return TypedResults.Created($"/api/people/{reference}/handover", await Handovers.GetAsync(db, user.Council(), reference, cancellationToken));
        });

    private static PlanGoalRequest Goal(PlanGoalBody body) => new(body.Outcome, body.Aim ?? "", body.Help ?? "", body.Who ?? "", body.DueOn, body.Status);

    /// <summary>Audits an API read of a person's case data against the person (the views carry only the opaque reference).</summary>
    private static async Task AuditAsync(WaypointDbContext db, AuditLog audit, ClaimsPrincipal user, string reference, string action, CancellationToken cancellationToken)
    {
        var council = user.Council();
        var personId = await db.People.Where(p => p.CouncilCode == council && p.Reference == reference).Select(p => (long?)p.Id).FirstOrDefaultAsync(cancellationToken);
        await audit.RecordAsync(user, action, personId, "api", cancellationToken);
    }
}
