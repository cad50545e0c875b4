using Waypoint.Core.Access;
using Waypoint.Core.Data;
using Waypoint.Core.People;
using Waypoint.Web.Tracker;

namespace Waypoint.Web.Security;

/// <summary>Marks the one page about a young person that a user with no relationship to them may open: the page that asks for emergency access.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class AsksForEmergencyAccessAttribute : Attribute;

/// <summary>
/// The access rules at the door of every page and endpoint about one young person: every route that names a person
/// does so by <c>{reference}</c>, so none can forget to ask. A refusal is audited; a page then offers emergency access,
/// the API answers 403. Runs after authorisation, so the role's policy has already been met.
/// </summary>
public static class RelationshipAccess
{
    /// <summary>Set on the request when the user is seeing the person through emergency access: when it ends, for the banner.</summary>
    public const string EmergencyAccessUntil = "waypoint:emergency-access-until";

    private const string AllowedPersonKey = "waypoint:allowed-person";

    /// <summary>The person the request is about, as read at the door, once the access rules have let the user see them; null otherwise.</summary>
    public static PersonRecordState? AllowedPerson(this HttpContext context) =>
        context?.Items.TryGetValue(AllowedPersonKey, out var person) == true ? person as PersonRecordState : null;

    public static IApplicationBuilder UseRelationshipAccess(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (context.GetRouteValue("reference") is not string reference
            || context.GetEndpoint() is not { } endpoint
            || endpoint.Metadata.GetMetadata<AsksForEmergencyAccessAttribute>() is not null
            || context.User.Identity?.IsAuthenticated != true)
        {
            await next(context);
            return;
        }

        var services = context.RequestServices;
        var db = services.GetRequiredService<WaypointDbContext>();
        var user = context.User;
        var cancellationToken = context.RequestAborted;
        // With what the person page needs to know whether its kept record still holds: one query for both.
        if (await PersonRecord.StateAsync(db, user.Council(), reference, cancellationToken) is not { } person)
        {
            // No such person in the user's council: the page answers 404 as it always has, telling nothing more.
            await next(context);
            return;
        }

        var id = person.PersonId;
        var (basis, emergencyUntil) = await DecideAsync(context, db, id, cancellationToken);
        var audit = services.GetRequiredService<AuditLog>();
        var route = (endpoint as RouteEndpoint)?.RoutePattern.RawText ?? endpoint.DisplayName ?? "";
        if (basis is null)
        {
            await audit.RecordAsync(user, "access-refused", id, route, cancellationToken);
            if (context.Request.Path.StartsWithSegments("/api")) context.Response.StatusCode = StatusCodes.Status403Forbidden;
            else if (HttpMethods.IsGet(context.Request.Method)) context.Response.Redirect($"/people/{Uri.EscapeDataString(reference)}/access");
            else context.Response.StatusCode = StatusCodes.Status403Forbidden;
            return;
        }
        if (basis == AccessBasis.BreakGlass)
        {
            // Each request made through emergency access is its own audit entry, so its review sees exactly what was opened.
            await audit.RecordAsync(user, "emergency-access-use", id, route, cancellationToken);
            context.Items[EmergencyAccessUntil] = emergencyUntil;
        }
        context.Items[AllowedPersonKey] = person;
        await next(context);
    });

    /// <summary>Whether the signed-in user may see the person now, and why; when by emergency access, until when.</summary>
    public static async Task<(AccessBasis? Basis, DateTimeOffset? EmergencyUntil)> DecideAsync(
        HttpContext context, WaypointDbContext db, long personId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var viewer = context.User.Viewer();
        var cohorts = (await CohortsAsync(context, db, cancellationToken)).GetValueOrDefault(personId);

        // A transitions role sees everyone in the cohort, and no other relationship could refuse them or make it
        // emergency access (AccessScope.Basis), so the transitions team's most-opened page need not read them.
        if (viewer.WorksTransitionsCohort && cohorts is not null) return (AccessBasis.TransitionsCohort, null);
        var time = context.RequestServices.GetRequiredService<TimeProvider>();
        var scope = await PersonAccess.ScopeAsync(db, viewer, time.GetUtcNow(), cancellationToken, personId);
        return (scope.Basis(personId, cohorts), scope.BreakGlassUntil(personId));
    }

    /// <summary>
    /// The rows of a list that the signed-in user may see, so that a list never names a young person whose page would
    /// refuse them. Transitions roles see the whole cohort, which is every list's people, so their lists are not narrowed;
    /// a list that may hold people who are not in the cohort today (<paramref name="allInCohort"/> false: a count of past
    /// referrals, say) is checked person by person for them too.
    /// </summary>
    public static async Task<IReadOnlyList<T>> VisibleAsync<T>(this HttpContext context, WaypointDbContext db, IReadOnlyList<T> rows, Func<T, long> personId, bool allInCohort = true)
    {
        ArgumentNullException.ThrowIfNull(context);
        var viewer = context.User.Viewer();
        if ((viewer.WorksTransitionsCohort && allInCohort) || rows.Count == 0) return rows;
        var services = context.RequestServices;
        var scope = await PersonAccess.ScopeAsync(db, viewer, services.GetRequiredService<TimeProvider>().GetUtcNow(), context.RequestAborted);
        var cohorts = await CohortsAsync(context, db, context.RequestAborted);
        return [.. scope.Visible(rows, personId, r => cohorts.GetValueOrDefault(personId(r)))];
    }

    /// <summary>
    /// Everyone in the transitions cohort today with their cohort flags: the tracker's people, from its cache, so that the
    /// rules are not evaluated again on each request.
    /// </summary>
    public static async Task<IReadOnlyDictionary<long, IReadOnlyCollection<string>>> CohortsAsync(HttpContext context, WaypointDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var services = context.RequestServices;
        var time = services.GetRequiredService<TimeProvider>();
        return await services.GetRequiredService<TrackerCache>().CohortsAsync(
            db, context.User.Council(), DateOnly.FromDateTime(time.GetLocalNow().Date), cancellationToken, await context.DataVersionAsync(db, cancellationToken));
    }
}
