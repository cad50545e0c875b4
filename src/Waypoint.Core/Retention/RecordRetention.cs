using System.Globalization;
using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Waypoint.Core.Audit;
using Waypoint.Core.Data;
using Waypoint.Core.Involvements;
using Waypoint.Core.Pathway;
using Waypoint.Core.People;

namespace Waypoint.Core.Retention;

/// <summary>What the count towards removal starts from: the later of the case closing and the birthday.</summary>
public enum RetentionBasis
{
    CaseClosed,
    Birthday,

    /// <summary>No date of birth: the last import that held the person's records stands in for the birthday.</summary>
    LastImported,
}

/// <summary>Why a person is kept for now.</summary>
public enum RetentionHold
{
    /// <summary>Their transitions case is open: never due, whatever their age.</summary>
    OpenCase,

    NotYetDue,

    /// <summary>No date of birth and no imported record to count from: kept until someone looks.</summary>
    NoDate,
}

/// <summary>
/// A person due for removal: by reference only, never a name. <see cref="DateOfBirthUnknown"/>: the last import of their
/// records stood in for the birthday.
/// </summary>
public sealed record RetentionDue(long PersonId, string Reference, DateOnly DueOn, RetentionBasis Basis, bool DateOfBirthUnknown, string Reason);

/// <summary>A person kept for now, why, and when they will be due if that is known.</summary>
public sealed record RetentionHeld(long PersonId, string Reference, RetentionHold Because, DateOnly? DueOn, string Reason);

/// <summary>The dry run: who would be removed on <see cref="AsOf"/> under <see cref="Rules"/>, and who is kept.</summary>
public sealed record RetentionReport(DateOnly AsOf, RetentionRules Rules, IReadOnlyList<RetentionDue> Due, IReadOnlyList<RetentionHeld> Held)
{
    public int People => Due.Count + Held.Count;

    public int HeldBecause(RetentionHold hold) => Held.Count(h => h.Because == hold);
}

/// <summary>How far a removal has gone: people removed of those the review found due.</summary>
public sealed record RetentionProgress(int Removed, int Due);

/// <summary>
/// What a removal did. <see cref="Kept"/> were due at the review but no longer when their batch came (a case reopened,
/// or an import brought a newer record), so they stay.
/// </summary>
public sealed record RetentionRemoval(int Due, int Removed, int Batches)
{
    public int Kept => Due - Removed;
}

/// <summary>
/// Removing young people's records once the council's retention rule says they are no longer needed (docs/security.md,
/// Retention). <see cref="ReviewAsync"/> is the dry run; <see cref="RemoveAsync"/> removes exactly the people the review
/// finds due, a batch at a time, and audits each. Audit rows are never removed: each keeps the person's id as a plain
/// number, so the chain still verifies.
/// </summary>
public static class RecordRetention
{
    /// <summary>The audit action of a removal.</summary>
    public const string RemovedAction = "retention-removed";

    /// <summary>People removed in one transaction: a large council's removal never holds one huge transaction.</summary>
    public const int DefaultBatchSize = 500;

    /// <summary>Who in <paramref name="council"/> is due for removal on <paramref name="asOf"/>, and who is kept and why. Changes nothing.</summary>
    public static Task<RetentionReport> ReviewAsync(WaypointDbContext db, string council, RetentionRules rules, DateOnly asOf, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        Check(rules);
        return FindAsync(db, council, rules, asOf, null, cancellationToken);
    }

    /// <summary>
    /// Removes everyone the review finds due, with everything that belongs to them, <paramref name="batchSize"/> people
    /// per transaction. Each batch takes the import's write lock and checks its people again before removing them, so
    /// a case reopened since the review keeps its person. Running it again removes nothing more.
    /// </summary>
    public static async Task<RetentionRemoval> RemoveAsync(
        WaypointDbContext db, Practitioner by, RetentionRules rules, DateOnly asOf, TimeProvider time,
        IProgress<RetentionProgress>? progress = null, int batchSize = DefaultBatchSize, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(by);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        Check(rules);
        var review = await FindAsync(db, by.CouncilCode, rules, asOf, null, cancellationToken);
        var (removed, batches) = (0, 0);
        progress?.Report(new RetentionProgress(0, review.Due.Count));
        foreach (var batch in review.Due.Select(d => d.PersonId).Chunk(batchSize))
        {
            removed += await RemoveBatchAsync(db, by, rules, asOf, batch, time, cancellationToken);
            batches++;
            progress?.Report(new RetentionProgress(removed, review.Due.Count));
        }
        return new RetentionRemoval(review.Due.Count, removed, batches);
    }

