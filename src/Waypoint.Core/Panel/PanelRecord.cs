using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Waypoint.Core.Data;
using Waypoint.Core.Pathway;
using Waypoint.Core.People;

namespace Waypoint.Core.Panel;

/// <summary>A meeting in the list of meetings.</summary>
public sealed record MeetingSummary(long Id, DateOnly MeetsOn, TimeOnly StartsAt, MeetingFormat Format, string Place, string Chair, int Cases, int Decided)
{
    public string When => PanelMeetings.When(MeetsOn, StartsAt);
}

/// <summary>The panel's decision on a case, as the meeting page and the agenda show it.</summary>
public sealed record DecisionView(PanelDecision Decision, decimal? WeeklyCost, string? Reason, long? DeferredToMeetingId, DateOnly? DeferredTo, string? Notes, string By, DateTimeOffset At)
{
    /// <summary>"Agree package, £1,250 a week", "Defer to 14 January 2027", "Escalate to the Transitions Board".</summary>
    public string Summary => Decision switch
    {
        PanelDecision.AgreePackage => PanelMeetings.Label(Decision) + (WeeklyCost is { } cost ? ", " + PanelMeetings.Weekly(cost) : ""),
        PanelDecision.Defer => "Defer" + (DeferredTo is { } to ? " to " + Rules.Dates.Format(to) : ""),
        _ => PanelMeetings.Label(Decision),
    };
}

/// <summary>A case on a meeting's agenda. <see cref="Version"/> is the case version a decision page carries.</summary>
public sealed record PanelCaseView(
    [property: JsonIgnore] long PersonId, string Reference, string DisplayName, TransitionsStage Stage, int Version, string Question, string AddedBy, DateTimeOffset AddedAt,
    DecisionView? Decision);

/// <summary>A meeting a young person's case was on, for their case page.</summary>
public sealed record CaseAtPanel(long MeetingId, string When, DateOnly MeetsOn, string Question, DecisionView? Decision);

/// <summary>What a meeting heard about an action.</summary>
public sealed record FollowUpView(long MeetingId, DateOnly MeetingOn, bool Done, string? Note, DateOnly? NewDueOn, string By, DateTimeOffset At);

/// <summary>An action a meeting set, with who owns it, when it is due, whether it is done, and each meeting's follow-up.</summary>
public sealed record ActionView(
    long Id, long MeetingId, DateOnly SetOn, [property: JsonIgnore] long? PersonId, string? Reference, string? DisplayName, string Description, string Owner, DateOnly DueOn,
    DateOnly? DoneOn, string? DoneBy, string? DoneNote, IReadOnlyList<FollowUpView> FollowUps)
{
    public bool IsOverdue(DateOnly today) => DoneOn is null && DueOn < today;

    /// <summary>What the given meeting heard about this action, if it followed it up.</summary>
    public FollowUpView? At(long meetingId) => FollowUps.FirstOrDefault(f => f.MeetingId == meetingId);
}

/// <summary>
/// One meeting as its page shows it: the agenda, attendance, decisions, the actions it set and the open actions of
/// earlier meetings it follows up (with what it heard about each).
/// </summary>
public sealed record MeetingView(
    long Id, DateOnly MeetsOn, TimeOnly StartsAt, MeetingFormat Format, string Place, string Chair, string CreatedBy, IReadOnlyList<PanelCaseView> Cases,
    IReadOnlyList<PanelAttendee> Attendees, IReadOnlyList<ActionView> Actions, IReadOnlyList<ActionView> FollowUps)
{
    public string When => PanelMeetings.When(MeetsOn, StartsAt);

    public PanelCaseView? Case(string reference) => Cases.FirstOrDefault(c => c.Reference == reference);
}

