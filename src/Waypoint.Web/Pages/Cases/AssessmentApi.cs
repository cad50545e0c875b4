using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Waypoint.Core.Data;
using Waypoint.Core.Pathway;
using Waypoint.Core.Rules;
using Waypoint.Web.Security;

namespace Waypoint.Web.Pages.Cases;

public sealed record AssessmentStartBody(int SeenVersion, AssessmentKind Kind, AssessmentFooting Footing, string? FootingNote, string? CarerName, DateOnly StartedOn);

/// <summary>One outcome: no ways of being unable means achievable. <see cref="PeriodLongEnough"/> matters only when the needs fluctuate.</summary>
public sealed record AssessedOutcomeBody(int SeenVersion, IReadOnlyList<UnableBecause>? Unable, bool Fluctuates, bool PeriodLongEnough, bool MetByCarer, string? Evidence);

/// <summary>The conditions; <see cref="HealthAtRisk"/> is asked only in a carer's assessment.</summary>
public sealed record AssessmentConditionsBody(int SeenVersion, bool NeedsArise, bool? HealthAtRisk, bool WellbeingImpact, string? Evidence);

public sealed record AssessmentDecisionBody(int SeenVersion, bool Eligible, DateOnly DecidedOn, string? Reasons, string? DepartureReason, string? Advice);

public sealed record SignpostBody(int SeenVersion, string? SignpostedTo);

public sealed record DeclineBody(int SeenVersion, DateOnly RefusedOn, string? Reasons, string? PreventionAdvice);

public sealed record DecisionReviewBody(int SeenVersion, string? Note);

/// <summary>
/// The JSON twins of the transition assessment pages, with the same policies: anyone who sees people reads an
/// assessment (each read audited), the transitions team runs it, managers review flagged decisions. Refusals are
/// problem responses, as for every pathway endpoint (<see cref="CaseApi.ChangeAsync"/>).
/// </summary>
public static class AssessmentApi
{
    public static void MapAssessmentApi(this IEndpointRouteBuilder app)
    {
        var person = app.MapGroup("/api/people/{reference}").WithTags("Transition assessment");
        person.MapGet("/assessment", GetAsync).RequireAuthorization(Policies.SeePeople);
        person.MapPost("/assessment", StartAsync).RequireAuthorization(Policies.RunPathway);
        person.MapPut("/assessment/outcomes/{key}", RecordOutcomeAsync).RequireAuthorization(Policies.RunPathway);
        person.MapPut("/assessment/conditions", RecordConditionsAsync).RequireAuthorization(Policies.RunPathway);
        person.MapPost("/assessment/decision", DecideAsync).RequireAuthorization(Policies.RunPathway);
        person.MapPost("/assessment/signpost", SignpostAsync).RequireAuthorization(Policies.RunPathway);
        person.MapPost("/decline", DeclineAsync).RequireAuthorization(Policies.RunPathway);
        person.MapPost("/assessment/review", ReviewAsync).RequireAuthorization(Policies.ReviewDecisions);
        app.MapGet("/api/flagged-decisions", FlaggedAsync).WithTags("Transition assessment").RequireAuthorization(Policies.ReviewDecisions);
    }

    private static async Task<Results<Ok<AssessmentView>, NotFound>> GetAsync(
        string reference, ClaimsPrincipal user, WaypointDbContext db, AuditLog audit, CancellationToken cancellationToken)
    {
        if (await CaseRecord.GetAsync(db, user.Council(), reference, cancellationToken) is not { } view) return TypedResults.NotFound();
        var assessment = await Assessments.GetAsync(db, user.Council(), reference, cancellationToken);
        await audit.RecordAsync(user, "view-assessment", view.PersonId, "api", cancellationToken);
        return TypedResults.Ok(assessment);
    }

    private static Task<IResult> StartAsync(string reference, AssessmentStartBody body, ClaimsPrincipal user, WaypointDbContext db, TimeProvider time, CancellationToken cancellationToken) =>
        CaseApi.ChangeAsync(async () =>
        {
            await Assessments.StartAsync(db, user.Practitioner(), reference, body.SeenVersion,
                new AssessmentStartRequest(body.Kind, body.Footing, body.FootingNote ?? "", body.CarerName, body.StartedOn), time.GetUtcNow(), cancellationToken);
            return TypedResults.Created($"/api/people/{reference}/assessment", await Assessments.GetAsync(db, user.Council(), reference, cancellationToken));
        });