    /// <summary>The people due, as CSV for the data protection officer's records: reference, due date and reason, never a name.</summary>
    public static void WriteDueCsv(RetentionReport report, string path)
    {
        ArgumentNullException.ThrowIfNull(report);
        var full = Path.GetFullPath(path);
        using var csv = new Demo.CsvTableWriter(Path.GetDirectoryName(full)!, Path.GetFileName(full), ["Reference", "Due on", "Counted from", "Reason"]);
        foreach (var due in report.Due)
        {
            csv.Field(due.Reference).Field(due.DueOn).Field(Label(due.Basis)).Field(due.Reason);
            csv.EndRow();
        }
    }

    public static string Label(RetentionBasis basis) => basis switch
    {
        RetentionBasis.CaseClosed => "case closed",
        RetentionBasis.Birthday => "birthday",
        RetentionBasis.LastImported => "last import",
        _ => throw new ArgumentOutOfRangeException(nameof(basis), basis, null),
    };

    private static void Check(RetentionRules rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        if (rules.YearsAfter < 0) throw new ArgumentOutOfRangeException(nameof(rules), rules.YearsAfter, "YearsAfter must be 0 or more.");
        if (rules.UntilAge is < 0 or > 150) throw new ArgumentOutOfRangeException(nameof(rules), rules.UntilAge, "UntilAge must be between 0 and 150.");
    }

    /// <summary>The review of a council, or of only the people in <paramref name="only"/>.</summary>
    private static async Task<RetentionReport> FindAsync(
        WaypointDbContext db, string council, RetentionRules rules, DateOnly asOf, IReadOnlyCollection<long>? only, CancellationToken cancellationToken)
    {
        var people = db.People.AsNoTracking().Where(p => p.CouncilCode == council);
        var cases = db.TransitionsCases.AsNoTracking().Where(c => c.CouncilCode == council);
        var links = db.RecordLinks.AsNoTracking().Where(l => l.CouncilCode == council);
        if (only is not null)
        {
            people = people.Where(p => only.Contains(p.Id));
            cases = cases.Where(c => only.Contains(c.PersonId));
            links = links.Where(l => only.Contains(l.PersonId));
        }
        var stages = await cases.Select(c => new { c.PersonId, c.Stage, c.StageChangedAt }).ToDictionaryAsync(c => c.PersonId, cancellationToken);
        // Only people with no date of birth need their records' last import; import batch ids rise with time.
        var lastBatch = await links.Join(people.Where(p => p.DateOfBirth == null), l => l.PersonId, p => p.Id, (l, p) => l)
            .Join(db.SourceRecords, l => l.SourceRecordId, r => r.Id, (l, r) => new { l.PersonId, r.LastSeenBatchId })
            .GroupBy(x => x.PersonId).Select(g => new { PersonId = g.Key, Batch = g.Max(x => x.LastSeenBatchId) })
            .ToDictionaryAsync(x => x.PersonId, x => x.Batch, cancellationToken);
        var imported = await db.ImportBatches.AsNoTracking().Where(b => b.CouncilCode == council)
            .Select(b => new { b.Id, b.CompletedAt }).ToDictionaryAsync(b => b.Id, b => b.CompletedAt, cancellationToken);

        var due = new List<RetentionDue>();
        var held = new List<RetentionHeld>();
        await foreach (var p in people.OrderBy(p => p.Id).Select(p => new { p.Id, p.Reference, p.DateOfBirth }).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            var found = stages.GetValueOrDefault(p.Id);
            DateOnly? lastImported = lastBatch.TryGetValue(p.Id, out var batch) && imported.TryGetValue(batch, out var at) ? DateOnly.FromDateTime(at.UtcDateTime) : null;
            var (dueOn, basis, hold, reason) = Assess(rules, asOf, p.DateOfBirth, found?.Stage, found?.StageChangedAt, lastImported);
            if (hold is { } because) held.Add(new RetentionHeld(p.Id, p.Reference, because, dueOn, reason));
            else due.Add(new RetentionDue(p.Id, p.Reference, dueOn!.Value, basis!.Value, p.DateOfBirth is null, reason));
        }
        return new RetentionReport(asOf, rules, due, held);
    }