/// <summary>The panel's meetings and what each holds, for its pages and API.</summary>
public static class PanelRecord
{
    /// <summary>A council's meetings, soonest first.</summary>
    public static async Task<List<MeetingSummary>> ListAsync(WaypointDbContext db, string council, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var meetings = await db.PanelMeetings.AsNoTracking().Where(m => m.CouncilCode == council)
            .Select(m => new MeetingSummary(m.Id, m.MeetsOn, m.StartsAt, m.Format, m.Place, m.Chair, m.Cases.Count, m.Cases.Count(c => c.Decision != null)))
            .ToListAsync(cancellationToken);
        return [.. meetings.OrderBy(m => m.MeetsOn).ThenBy(m => m.StartsAt).ThenBy(m => m.Id)];
    }

    /// <summary>Meetings a case can be taken to: today's and later ones.</summary>
    public static async Task<List<MeetingSummary>> UpcomingAsync(WaypointDbContext db, string council, DateOnly today, CancellationToken cancellationToken) =>
        [.. (await ListAsync(db, council, cancellationToken)).Where(m => m.MeetsOn >= today)];

    /// <summary>One meeting of the council, or null.</summary>
    public static async Task<MeetingView?> GetAsync(WaypointDbContext db, string council, long id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var meeting = await db.PanelMeetings.AsNoTracking().AsSplitQuery().Include(m => m.Cases).Include(m => m.Attendees)
            .SingleOrDefaultAsync(m => m.Id == id && m.CouncilCode == council, cancellationToken);
        if (meeting is null) return null;

        // Every meeting's place in time, to find the earlier ones whose open actions this one follows up.
        var all = await db.PanelMeetings.AsNoTracking().Where(m => m.CouncilCode == council)
            .Select(m => new { m.Id, m.MeetsOn, m.StartsAt }).ToListAsync(cancellationToken);
        var dates = all.ToDictionary(m => m.Id, m => m.MeetsOn);
        var earlier = all.Where(m => (m.MeetsOn, m.StartsAt, m.Id).CompareTo((meeting.MeetsOn, meeting.StartsAt, meeting.Id)) < 0).Select(m => m.Id).ToList();
        var heardHere = db.PanelActionFollowUps.Where(f => f.PanelMeetingId == id).Select(f => f.CaseTaskId);
        var tasks = await db.CaseTasks.AsNoTracking()
            .Where(t => t.CouncilCode == council && (t.PanelMeetingId == id || (earlier.Contains(t.PanelMeetingId!.Value) && (t.DoneOn == null || heardHere.Contains(t.Id)))))
            .ToListAsync(cancellationToken);
        var taskIds = tasks.Select(t => t.Id).ToList();
        var followUps = (await db.PanelActionFollowUps.AsNoTracking().Where(f => taskIds.Contains(f.CaseTaskId)).ToListAsync(cancellationToken))
            .ToLookup(f => f.CaseTaskId);

        var names = await NamesAsync(db, meeting.Cases.Select(c => c.PersonId).Concat(tasks.Where(t => t.PersonId != null).Select(t => t.PersonId!.Value)), cancellationToken);
        var caseIds = meeting.Cases.Select(c => c.TransitionsCaseId).ToList();
        var cases = await db.TransitionsCases.AsNoTracking().Where(c => caseIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, cancellationToken);

        ActionView Action(CaseTask t) => new(
            t.Id, t.PanelMeetingId!.Value, dates[t.PanelMeetingId!.Value], t.PersonId, t.PersonId is { } p ? names[p].Reference : null, t.PersonId is { } q ? names[q].DisplayName : null,
            t.Description, t.Owner, t.DueOn, t.DoneOn, t.DoneBy, t.DoneNote,
            [.. followUps[t.Id].OrderBy(f => f.At).Select(f => new FollowUpView(f.PanelMeetingId, dates[f.PanelMeetingId], f.Done, f.Note, f.NewDueOn, f.By, f.At))]);

        var agenda = meeting.Cases.OrderBy(c => c.AddedAt).ThenBy(c => c.Id).Select(c => new PanelCaseView(
            c.PersonId, names[c.PersonId].Reference, names[c.PersonId].DisplayName, cases[c.TransitionsCaseId].Stage, cases[c.TransitionsCaseId].Version, c.Question, c.AddedBy, c.AddedAt,
            c.Decision is { } decision
                ? new DecisionView(decision, c.WeeklyCost, c.DecisionReason, c.DeferredToMeetingId, c.DeferredToMeetingId is { } to ? dates[to] : null, c.DecisionNotes, c.DecidedBy!, c.DecidedAt!.Value)
                : null)).ToList();
        return new MeetingView(
            meeting.Id, meeting.MeetsOn, meeting.StartsAt, meeting.Format, meeting.Place, meeting.Chair, meeting.CreatedBy, agenda,
            [.. meeting.Attendees.OrderBy(a => a.Agency).ThenBy(a => a.Name, StringComparer.OrdinalIgnoreCase)],
            [.. tasks.Where(t => t.PanelMeetingId == id).OrderBy(t => t.DueOn).ThenBy(t => t.Id).Select(Action)],
            [.. tasks.Where(t => t.PanelMeetingId != id).OrderBy(t => dates[t.PanelMeetingId!.Value]).ThenBy(t => t.DueOn).ThenBy(t => t.Id).Select(Action)]);
    }

