using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Waypoint.Core.Data;
using Waypoint.Core.Pathway;
using Waypoint.Core.People;
using Waypoint.Core.Rules;
using Waypoint.Web.Security;
using Waypoint.Web.Tracker;

namespace Waypoint.Web.Pages.People;

/// <summary>One young person in the tracker as the API gives them: the tracker's columns, with the clock in full.</summary>
public sealed record TrackerPerson(
    string Reference, string DisplayName, DateOnly? DateOfBirth, int Age, IReadOnlyList<string> Cohorts, string? EhcPrimaryNeed, TransitionsStage Stage,
    string? NamedWorker, CareLeaverStatus CareLeaver, string? LikelyNeeds, IReadOnlyList<Milestone> Milestones, IReadOnlyList<Flag> Flags)
{
    public static TrackerPerson Of(TrackerRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return new(row.Reference, row.DisplayName, row.DateOfBirth, row.Age, row.Cohorts, row.EhcPrimaryNeed, row.Stage, row.NamedWorker,
            row.Clock.CareLeaver.Status, row.Clock.LikelyNeeds, row.Clock.Milestones, row.Clock.Flags);
    }
}

public sealed record TrackerPeoplePage(IReadOnlyList<TrackerPerson> People, int Total, int Page, int PageCount, DateOnly AsOf);

/// <summary>The tracker's filters, and a name or identifier to search for - posted, so it stays out of URLs and logs.</summary>
public sealed record TrackerSearch(
    string? Search, string? Cohort = null, string? Age = null, TransitionsStage? Stage = null, string? CareLeaver = null, string? Flag = null,
    string? Overdue = null, string? Likely = null, string Sort = "name", bool Descending = false, int Page = 1, int PageSize = 50);

/// <summary>The JSON twins of the tracker and the person page, with the same policy and the same audit.</summary>
public static class PeopleApi
{
    public static void MapPeopleApi(this IEndpointRouteBuilder app)
    {
        var people = app.MapGroup("/api/people").WithTags("Young people").RequireAuthorization(Policies.SeePeople);
        people.MapGet("", ListAsync);
        people.MapPost("/search", SearchAsync);
        people.MapGet("/{reference}", GetAsync);
    }

    private static Task<TrackerPeoplePage> ListAsync(
        HttpContext context, WaypointDbContext db, TrackerCache cache, TimeProvider time, CancellationToken cancellationToken,
        string? cohort = null, string? age = null, TransitionsStage? stage = null, string? careLeaver = null, string? flag = null, string? overdue = null,
        string? likely = null, string sort = "name", bool descending = false, int page = 1, int pageSize = 50) =>
        PageAsync(context, db, cache, time, new TrackerSearch(null, cohort, age, stage, careLeaver, flag, overdue, likely, sort, descending, page, pageSize), cancellationToken);

    private static Task<TrackerPeoplePage> SearchAsync(
        TrackerSearch search, HttpContext context, WaypointDbContext db, TrackerCache cache, TimeProvider time, CancellationToken cancellationToken) =>
        PageAsync(context, db, cache, time, search, cancellationToken);

    private static async Task<TrackerPeoplePage> PageAsync(
        HttpContext context, WaypointDbContext db, TrackerCache cache, TimeProvider time, TrackerSearch s, CancellationToken cancellationToken)
    {
        var asOf = DateOnly.FromDateTime(time.GetLocalNow().Date);
        var query = new TrackerQuery
        {
            Search = s.Search,
            Cohort = s.Cohort,
            AgeBand = s.Age,
            Stage = s.Stage,
            CareLeaver = s.CareLeaver,
            Flag = s.Flag,
            Overdue = s.Overdue,
            Likely = s.Likely,
            Sort = s.Sort,
            Descending = s.Descending,
            Page = Math.Max(1, s.Page),
            PageSize = Math.Clamp(s.PageSize, 1, 500),
        };
        var found = Core.People.Tracker.Apply(await context.VisibleAsync(db, await cache.RowsAsync(db, context.User.Council(), asOf, cancellationToken), r => r.Id), query);
        return new TrackerPeoplePage([.. found.Rows.Select(TrackerPerson.Of)], found.Total, found.Page, found.PageCount, asOf);
    }

    private static async Task<Results<Ok<PersonDetail>, NotFound>> GetAsync(
        HttpContext context, ClaimsPrincipal user, WaypointDbContext db, AuditLog audit, TimeProvider time, PersonRecordCache records, CancellationToken cancellationToken)
    {
        var detail = await records.GetAsync(context, db, DateOnly.FromDateTime(time.GetLocalNow().Date), cancellationToken);
        if (detail is null) return TypedResults.NotFound();
        await audit.RecordAsync(user, "view-person", detail.Person.Id, "api", cancellationToken);
        return TypedResults.Ok(detail);
    }
}
