using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Waypoint.Core.Ingest;
using Waypoint.Core.Pathway;
using Waypoint.Core.People;
using Waypoint.TestCommon;

namespace Waypoint.Core.Tests.Insight;

/// <summary>
/// Builds a small council for the measures' tests through the same Core services the pages use: people are added
/// directly (the import makes them), and every referral, refusal and assessment goes through the pathway's services,
/// each recorded on the day it happened (a case's moves must be in order of time).
/// </summary>
internal static class InsightCouncil
{
    public static readonly Practitioner Worker = new("999", "a.worker", "transitions-worker");
    public static readonly Practitioner Elsewhere = new("998", "b.worker", "transitions-worker");

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public static string Reference(long person) => $"B{person:D10}";

    public static DateTimeOffset At(DateOnly day) => new(day.Year, day.Month, day.Day, 12, 0, 0, TimeSpan.Zero);

    /// <summary>Adds people by id, each in council 999 unless listed in <paramref name="elsewhere"/> (council 998).</summary>
    public static async Task AddPeopleAsync(TestDatabase database, IReadOnlyDictionary<long, DateOnly?> born, params long[] elsewhere)
    {
        await using var db = database.Open();
        foreach (var (id, dateOfBirth) in born)
            db.People.Add(new Person { Id = id, Reference = Reference(id), CouncilCode = elsewhere.Contains(id) ? "998" : "999", Forename = $"Young{id}", Surname = "Person", DateOfBirth = dateOfBirth });
        await db.SaveChangesAsync(Cancel);
    }

    private static async Task<int> VersionAsync(TestDatabase database, Practitioner by, long person)
    {
        await using var db = database.Open();
        return (await CaseRecord.GetAsync(db, by.CouncilCode, Reference(person), Cancel))?.Version ?? 0;
    }

    public static async Task ReferAsync(TestDatabase database, long person, DateOnly receivedOn, Practitioner? by = null, ReferralSource source = ReferralSource.SenTeam)
    {
        by ??= Worker;
        var version = await VersionAsync(database, by, person);
        await using var db = database.Open();
        await Referrals.ReferAsync(db, by, Reference(person), version, new ReferralRequest(source, null, receivedOn, "Learning disability; will need support after 18", ReferralUrgency.Routine), At(receivedOn), Cancel);
    }

    public static async Task RefuseAsync(TestDatabase database, long person, DateOnly refusedOn)
    {
        var version = await VersionAsync(database, Worker, person);
        await using var db = database.Open();
        await Assessments.DeclineAsync(db, Worker, Reference(person), version,
            new AssessmentRefusalRequest(refusedOn, "No appearance of needs for care and support after 18", "Young carers' group; the council's information and advice line"), At(refusedOn), Cancel);
    }

    /// <summary>Starts a child's needs assessment and, when <paramref name="decidedOn"/> is given, records it all and decides on that day.</summary>
    public static async Task AssessAsync(TestDatabase database, long person, DateOnly startedOn, DateOnly? decidedOn, bool eligible, Practitioner? by = null)
    {
        by ??= Worker;
        var version = await VersionAsync(database, by, person);
        await using (var db = database.Open())
        {
            await Assessments.StartAsync(db, by, Reference(person), version,
                new AssessmentStartRequest(AssessmentKind.ChildsNeeds, AssessmentFooting.Consent, "Consented at a home visit", null, startedOn), At(startedOn), Cancel);
        }
        if (decidedOn is not { } on) return;
        version = await VersionAsync(database, by, person);
        await using var decide = database.Open();
        await PathwayCases.AssessAndDecideAsync(decide, by, Reference(person), version, At(on), eligible, Cancel);
    }

    /// <summary>Imports files through the importer, as the import page does, as of <paramref name="on"/> (9am that day).</summary>
    public static async Task ImportAsync(TestDatabase database, ImportOptions options, DateOnly on, params string[] files)
    {
        await using var db = database.Open();
        var result = await new Importer(db, new FakeTimeProvider(new DateTimeOffset(on.Year, on.Month, on.Day, 9, 0, 0, TimeSpan.Zero))).ImportAsync(files, options, null, Cancel);
        Assert.True(result.Committed);
        Assert.DoesNotContain(result.Problems, p => p.Severity != Severity.Warning);
    }

    /// <summary>Each imported person of the council by the local key of their record (a 903 CHILD, a CLD person id).</summary>
    public static async Task<Dictionary<string, long>> PeopleByKeyAsync(TestDatabase database, string council)
    {
        await using var db = database.Open();
        return await db.SourceRecords.Where(r => r.CouncilCode == council)
            .Join(db.RecordLinks, r => r.Id, l => l.SourceRecordId, (r, l) => new { r.LocalKey, l.PersonId })
            .Distinct().ToDictionaryAsync(x => x.LocalKey, x => x.PersonId, Cancel);
    }
}