    /// <summary>The meetings a young person's case has been on, soonest first, with what each was asked and decided.</summary>
    public static async Task<List<CaseAtPanel>> ForPersonAsync(WaypointDbContext db, string council, long personId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var rows = await db.PanelCases.AsNoTracking().Where(c => c.CouncilCode == council && c.PersonId == personId)
            .Join(db.PanelMeetings, c => c.PanelMeetingId, m => m.Id, (c, m) => new { Case = c, m.MeetsOn, m.StartsAt })
            .ToListAsync(cancellationToken);
        var deferredTo = rows.Where(r => r.Case.DeferredToMeetingId != null).Select(r => r.Case.DeferredToMeetingId!.Value).ToList();
        var dates = await db.PanelMeetings.AsNoTracking().Where(m => deferredTo.Contains(m.Id)).ToDictionaryAsync(m => m.Id, m => m.MeetsOn, cancellationToken);
        return
        [
            .. rows.OrderBy(r => r.MeetsOn).ThenBy(r => r.StartsAt).Select(r => new CaseAtPanel(
                r.Case.PanelMeetingId, PanelMeetings.When(r.MeetsOn, r.StartsAt), r.MeetsOn, r.Case.Question,
                r.Case.Decision is { } decision
                    ? new DecisionView(decision, r.Case.WeeklyCost, r.Case.DecisionReason, r.Case.DeferredToMeetingId, r.Case.DeferredToMeetingId is { } to ? dates[to] : null,
                        r.Case.DecisionNotes, r.Case.DecidedBy!, r.Case.DecidedAt!.Value)
                    : null)),
        ];
    }

    /// <summary>People as the panel names them: the reference, and the name (or "Child" and their council child id, domain.md).</summary>
    internal static async Task<Dictionary<long, (string Reference, string DisplayName, DateOnly? DateOfBirth)>> NamesAsync(
        WaypointDbContext db, IEnumerable<long> personIds, CancellationToken cancellationToken)
    {
        var ids = personIds.Distinct().ToList();
        var people = await db.People.AsNoTracking().Where(p => ids.Contains(p.Id)).Select(p => new { p.Id, p.Reference, p.Forename, p.Surname, p.DateOfBirth }).ToListAsync(cancellationToken);
        var childIds = (await db.RecordLinks.Where(l => ids.Contains(l.PersonId))
                .Join(db.SourceIdentifiers.Where(i => i.Kind == IdentifierKind.CouncilChildId), l => l.SourceRecordId, i => i.SourceRecordId, (l, i) => new { l.PersonId, i.Value })
                .ToListAsync(cancellationToken))
            .GroupBy(x => x.PersonId).ToDictionary(g => g.Key, g => g.Select(x => x.Value).Min(StringComparer.Ordinal));
        return people.ToDictionary(p => p.Id, p => (p.Reference, DisplayName.Of(p.Forename, p.Surname, childIds.GetValueOrDefault(p.Id), p.Reference), p.DateOfBirth));
    }
}
