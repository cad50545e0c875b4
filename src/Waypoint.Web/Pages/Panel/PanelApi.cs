using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Waypoint.Core.Audit;
using Waypoint.Core.Data;
using Waypoint.Core.Panel;
using Waypoint.Core.Rules;
using Waypoint.Web.Pages.Cases;
using Waypoint.Web.Security;

namespace Waypoint.Web.Pages.Panel;

/// <summary>A meeting as the API takes it; the start time as "10:00".</summary>
public sealed record MeetingBody(DateOnly MeetsOn, string StartsAt, MeetingFormat Format, string Place, string Chair);

/// <summary>A case to add to an agenda. <see cref="SeenVersion"/> is the case version the caller saw, if it saw the case.</summary>
public sealed record AgendaCaseBody(string Reference, int? SeenVersion, string Question);

public sealed record AttendanceBody(long Id, Attendance Attendance);

public sealed record DecisionBody(int SeenVersion, PanelDecision Decision, decimal? WeeklyCost, string? Reason, long? DeferToMeetingId, string? Notes);

/// <summary>
/// The JSON twins of the panel pages, under /api/panel with the same policy (RunPanel). Refusals are problem responses
/// as the case API gives them: 409 when the case changed since the version the caller saw, 422 when refused.
/// </summary>
public static class PanelApi
{
    public static void MapPanelApi(this IEndpointRouteBuilder app)
    {
        var panel = app.MapGroup("/api/panel/meetings").WithTags("Transitions panel").RequireAuthorization(Policies.RunPanel);
        panel.MapGet("", ListAsync);
        panel.MapPost("", CreateAsync);
        panel.MapGet("/{id:long}", GetAsync);
        panel.MapGet("/{id:long}/agenda", AgendaAsync);
        panel.MapGet("/{id:long}/agenda-pack", AgendaPackAsync);
        panel.MapPost("/{id:long}/cases", AddCaseAsync);
        panel.MapDelete("/{id:long}/cases/{reference}", RemoveCaseAsync);
        panel.MapPost("/{id:long}/cases/{reference}/decision", DecideAsync);
        panel.MapPost("/{id:long}/attendees", AddAttendeeAsync);
        panel.MapPut("/{id:long}/attendance", AttendanceAsync);
        panel.MapPost("/{id:long}/actions", AddActionAsync);
        panel.MapPost("/{id:long}/actions/{taskId:long}/follow-up", FollowUpAsync);
    }

