using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Waypoint.Core.Data;
using Waypoint.Core.Pathway;
using Waypoint.Web.Security;

namespace Waypoint.Web.Pages.Cases;

/// <summary>The referral as the API takes it: the same answers as the referral page.</summary>
public sealed record ReferralBody(int SeenVersion, ReferralSource Source, string? Referrer, DateOnly ReceivedOn, string Reason, ReferralUrgency Urgency);

/// <summary>
/// The JSON twins of the case pages, under /api with the same policies. A refused change is a problem response:
/// 409 when the case changed since the version the caller saw (with what changed), 422 when the pathway refuses it.
/// </summary>
public static class CaseApi
{
    public static void MapCaseApi(this IEndpointRouteBuilder app)
    {
        var person = app.MapGroup("/api/people/{reference}").WithTags("Transitions case");
        person.MapGet("/case", GetCaseAsync).RequireAuthorization(Policies.SeePeople);
        person.MapPost("/referrals", ReferAsync).RequireAuthorization(Policies.Refer);
    }

    private static async Task<Results<Ok<CaseView>, NotFound>> GetCaseAsync(
        string reference, ClaimsPrincipal user, WaypointDbContext db, AuditLog audit, CancellationToken cancellationToken)
    {
        if (await CaseRecord.GetAsync(db, user.Council(), reference, cancellationToken) is not { } view) return TypedResults.NotFound();
        await audit.RecordAsync(user, "view-case", view.PersonId, "api", cancellationToken);
        return TypedResults.Ok(view);
    }

    private static async Task<IResult> ReferAsync(
        string reference, ReferralBody body, ClaimsPrincipal user, WaypointDbContext db, TimeProvider time, CancellationToken cancellationToken) =>
        await ChangeAsync(async () =>
        {
            await Referrals.ReferAsync(db, user.Practitioner(), reference, body.SeenVersion,
                new ReferralRequest(body.Source, body.Referrer, body.ReceivedOn, body.Reason ?? "", body.Urgency), time.GetUtcNow(), cancellationToken);
            return TypedResults.Created($"/api/people/{reference}/case", await CaseRecord.GetAsync(db, user.Council(), reference, cancellationToken));
        });

    /// <summary>Runs a change and turns the pathway's refusals into problem responses, as every pathway endpoint does.</summary>
    public static async Task<IResult> ChangeAsync(Func<Task<IResult>> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        try
        {
            return await change();
        }
        catch (CaseChangedException e)
        {
            return TypedResults.Problem(e.Message, statusCode: StatusCodes.Status409Conflict, title: "The case changed since you loaded it",
                extensions: new Dictionary<string, object?> { ["since"] = e.Since.Select(s => new { s.Version, s.At, s.By, s.What }) });
        }
        catch (PathwayRefusedException e)
        {
            return TypedResults.Problem(e.Message, statusCode: StatusCodes.Status422UnprocessableEntity, title: "Refused",
                extensions: e.SeeAlso is null ? null : new Dictionary<string, object?> { ["seeAlso"] = e.SeeAlso });
        }
    }
}