    /// <summary>
    /// The rule for one person: never due while their case is open; otherwise due <see cref="RetentionRules.YearsAfter"/>
    /// years after the later of the case closing and the birthday at <see cref="RetentionRules.UntilAge"/> - or, with no
    /// date of birth, the last import that held their records. With neither, they are kept: a record is never removed
    /// on a guess.
    /// </summary>
    internal static (DateOnly? DueOn, RetentionBasis? Basis, RetentionHold? Hold, string Reason) Assess(
        RetentionRules rules, DateOnly asOf, DateOnly? dateOfBirth, TransitionsStage? stage, DateTimeOffset? stageChangedAt, DateOnly? lastImported)
    {
        if (stage is { } open && open != TransitionsStage.Closed)
            return (null, null, RetentionHold.OpenCase, $"the transitions case is open ({TransitionsStages.Label(open).ToLowerInvariant()})");
        // A 29 February birthday counts from 1 March in other years, the later of the two readings (domain.md): never a day early.
        var birthday = dateOfBirth is { } dob ? Age.Turns(dob, rules.UntilAge, LeapDayBirthday.FirstMarch) : lastImported;
        if (birthday is null) return (null, null, RetentionHold.NoDate, "no date of birth, and no imported record to count from");
        var closed = stage == TransitionsStage.Closed && stageChangedAt is { } at ? DateOnly.FromDateTime(at.UtcDateTime) : (DateOnly?)null;
        var (from, basis) = closed > birthday
            ? (closed.Value, RetentionBasis.CaseClosed)
            : (birthday.Value, dateOfBirth is null ? RetentionBasis.LastImported : RetentionBasis.Birthday);
        var dueOn = Age.Turns(from, rules.YearsAfter, LeapDayBirthday.FirstMarch);
        var years = $"{rules.YearsAfter} year{(rules.YearsAfter == 1 ? "" : "s")} after ";
        var reason = years + basis switch
        {
            RetentionBasis.CaseClosed => "the case closed",
            RetentionBasis.Birthday => $"the {RetentionRules.Ordinal(rules.UntilAge)} birthday",
            _ => "the last import of their records",
        } + (dateOfBirth is null ? $" (no date of birth: the last import of their records stands in for the {RetentionRules.Ordinal(rules.UntilAge)} birthday)" : "");
        return dueOn <= asOf ? (dueOn, basis, null, reason) : (dueOn, basis, RetentionHold.NotYetDue, reason);
    }