    private static async Task<Ok<List<MeetingSummary>>> ListAsync(ClaimsPrincipal user, WaypointDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok(await PanelRecord.ListAsync(db, user.Council(), cancellationToken));

    private static async Task<IResult> CreateAsync(MeetingBody body, ClaimsPrincipal user, WaypointDbContext db, TimeProvider time, CancellationToken cancellationToken) =>
        await CaseApi.ChangeAsync(async () =>
        {
            if (PanelPages.ParseTime(body.StartsAt) is not { } startsAt)
                return TypedResults.Problem("Enter the start time as a time of day, for example 10:00.", statusCode: StatusCodes.Status422UnprocessableEntity, title: "Refused");
            var meeting = await PanelMeetings.CreateMeetingAsync(db, user.Practitioner(), new MeetingRequest(body.MeetsOn, startsAt, body.Format, body.Place, body.Chair), time.GetUtcNow(), cancellationToken);
            return TypedResults.Created($"/api/panel/meetings/{meeting.Id}", await PanelRecord.GetAsync(db, user.Council(), meeting.Id, cancellationToken));
        });

    private static async Task<Results<Ok<MeetingView>, NotFound>> GetAsync(long id, ClaimsPrincipal user, WaypointDbContext db, AuditLog audit, CancellationToken cancellationToken)
    {
        if (await PanelRecord.GetAsync(db, user.Council(), id, cancellationToken) is not { } meeting) return TypedResults.NotFound();
        await PanelPages.AuditViewsAsync(audit, user, "view-panel-meeting", PanelPages.PeopleShown(meeting), $"meeting {id}, api", cancellationToken);
        return TypedResults.Ok(meeting);
    }

    private static async Task<Results<Ok<AgendaPack>, NotFound>> AgendaAsync(
        long id, ClaimsPrincipal user, WaypointDbContext db, AuditLog audit, TimeProvider time, RulesPolicy policy, CancellationToken cancellationToken)
    {
        if (await PanelAgenda.BuildAsync(db, user.Council(), id, DateOnly.FromDateTime(time.GetLocalNow().Date), policy, cancellationToken) is not { } pack) return TypedResults.NotFound();
        await PanelPages.AuditViewsAsync(audit, user, "view-panel-agenda", pack.Cases.Select(c => c.PersonId).Concat(PanelPages.PeopleShown(pack.Meeting)), $"meeting {id}, api", cancellationToken);
        return TypedResults.Ok(pack);
    }

    private static async Task<Results<FileContentHttpResult, NotFound>> AgendaPackAsync(
        long id, ClaimsPrincipal user, WaypointDbContext db, AuditLog audit, TimeProvider time, RulesPolicy policy, CancellationToken cancellationToken)
    {
        if (await PanelAgenda.BuildAsync(db, user.Council(), id, DateOnly.FromDateTime(time.GetLocalNow().Date), policy, cancellationToken) is not { } pack) return TypedResults.NotFound();
        await PanelPages.AuditViewsAsync(audit, user, Exports.PanelAgenda, pack.Cases.Select(c => c.PersonId).Concat(PanelPages.PeopleShown(pack.Meeting)), $"meeting {id}, api", cancellationToken);
        return TypedResults.File(AgendaPackDocument.Write(pack), AgendaPackDocument.ContentType, AgendaPackDocument.FileName(pack));
    }

    private static async Task<IResult> AddCaseAsync(long id, AgendaCaseBody body, ClaimsPrincipal user, WaypointDbContext db, TimeProvider time, CancellationToken cancellationToken) =>
        await ChangeAsync(() => PanelMeetings.AddCaseAsync(db, user.Practitioner(), id, body.Reference ?? "", body.SeenVersion, body.Question ?? "", time.GetUtcNow(), cancellationToken));

    private static async Task<IResult> RemoveCaseAsync(long id, string reference, ClaimsPrincipal user, WaypointDbContext db, TimeProvider time, CancellationToken cancellationToken) =>
        await ChangeAsync(() => PanelMeetings.RemoveCaseAsync(db, user.Practitioner(), id, reference, time.GetUtcNow(), cancellationToken));

    private static async Task<IResult> DecideAsync(long id, string reference, DecisionBody body, ClaimsPrincipal user, WaypointDbContext db, TimeProvider time, CancellationToken cancellationToken) =>
        await ChangeAsync(() => PanelMeetings.RecordDecisionAsync(db, user.Practitioner(), id, reference, body.SeenVersion,
            new DecisionRequest(body.Decision, body.WeeklyCost, body.Reason, body.DeferToMeetingId, body.Notes), time.GetUtcNow(), cancellationToken));

    private static async Task<IResult> AddAttendeeAsync(long id, AttendeeRequest body, ClaimsPrincipal user, WaypointDbContext db, TimeProvider time, CancellationToken cancellationToken) =>
        await ChangeAsync(() => PanelMeetings.AddAttendeeAsync(db, user.Practitioner(), id, body, time.GetUtcNow(), cancellationToken));

    private static async Task<IResult> AttendanceAsync(long id, List<AttendanceBody> body, ClaimsPrincipal user, WaypointDbContext db, TimeProvider time, CancellationToken cancellationToken) =>
        await ChangeAsync(() => PanelMeetings.RecordAttendanceAsync(db, user.Practitioner(), id, body.ToDictionary(a => a.Id, a => a.Attendance), time.GetUtcNow(), cancellationToken));

    private static async Task<IResult> AddActionAsync(long id, ActionRequest body, ClaimsPrincipal user, WaypointDbContext db, TimeProvider time, CancellationToken cancellationToken) =>
        await CaseApi.ChangeAsync(async () =>
        {
            var task = await PanelMeetings.AddActionAsync(db, user.Practitioner(), id, body, time.GetUtcNow(), cancellationToken);
            return TypedResults.Created($"/api/panel/meetings/{id}", new { task.Id });
        });

    private static async Task<IResult> FollowUpAsync(long id, long taskId, FollowUpRequest body, ClaimsPrincipal user, WaypointDbContext db, TimeProvider time, CancellationToken cancellationToken) =>
        await ChangeAsync(() => PanelMeetings.FollowUpActionAsync(db, user.Practitioner(), id, taskId, body, time.GetUtcNow(), cancellationToken));

    /// <summary>A change whose result the caller reads from the meeting (GET, audited): no content, or the refusal as a problem response.</summary>
    private static Task<IResult> ChangeAsync(Func<Task> change) =>
        CaseApi.ChangeAsync(async () =>
        {
            await change();
            return TypedResults.NoContent();
        });
}