    private static Task<IResult> RecordOutcomeAsync(
        string reference, string key, AssessedOutcomeBody body, ClaimsPrincipal user, WaypointDbContext db, TimeProvider time, CancellationToken cancellationToken) =>
        CaseApi.ChangeAsync(async () =>
        {
            await Assessments.RecordOutcomeAsync(db, user.Practitioner(), reference, body.SeenVersion,
                new AssessedOutcomeRequest(key, body.Unable ?? [], body.Fluctuates, body.PeriodLongEnough, body.MetByCarer, body.Evidence ?? ""), time.GetUtcNow(), cancellationToken);
            return TypedResults.Ok(await Assessments.GetAsync(db, user.Council(), reference, cancellationToken));
        });

    private static Task<IResult> RecordConditionsAsync(
        string reference, AssessmentConditionsBody body, ClaimsPrincipal user, WaypointDbContext db, TimeProvider time, CancellationToken cancellationToken) =>
        CaseApi.ChangeAsync(async () =>
        {
            await Assessments.RecordConditionsAsync(db, user.Practitioner(), reference, body.SeenVersion,
                new AssessmentConditionsRequest(body.NeedsArise, body.HealthAtRisk, body.WellbeingImpact, body.Evidence ?? ""), time.GetUtcNow(), cancellationToken);
            return TypedResults.Ok(await Assessments.GetAsync(db, user.Council(), reference, cancellationToken));
        });

    private static Task<IResult> DecideAsync(
        string reference, AssessmentDecisionBody body, ClaimsPrincipal user, WaypointDbContext db, TimeProvider time, CancellationToken cancellationToken) =>
        CaseApi.ChangeAsync(async () =>
        {
            await Assessments.DecideAsync(db, user.Practitioner(), reference, body.SeenVersion,
                new AssessmentDecisionRequest(body.Eligible, body.DecidedOn, body.Reasons ?? "", body.DepartureReason, body.Advice), time.GetUtcNow(), cancellationToken);
            return TypedResults.Ok(await Assessments.GetAsync(db, user.Council(), reference, cancellationToken));
        });

    private static Task<IResult> SignpostAsync(
        string reference, SignpostBody body, ClaimsPrincipal user, WaypointDbContext db, TimeProvider time, CancellationToken cancellationToken) =>
        CaseApi.ChangeAsync(async () =>
        {
            await Assessments.SignpostAsync(db, user.Practitioner(), reference, body.SeenVersion, body.SignpostedTo ?? "", time.GetUtcNow(), cancellationToken);
            return TypedResults.Ok(await Assessments.GetAsync(db, user.Council(), reference, cancellationToken));
        });

    private static Task<IResult> DeclineAsync(
        string reference, DeclineBody body, ClaimsPrincipal user, WaypointDbContext db, TimeProvider time, CancellationToken cancellationToken) =>
        CaseApi.ChangeAsync(async () =>
        {
            await Assessments.DeclineAsync(db, user.Practitioner(), reference, body.SeenVersion,
                new AssessmentRefusalRequest(body.RefusedOn, body.Reasons ?? "", body.PreventionAdvice ?? ""), time.GetUtcNow(), cancellationToken);
            return TypedResults.Created($"/api/people/{reference}/assessment", await Assessments.GetAsync(db, user.Council(), reference, cancellationToken));
        });

    private static Task<IResult> ReviewAsync(
        string reference, DecisionReviewBody body, ClaimsPrincipal user, WaypointDbContext db, TimeProvider time, CancellationToken cancellationToken) =>
        CaseApi.ChangeAsync(async () =>
        {
            await Assessments.ReviewAsync(db, user.Practitioner(), reference, body.SeenVersion, body.Note ?? "", time.GetUtcNow(), cancellationToken);
            return TypedResults.Ok(await Assessments.GetAsync(db, user.Council(), reference, cancellationToken));
        });

    private static async Task<Ok<IReadOnlyList<FlaggedDecision>>> FlaggedAsync(ClaimsPrincipal user, WaypointDbContext db, AuditLog audit, CancellationToken cancellationToken)
    {
        var decisions = await Assessments.FlaggedAsync(db, user.Council(), cancellationToken);
        await audit.RecordAsync(user, "view-flagged-decisions", null, $"api, {decisions.Count} decisions", cancellationToken);
        return TypedResults.Ok(decisions);
    }
}
