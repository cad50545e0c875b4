using Microsoft.EntityFrameworkCore;
using Waypoint.Core.Data;
using Waypoint.Core.Pathway;
using Waypoint.Core.Rules;

namespace Waypoint.Core.People;

/// <summary>One young person in the tracker, with their statutory clock.</summary>
public sealed record TrackerRow(
    long Id, string Reference, string DisplayName, DateOnly? DateOfBirth, int Age, IReadOnlyList<string> Cohorts,
    string? EhcPrimaryNeed, TransitionsStage Stage, IReadOnlyList<string> Identifiers, PersonClock Clock, string? NamedWorker = null,
    string? Sex = null, string? Postcode = null)
{
    /// <summary>The ids of the milestones overdue today.</summary>
    public IEnumerable<string> Overdue => Clock.Milestones.Where(m => m.Status == MilestoneStatus.Overdue).Select(m => m.Rule.Id);
}

/// <summary>What the tracker is asked to show: filters, search, sort and page.</summary>
public sealed record TrackerQuery
{
    public string? Cohort { get; init; }
    public string? AgeBand { get; init; }
    public TransitionsStage? Stage { get; init; }

    /// <summary>A care-leaver status id (eligible, relevant, former-relevant, qualifying).</summary>
    public string? CareLeaver { get; init; }

    /// <summary>A flag id (HIGH-COST, TURNING-18, ...).</summary>
    public string? Flag { get; init; }

    /// <summary>A milestone id that must be overdue, or "any" for at least one overdue.</summary>
    public string? Overdue { get; init; }

    /// <summary>"yes" or "no": likely to need adult care and support by the council's rules.</summary>
    public string? Likely { get; init; }

    /// <summary>A name, or any identifier (child id, UPN, ULN, NHS number, adult person id).</summary>
    public string? Search { get; init; }

    /// <summary>name, age, stage, next (the next milestone's date) or overdue (how many).</summary>
    public string Sort { get; init; } = "name";

    public bool Descending { get; init; }
    public int Page { get; init; } = 1;
    public int PageSize { get; init; } = 50;
}

public sealed record TrackerPage(IReadOnlyList<TrackerRow> Rows, int Total, int Page, int PageCount);

/// <summary>
/// Everyone in scope (domain.md "Cohorts, scope and roles"): aged 13 to 25 on the date, with at least one cohort
/// flag or an open transitions case.
/// </summary>
public static class Tracker
{
    public static async Task<List<TrackerRow>> InScopeAsync(
        WaypointDbContext db, string council, DateOnly asOf, RulesPolicy policy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        // Only people of the tracker's ages can be in scope, so only theirs are evaluated.
        var clocks = (await ClockFacts.EvaluateAsync(db, council, asOf, policy, cancellationToken,
                include: f => f.DateOfBirth is { } dob && People.Age.On(dob, asOf, policy.LeapDayBirthdays) is >= 13 and <= 25))
            .ToDictionary(c => c.PersonId);
        var flags = await Cohort.FlagsAsync(db, council, asOf, clocks.Values.Where(c => c.CareLeaver.Status != CareLeaverStatus.None).Select(c => c.PersonId), cancellationToken);
        var cases = await db.TransitionsCases.Where(c => c.CouncilCode == council)
            .ToDictionaryAsync(c => c.PersonId, c => (c.Stage, c.NamedWorker), cancellationToken);
        var people = await db.People.AsNoTracking().Where(p => p.CouncilCode == council && p.DateOfBirth != null).ToListAsync(cancellationToken);
        var links = db.RecordLinks.Where(l => l.CouncilCode == council);
        var identifiers = (await links.Join(db.SourceIdentifiers, l => l.SourceRecordId, i => i.SourceRecordId, (l, i) => new { l.PersonId, i.Kind, i.Value })
            .ToListAsync(cancellationToken)).ToLookup(i => i.PersonId);
        var primaryNeeds = (await db.EhcNeeds.Where(n => n.Rank == 1)
            .Join(links, n => n.SourceRecordId, l => l.SourceRecordId, (n, l) => new { l.PersonId, n.Id, n.SenType })
            .ToListAsync(cancellationToken)).GroupBy(n => n.PersonId).ToDictionary(g => g.Key, g => g.MaxBy(n => n.Id)!.SenType);

        var rows = new List<TrackerRow>();
        foreach (var p in people)
        {
            var age = People.Age.On(p.DateOfBirth!.Value, asOf, policy.LeapDayBirthdays);
            var hasCase = cases.TryGetValue(p.Id, out var c) && c.Stage != TransitionsStage.Closed;
            var cohorts = flags.TryGetValue(p.Id, out var set) ? set.ToList() : [];
            if (age is < 13 or > 25 || (cohorts.Count == 0 && !hasCase)) continue;
            var ids = identifiers[p.Id].ToList();
            var name = DisplayName.Of(p.Forename, p.Surname, ids.FirstOrDefault(i => i.Kind == IdentifierKind.CouncilChildId)?.Value, p.Reference);
            rows.Add(new TrackerRow(
                p.Id, p.Reference, name, p.DateOfBirth, age, cohorts,
                cohorts.Contains(Cohort.EhcPlan) ? primaryNeeds.GetValueOrDefault(p.Id) : null,
                cases.TryGetValue(p.Id, out var found) ? found.Stage : TransitionsStage.NotIdentified,
                ids.Select(i => i.Value).Distinct().ToList(), clocks[p.Id], found.NamedWorker, p.Sex, p.Postcode));
        }
        return rows;
    }

