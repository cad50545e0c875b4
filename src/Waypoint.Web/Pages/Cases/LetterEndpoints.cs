using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Waypoint.Core.Audit;
using Waypoint.Core.Data;
using Waypoint.Core.Documents;
using Waypoint.Core.Pathway;
using Waypoint.Web.Security;

namespace Waypoint.Web.Pages.Cases;

/// <summary>
/// The statutory written records as Word downloads, for the worker to send to the young person and their family: the
/// record of the eligibility decision (Care Act 2014 s.13(2)), the advice where no need is eligible (s.13(5)), and the
/// reasons and advice for a refused request for an assessment (s.58(5)). Anyone who sees the case may download them;
/// each download is audited. Not found when the person is not in the user's council or the letter has nothing to say.
/// </summary>
public static class LetterEndpoints
{
    public static void MapLetterEndpoints(this IEndpointRouteBuilder app)
    {
        // Downloads for the pages, not part of the JSON API: left out of its description.
        var letters = app.MapGroup("/people/{reference}/letters").RequireAuthorization(Policies.SeePeople).ExcludeFromDescription();
        letters.MapGet("/decision", (string reference, ClaimsPrincipal user, WaypointDbContext db, AuditLog audit, TimeProvider time, WaypointSettings settings, HttpResponse response, CancellationToken cancellationToken) =>
            DownloadAsync(reference, Exports.DecisionRecord, (s, details) => s.Assessment is { } a ? (PathwayLetters.DecisionRecord(details, a, s.DecidedByName), $"assessment {a.Id}") : null,
                user, db, audit, time, settings, response, cancellationToken));
        letters.MapGet("/advice", (string reference, ClaimsPrincipal user, WaypointDbContext db, AuditLog audit, TimeProvider time, WaypointSettings settings, HttpResponse response, CancellationToken cancellationToken) =>
            DownloadAsync(reference, Exports.AdviceLetter, (s, details) => s.Assessment is { } a ? (PathwayLetters.AdviceLetter(details, a), $"assessment {a.Id}") : null,
                user, db, audit, time, settings, response, cancellationToken));
        letters.MapGet("/refusal", (string reference, ClaimsPrincipal user, WaypointDbContext db, AuditLog audit, TimeProvider time, WaypointSettings settings, HttpResponse response, CancellationToken cancellationToken) =>
            DownloadAsync(reference, Exports.RefusalLetter, (s, details) => s.Refusal is { } r ? (PathwayLetters.RefusalLetter(details, r), $"refusal {r.Id}") : null,
                user, db, audit, time, settings, response, cancellationToken));
    }

    private static async Task<Results<FileContentHttpResult, NotFound>> DownloadAsync(
        string reference, string action, Func<LetterSources, LetterDetails, (WordFile File, string Detail)?> write,
        ClaimsPrincipal user, WaypointDbContext db, AuditLog audit, TimeProvider time, WaypointSettings settings, HttpResponse response, CancellationToken cancellationToken)
    {
        if (await PathwayLetters.GatherAsync(db, user.Council(), reference, cancellationToken) is not { } sources) return TypedResults.NotFound();
        (WordFile File, string Detail)? letter;
        try
        {
            letter = write(sources, sources.Details(settings.CouncilName, DateOnly.FromDateTime(time.GetLocalNow().Date)));
        }
        catch (PathwayRefusedException)
        {
            // Undecided, or the wrong decision for this letter: there is no such letter to give.
            letter = null;
        }
        if (letter is not { } written) return TypedResults.NotFound();
        await audit.RecordAsync(user, action, sources.PersonId, written.Detail, cancellationToken);
        // Personal data: not to be kept in a shared computer's browser cache.
        response.Headers.CacheControl = "no-store";
        return TypedResults.File(written.File.Content, WordFile.ContentType, written.File.FileName);
    }
}