    /// <summary>One batch in one transaction under the write lock: its people checked again, removed in dependency order, and audited.</summary>
    private static async Task<int> RemoveBatchAsync(
        WaypointDbContext db, Practitioner by, RetentionRules rules, DateOnly asOf, long[] batch, TimeProvider time, CancellationToken cancellationToken)
    {
        await using var transaction = await WaypointDatabase.BeginWriteAsync(db, cancellationToken);
        var due = (await FindAsync(db, by.CouncilCode, rules, asOf, batch, cancellationToken)).Due;
        if (due.Count == 0) return 0;
        await DeleteAsync(db, [.. due.Select(d => d.PersonId)], cancellationToken);
        var at = time.GetUtcNow();
        foreach (var person in due)
        {
            db.AuditEvents.Add(new AuditEvent
            {
                At = at,
                CouncilCode = by.CouncilCode,
                UserName = by.UserName,
                Role = by.Role,
                Action = RemovedAction,
                PersonId = person.PersonId,
                Detail = string.Create(CultureInfo.InvariantCulture,
                    $"reference {person.Reference}: due on {person.DueOn:yyyy-MM-dd}, {person.Reason}; rule: {rules.Describe()}"),
            });
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return due.Count;
    }

    /// <summary>
    /// Everything that belongs to <paramref name="people"/>, children before parents: none of these keys cascade
    /// (WaypointDbContext restricts every one), so the order is what makes it work. Rows about a person are found both
    /// by the person and by their case, so a row that names either goes.
    /// </summary>
    private static async Task DeleteAsync(WaypointDbContext db, List<long> people, CancellationToken cancellationToken)
    {
        var ct = cancellationToken;
        var records = await db.RecordLinks.Where(l => people.Contains(l.PersonId)).Select(l => l.SourceRecordId).ToListAsync(ct);
        var cases = await db.TransitionsCases.Where(c => people.Contains(c.PersonId)).Select(c => c.Id).ToListAsync(ct);
        var tasks = await db.CaseTasks
            .Where(t => (t.PersonId != null && people.Contains(t.PersonId.Value)) || (t.TransitionsCaseId != null && cases.Contains(t.TransitionsCaseId.Value)))
            .Select(t => t.Id).ToListAsync(ct);
        var assessments = await db.TransitionAssessments.Where(a => people.Contains(a.PersonId) || cases.Contains(a.TransitionsCaseId)).Select(a => a.Id).ToListAsync(ct);
        var plans = await db.SupportPlans.Where(p => people.Contains(p.PersonId) || cases.Contains(p.TransitionsCaseId)).Select(p => p.Id).ToListAsync(ct);

        // The pathway: tasks and what hangs off them, the panel, the assessment, the plan, the rest of the case, then the case.
        await db.Notifications.Where(n => (n.PersonId != null && people.Contains(n.PersonId.Value)) || (n.CaseTaskId != null && tasks.Contains(n.CaseTaskId.Value))).ExecuteDeleteAsync(ct);
        await db.PanelActionFollowUps.Where(f => tasks.Contains(f.CaseTaskId)).ExecuteDeleteAsync(ct);
        await db.CaseTasks.Where(t => tasks.Contains(t.Id)).ExecuteDeleteAsync(ct);
        await db.PanelCases.Where(c => people.Contains(c.PersonId) || cases.Contains(c.TransitionsCaseId)).ExecuteDeleteAsync(ct);
        await db.AssessedOutcomes.Where(o => assessments.Contains(o.TransitionAssessmentId)).ExecuteDeleteAsync(ct);
        await db.TransitionAssessments.Where(a => assessments.Contains(a.Id)).ExecuteDeleteAsync(ct);
        await db.AssessmentRefusals.Where(r => people.Contains(r.PersonId) || cases.Contains(r.TransitionsCaseId)).ExecuteDeleteAsync(ct);
        await db.PlanGoals.Where(g => plans.Contains(g.SupportPlanId)).ExecuteDeleteAsync(ct);
        await db.SupportPlans.Where(p => plans.Contains(p.Id)).ExecuteDeleteAsync(ct);
        await db.IndependenceStatusChanges.Where(c => people.Contains(c.PersonId) || cases.Contains(c.TransitionsCaseId)).ExecuteDeleteAsync(ct);
        await db.ChildrensServices.Where(s => people.Contains(s.PersonId) || cases.Contains(s.TransitionsCaseId)).ExecuteDeleteAsync(ct);
        await db.Handovers.Where(h => people.Contains(h.PersonId) || cases.Contains(h.TransitionsCaseId)).ExecuteDeleteAsync(ct);
        await db.CaseEvents.Where(e => cases.Contains(e.TransitionsCaseId)).ExecuteDeleteAsync(ct);
        await db.Referrals.Where(r => people.Contains(r.PersonId) || cases.Contains(r.TransitionsCaseId)).ExecuteDeleteAsync(ct);
        await db.TransitionsCaseMoves.Where(m => cases.Contains(m.TransitionsCaseId)).ExecuteDeleteAsync(ct);
        await db.TransitionsCases.Where(c => cases.Contains(c.Id)).ExecuteDeleteAsync(ct);
        await db.MilestoneEvidence.Where(m => people.Contains(m.PersonId)).ExecuteDeleteAsync(ct);
        // Consent to share health information goes with the record; a use of emergency access stays, like the audit.
        await db.HealthSharingConsents.Where(c => people.Contains(c.PersonId)).ExecuteDeleteAsync(ct);

        // Their source records: linking's decisions and questions about them, every row read from them, then the records.
        await db.LinkDecisions.Where(d => records.Contains(d.RecordId) || records.Contains(d.OtherRecordId)).ExecuteDeleteAsync(ct);
        await db.PossibleMatches.Where(m => records.Contains(m.RecordId) || records.Contains(m.OtherRecordId)).ExecuteDeleteAsync(ct);
        foreach (var detail in DetailTables(db)) await (Task<int>)DeleteDetails.MakeGenericMethod(detail).Invoke(null, [db, records, ct])!;
        await db.SourceIdentifiers.Where(i => records.Contains(i.SourceRecordId)).ExecuteDeleteAsync(ct);
        await db.RecordLinks.Where(l => records.Contains(l.SourceRecordId)).ExecuteDeleteAsync(ct);
        await db.SourceRecords.Where(r => records.Contains(r.Id)).ExecuteDeleteAsync(ct);
        await db.People.Where(p => people.Contains(p.Id)).ExecuteDeleteAsync(ct);
    }

    /// <summary>
    /// Every table of rows read from a source record (episodes, referrals, plans, events, spreadsheet rows...), a row's
    /// children (a CIN assessment of its referral, an EHC plan of its request) before their parents. Taken from the
    /// model, so a table added later is removed with the rest.
    /// </summary>
    private static IEnumerable<Type> DetailTables(WaypointDbContext db) =>
        db.Model.GetEntityTypes().Where(e => e.ClrType.IsSubclassOf(typeof(RecordDetail)))
            .OrderBy(e => e.GetForeignKeys().Any(k => k.PrincipalEntityType.ClrType.IsSubclassOf(typeof(RecordDetail))) ? 0 : 1)
            .Select(e => e.ClrType);

    private static readonly MethodInfo DeleteDetails = typeof(RecordRetention).GetMethod(nameof(DeleteDetailsAsync), BindingFlags.NonPublic | BindingFlags.Static)!;

    private static Task<int> DeleteDetailsAsync<T>(WaypointDbContext db, List<long> records, CancellationToken cancellationToken)
        where T : RecordDetail =>
        db.Set<T>().Where(d => records.Contains(d.SourceRecordId)).ExecuteDeleteAsync(cancellationToken);
}