    public static TrackerPage Apply(IReadOnlyList<TrackerRow> rows, TrackerQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        IEnumerable<TrackerRow> found = rows;
        if (query.Cohort is { Length: > 0 } cohort) found = found.Where(r => r.Cohorts.Contains(cohort));
        if (query.AgeBand is { Length: > 0 } band) found = found.Where(r => People.Age.Band(r.Age) == band);
        if (query.Stage is { } stage) found = found.Where(r => r.Stage == stage);
        if (query.CareLeaver is { Length: > 0 } status) found = found.Where(r => r.Clock.CareLeaver.Id == status);
        if (query.Flag is { Length: > 0 } flag) found = found.Where(r => r.Clock.Flags.Any(f => f.Rule.Id == flag));
        if (query.Likely is "yes") found = found.Where(r => r.Clock.LikelyNeeds is not null);
        else if (query.Likely is "no") found = found.Where(r => r.Clock.LikelyNeeds is null);
        if (query.Overdue is "any") found = found.Where(r => r.Clock.OverdueCount > 0);
        else if (query.Overdue is { Length: > 0 } overdue) found = found.Where(r => r.Overdue.Contains(overdue));
        if (query.Search?.Trim() is { Length: > 0 } search) found = found.Where(r => Matches(r, search));
        found = (query.Sort, query.Descending) switch
        {
            ("age", false) => found.OrderBy(r => r.Age).ThenBy(r => r.DisplayName, StringComparer.OrdinalIgnoreCase),
            ("age", true) => found.OrderByDescending(r => r.Age).ThenBy(r => r.DisplayName, StringComparer.OrdinalIgnoreCase),
            ("stage", false) => found.OrderBy(r => r.Stage).ThenBy(r => r.DisplayName, StringComparer.OrdinalIgnoreCase),
            ("stage", true) => found.OrderByDescending(r => r.Stage).ThenBy(r => r.DisplayName, StringComparer.OrdinalIgnoreCase),
            // People with nothing coming up sort last either way.
            ("next", false) => found.OrderBy(r => r.Clock.Next?.Due ?? DateOnly.MaxValue).ThenBy(r => r.DisplayName, StringComparer.OrdinalIgnoreCase),
            ("next", true) => found.OrderByDescending(r => r.Clock.Next?.Due ?? DateOnly.MinValue).ThenBy(r => r.DisplayName, StringComparer.OrdinalIgnoreCase),
            ("overdue", false) => found.OrderBy(r => r.Clock.OverdueCount).ThenBy(r => r.DisplayName, StringComparer.OrdinalIgnoreCase),
            ("overdue", true) => found.OrderByDescending(r => r.Clock.OverdueCount).ThenBy(r => r.DisplayName, StringComparer.OrdinalIgnoreCase),
            (_, false) => found.OrderBy(r => r.DisplayName, StringComparer.OrdinalIgnoreCase),
            (_, true) => found.OrderByDescending(r => r.DisplayName, StringComparer.OrdinalIgnoreCase),
        };
        // The opaque reference breaks ties, so pages never overlap between two people of the same name.
        var all = ((IOrderedEnumerable<TrackerRow>)found).ThenBy(r => r.Reference, StringComparer.Ordinal).ToList();
        // No upper limit here: the download asks for every row in one page; the API sets its own limit on what it is asked.
        var pageSize = Math.Max(1, query.PageSize);
        var pageCount = all.Count == 0 ? 1 : ((all.Count - 1) / pageSize) + 1;
        var page = Math.Clamp(query.Page, 1, pageCount);
        return new TrackerPage(all.Skip((page - 1) * pageSize).Take(pageSize).ToList(), all.Count, page, pageCount);
    }

    /// <summary>A name containing every word searched for, or an identifier equal to the search (spaces and case ignored).</summary>
    private static bool Matches(TrackerRow row, string search)
    {
        var compact = search.Replace(" ", "", StringComparison.Ordinal);
        if (row.Identifiers.Any(i => string.Equals(i.Replace(" ", "", StringComparison.Ordinal), compact, StringComparison.OrdinalIgnoreCase))) return true;
        return search.Split(' ', StringSplitOptions.RemoveEmptyEntries).All(word => row.DisplayName.Contains(word, StringComparison.OrdinalIgnoreCase));
    }
}
