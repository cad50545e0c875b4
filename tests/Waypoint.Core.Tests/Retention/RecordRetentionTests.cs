using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Waypoint.Core.Audit;
using Waypoint.Core.Data;
using Waypoint.Core.Demo;
using Waypoint.Core.Ingest;
using Waypoint.Core.Linkage;
using Waypoint.Core.Panel;
using Waypoint.Core.Pathway;
using Waypoint.Core.People;
using Waypoint.Core.Retention;
using Waypoint.Core.Rules;
using Waypoint.Core.Tests.Ingest;
using Waypoint.TestCommon;

namespace Waypoint.Core.Tests.Retention;

/// <summary>
/// The retention rule (six years after the later of the case closing and the 25th birthday), its dry run, and removal:
/// everything of the people due goes, nobody else's, each removal audited, the audit chain intact, and a second run removes nothing.
/// </summary>
public sealed class RecordRetentionTests
{
    private static readonly DateOnly AsOf = new(2033, 6, 1);
    private static readonly DateTimeOffset SevenYearsAgo = new(2026, 6, 1, 10, 0, 0, TimeSpan.Zero);
    private static readonly Practitioner Worker = new("999", "a.worker", "transitions-worker");
    private static readonly Practitioner Officer = new("999", "d.officer", "data-protection-officer");
    private static readonly FakeTimeProvider Clock = new(new DateTimeOffset(2033, 6, 1, 9, 0, 0, TimeSpan.Zero));
    private static readonly RetentionRules Rules = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>
    /// Children in the 903, CIN and adult (CLD) returns, linked on their shared ids: 100 is 25 eight years ago with a case
    /// closed seven years ago; 200 closed then too but was 25 only three years ago; 300 is old with an open case; 400 is
    /// old with no case; 500 and 600 have no case and reach 31 on the day and the day after. Then two added by hand with
    /// no date of birth: 700 with a record last imported on 10 January 2026, 800 with nothing at all.
    /// </summary>
    private static async Task<TestDatabase> CouncilAsync(DatabaseProvider provider)
    {
        var database = await TestDatabase.CreateAsync(provider);
        ChildRow[] children =
        [
            new("100", "2000-06-01"), new("200", "2005-06-01"), new("300", "1995-01-01"), new("400", "1990-03-10"), new("500", "2002-06-01"), new("600", "2002-06-02"),
        ];
        using var folder = TestFiles.TempFolder();
        var imported = await ImporterTests.ImportAsync(database, new ImportOptions("999") { SharedPersonIds = true },
            SourceFileBuilder.Header903(folder, "header.csv", children),
            SourceFileBuilder.Episodes903(folder, "episodes.csv", [.. children.Select(c => new EpisodeRow(c.ChildId, "2010-01-04", "2012-05-01"))]),
            SourceFileBuilder.Cin(folder, "cin.xml", "999", children),
            SourceFileBuilder.Cld(folder, "cld.csv", [.. children.Select(c => new CldRow(c.ChildId, null, c.Dob, "Zebedee", "Quill" + c.ChildId))]));
        Assert.True(imported.Committed);

        await using var db = database.Open();
        await StaffDirectory.RecordSignInAsync(db, "999", new StaffDetails(Worker.UserName, "A Worker", null, "Transitions team", Worker.Role), SevenYearsAgo, Ct);
        // 100: assessed and decided, a task, then closed; 200 referred and closed; 300 referred and left open.
        var version = await PathwayCases.ToDecidedAsync(db, Worker, await ReferenceAsync(db, "100"), SevenYearsAgo, Ct);
        await WorkTasks.AddAsync(db, Worker, await ReferenceAsync(db, "100"), version, new CaseTaskRequest("Send the decision letter", Worker.UserName, AsOf.AddYears(-7)), SevenYearsAgo, Ct);
        await CaseLifecycle.CloseAsync(db, Worker, await ReferenceAsync(db, "100"), version + 1, "Moved to another council's area", SevenYearsAgo.AddHours(1), Ct);
        await Referrals.ReferAsync(db, Worker, await ReferenceAsync(db, "200"), 0, PathwayCases.Referral with { ReceivedOn = new DateOnly(2026, 5, 1) }, SevenYearsAgo, Ct);
        await CaseLifecycle.CloseAsync(db, Worker, await ReferenceAsync(db, "200"), 1, "No longer needs transition support", SevenYearsAgo.AddHours(1), Ct);
        await Referrals.ReferAsync(db, Worker, await ReferenceAsync(db, "300"), 0, PathwayCases.Referral with { ReceivedOn = new DateOnly(2026, 5, 1) }, SevenYearsAgo, Ct);

        var batch = new ImportBatch { CouncilCode = "999", UserName = "test", StartedAt = new DateTimeOffset(2026, 1, 10, 9, 0, 0, TimeSpan.Zero), CompletedAt = new DateTimeOffset(2026, 1, 10, 9, 5, 0, TimeSpan.Zero) };
        db.ImportBatches.Add(batch);
        await db.SaveChangesAsync(Ct);
        db.People.AddRange(new Person { Id = 700, Reference = "NODOB000700", CouncilCode = "999" }, new Person { Id = 800, Reference = "NODOB000800", CouncilCode = "999" });
        db.SourceRecords.Add(new SourceRecord
        {
            Id = 700,
            CouncilCode = "999",
            SourceKey = "SHEET:tracker.csv:700",
            Format = SourceFormat.Spreadsheet,
            FileName = "tracker.csv",
            LocalKey = "700",
            FirstBatchId = batch.Id,
            LastSeenBatchId = batch.Id,
        });
        await db.SaveChangesAsync(Ct);
        db.RecordLinks.Add(new RecordLink { SourceRecordId = 700, PersonId = 700, CouncilCode = "999", Method = "exact", LinkedInBatchId = batch.Id });
        await db.SaveChangesAsync(Ct);
        return database;
    }

    private static Task<string> ReferenceAsync(WaypointDbContext db, string childId) =>
        db.SourceRecords.Where(r => r.LocalKey == childId && r.Format == SourceFormat.Ssda903)
            .Join(db.RecordLinks, r => r.Id, l => l.SourceRecordId, (r, l) => l.PersonId)
            .Join(db.People, id => id, p => p.Id, (id, p) => p.Reference).SingleAsync(Ct);

    private static async Task<long> PersonIdAsync(WaypointDbContext db, string childId)
    {
        var reference = await ReferenceAsync(db, childId);
        return await db.People.Where(p => p.Reference == reference).Select(p => p.Id).SingleAsync(Ct);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task ReviewAsync_TheCouncilsRule_FindsWhoIsDueAndWhoIsKeptAndWhyAndChangesNothing(DatabaseProvider provider)
    {
        await using var database = await CouncilAsync(provider);
        await using var db = database.Open();
        var before = await DatabaseSnapshot.CountsAsync(db);
        var id = new Dictionary<string, long>();
        foreach (var child in new[] { "100", "200", "300", "400", "500", "600" }) id[child] = await PersonIdAsync(db, child);
        (id["700"], id["800"]) = (700, 800);

        var report = await RecordRetention.ReviewAsync(db, "999", Rules, AsOf, Ct);

        // Closed seven years ago, 25 eight years ago: six years after the later (the closing) has passed.
        Assert.Equal(
            [
                (id["100"], new DateOnly(2032, 6, 1), RetentionBasis.CaseClosed, false, "6 years after the case closed"),
                (id["400"], new DateOnly(2021, 3, 10), RetentionBasis.Birthday, false, "6 years after the 25th birthday"),
                (id["500"], new DateOnly(2033, 6, 1), RetentionBasis.Birthday, false, "6 years after the 25th birthday"),
                (700L, new DateOnly(2032, 1, 10), RetentionBasis.LastImported, true,
                    "6 years after the last import of their records (no date of birth: the last import of their records stands in for the 25th birthday)"),
            ],
            report.Due.OrderBy(d => d.PersonId).Select(d => (d.PersonId, d.DueOn, d.Basis, d.DateOfBirthUnknown, d.Reason)));
        // Closed seven years ago but 25 only three years ago: kept until six years after the birthday. An open case is
        // never due, however old. A day short of the anniversary is not yet due; no date at all is kept.
        Assert.Equal(
            [
                (id["200"], RetentionHold.NotYetDue, (DateOnly?)new DateOnly(2036, 6, 1)),
                (id["300"], RetentionHold.OpenCase, null),
                (id["600"], RetentionHold.NotYetDue, new DateOnly(2033, 6, 2)),
                (800L, RetentionHold.NoDate, null),
            ],
            report.Held.OrderBy(h => h.PersonId).Select(h => (h.PersonId, h.Because, h.DueOn)));
        Assert.Equal("the transitions case is open (referred)", report.Held.Single(h => h.PersonId == id["300"]).Reason);
        Assert.Equal((8, 4, 2, 1, 1), (report.People, report.Due.Count, report.HeldBecause(RetentionHold.NotYetDue), report.HeldBecause(RetentionHold.OpenCase), report.HeldBecause(RetentionHold.NoDate)));
        // References only: no name the records hold is anywhere in the report.
        Assert.DoesNotContain(report.Due.Select(d => d.Reference + d.Reason).Concat(report.Held.Select(h => h.Reference + h.Reason)), t => t.Contains("Quill", StringComparison.Ordinal));

        // The rule is the council's: kept ten years after, the case closed seven years ago is not yet due.
        var longer = await RecordRetention.ReviewAsync(db, "999", Rules with { YearsAfter = 10 }, AsOf, Ct);
        Assert.Equal((RetentionHold.NotYetDue, (DateOnly?)new DateOnly(2036, 6, 1)), longer.Held.Where(h => h.PersonId == id["100"]).Select(h => (h.Because, h.DueOn)).Single());
        Assert.Equal(before, await DatabaseSnapshot.CountsAsync(db));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task RemoveAsync_PeopleDue_RemovesEverythingOfTheirsAndNothingElseAuditsEachAndASecondRunRemovesNothing(DatabaseProvider provider)
    {
        await using var database = await CouncilAsync(provider);
        await using var db = database.Open();
        var review = await RecordRetention.ReviewAsync(db, "999", Rules, AsOf, Ct);
        var due = review.Due.Select(d => d.PersonId).ToHashSet();
        var closedLongAgo = await PersonIdAsync(db, "100");
        var before = await OwnedRowsAsync(db);
        // The person whose case closed has rows in every table the pathway and the imports wrote for them.
        Assert.Superset(
            new HashSet<string>(["People", "SourceRecords", "SourceIdentifiers", "RecordLinks", "CareEpisodes", "CinReferrals", "ChildDisabilities", "AdultCareEvents",
                "TransitionsCases", "TransitionsCaseMoves", "CaseEvents", "Referrals", "TransitionAssessments", "AssessedOutcomes", "CaseTasks"]),
            before.Where(r => r.Owners.Contains(closedLongAgo)).Select(r => r.Table).ToHashSet());
        var auditBefore = await db.AuditEvents.CountAsync(Ct);

        var result = await RecordRetention.RemoveAsync(db, Officer, Rules, AsOf, Clock, batchSize: 3, cancellationToken: Ct);

        Assert.Equal((4, 4, 2), (result.Due, result.Removed, result.Batches));
        await AssertRemovedAsync(database, before, due);
        await using (var check = database.Open())
        {
            var audit = await check.AuditEvents.Where(a => a.Action == RecordRetention.RemovedAction).OrderBy(a => a.PersonId).ToListAsync(Ct);
            Assert.Equal(due.Order(), audit.Select(a => a.PersonId!.Value));
            Assert.All(audit, a => Assert.Equal(("d.officer", "data-protection-officer", Clock.GetUtcNow()), (a.UserName, a.Role, a.At)));
            var reference = review.Due.Single(d => d.PersonId == closedLongAgo).Reference;
            Assert.Equal($"reference {reference}: due on 2032-06-01, 6 years after the case closed; rule: kept until 6 years after the later of the case closing and the 25th birthday",
                audit.Single(a => a.PersonId == closedLongAgo).Detail);
            // The audit rows about them before are kept, untouched; the new ones join the chain.
            Assert.Equal(auditBefore + 4, await check.AuditEvents.CountAsync(Ct));
            Assert.True(await check.AuditEvents.CountAsync(a => a.PersonId == closedLongAgo && a.Action.StartsWith("case-"), Ct) > 0);
            while (await AuditChain.SealAsync(check, 1000, Ct) > 0) { }
            Assert.True((await AuditChain.VerifyAsync(check, Ct)).Intact);
        }

        // Safe to run again: nobody is due, nothing changes.
        await using var again = database.Open();
        var counts = await DatabaseSnapshot.CountsAsync(again);
        Assert.Equal((0, 0, 0), await RemoveCountsAsync(again));
        Assert.Equal(counts, await DatabaseSnapshot.CountsAsync(again));
    }

    private static async Task<(int, int, int)> RemoveCountsAsync(WaypointDbContext db)
    {
        var result = await RecordRetention.RemoveAsync(db, Officer, Rules, AsOf, Clock, cancellationToken: Ct);
        return (result.Due, result.Removed, result.Batches);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task RemoveAsync_ACaseReopenedAfterTheReview_KeepsThePerson(DatabaseProvider provider)
    {
        await using var database = await CouncilAsync(provider);
        await using var db = database.Open();
        var reference = await ReferenceAsync(db, "100");
        var personId = await PersonIdAsync(db, "100");
        var progress = new List<RetentionProgress>();

        // The review runs first; the case is reopened before the person's batch is removed.
        var result = await RecordRetention.RemoveAsync(db, Officer, Rules, AsOf, Clock, new Reopen(async () =>
        {
            await using var other = database.Open();
            var version = await other.TransitionsCases.Where(c => c.PersonId == personId).Select(c => c.Version).SingleAsync(Ct);
            await Referrals.ReferAsync(other, Worker, reference, version, PathwayCases.Referral with { ReceivedOn = AsOf }, Clock.GetUtcNow(), Ct);
        }, progress), batchSize: 10, cancellationToken: Ct);

        Assert.Equal((4, 3, 1), (result.Due, result.Removed, result.Kept));
        Assert.Equal([new RetentionProgress(0, 4), new RetentionProgress(3, 4)], progress);
        await using var check = database.Open();
        Assert.True(await check.People.AnyAsync(p => p.Reference == reference, Ct));
        Assert.Equal(TransitionsStage.Referred, await check.TransitionsCases.Where(c => c.PersonId == personId).Select(c => c.Stage).SingleAsync(Ct));
        Assert.False(await check.AuditEvents.AnyAsync(a => a.Action == RecordRetention.RemovedAction && a.PersonId == personId, Ct));
    }

    /// <summary>Reopens a case when removal reports its start, between the review and the first batch.</summary>
    private sealed class Reopen(Func<Task> reopen, List<RetentionProgress> seen) : IProgress<RetentionProgress>
    {
        public void Report(RetentionProgress value)
        {
            seen.Add(value);
            if (value.Removed == 0) reopen().GetAwaiter().GetResult();
        }
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task ImportAsync_AfterTheNewestPersonWasRemoved_NeverGivesTheirIdToSomeoneNew(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        using var folder = TestFiles.TempFolder();
        var options = new ImportOptions("999") { SharedPersonIds = true };
        await ImporterTests.ImportAsync(database, options, SourceFileBuilder.Header903(folder, "old.csv", new ChildRow("1", "1990-01-01"), new ChildRow("2", "1991-01-01")));
        long removed;
        await using (var db = database.Open())
        {
            removed = await db.People.MaxAsync(p => p.Id, Ct);
            Assert.Equal(2, (await RecordRetention.RemoveAsync(db, Officer, Rules, AsOf, Clock, cancellationToken: Ct)).Removed);
        }

        await ImporterTests.ImportAsync(database, options, SourceFileBuilder.Header903(folder, "new.csv", new ChildRow("3", "2015-01-01")));

        await using var check = database.Open();
        var person = await check.People.SingleAsync(Ct);
        Assert.True(person.Id > removed, $"the new person got id {person.Id}; the removed people had up to {removed}");
        // The removed people's audit rows stay theirs: the new person's trail holds none of them.
        Assert.Empty((await AuditTrail.ForPersonAsync(check, "999", person.Reference, Ct))!);
    }

    /// <summary>
    /// Properties of the rule over many made-up people: an open case is never due; a person due has passed both six
    /// years after closing and six years after the 25th birthday; a person not due is due on exactly that later anniversary.
    /// </summary>
    [Fact]
    public void Assess_ManyPeople_NeverEarlyAndNeverWhileOpen()
    {
        var random = new Random(7);
        DateOnly Day(int from, int to) => DateOnly.FromDayNumber(random.Next(new DateOnly(from, 1, 1).DayNumber, new DateOnly(to, 1, 1).DayNumber));
        for (var i = 0; i < 20_000; i++)
        {
            var asOf = Day(2025, 2060);
            DateOnly? born = random.Next(10) == 0 ? null : Day(1985, 2025);
            TransitionsStage? stage = random.Next(3) switch { 0 => null, 1 => TransitionsStage.Closed, _ => Enum.GetValues<TransitionsStage>()[random.Next(1, 9)] };
            var closedOn = Day(2015, 2050);
            DateOnly? imported = random.Next(4) == 0 ? null : Day(2015, 2030);
            var (dueOn, _, hold, _) = RecordRetention.Assess(Rules, asOf, born, stage, new DateTimeOffset(closedOn.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), imported);

            if (stage is not null and not TransitionsStage.Closed) Assert.Equal(RetentionHold.OpenCase, hold);
            else if (born is null && imported is null) Assert.Equal(RetentionHold.NoDate, hold);
            else
            {
                var birthday = born is { } b ? Age.Turns(b, 25) : imported!.Value;
                var from = stage == TransitionsStage.Closed && closedOn > birthday ? closedOn : birthday;
                Assert.Equal(Age.Turns(from, 6), dueOn);
                Assert.Equal(asOf >= dueOn ? null : RetentionHold.NotYetDue, hold);
                if (hold is null && born is { } dob) Assert.True(Age.On(dob, asOf) >= 31, $"born {dob}, removed on {asOf}");
                if (hold is null && stage == TransitionsStage.Closed) Assert.True(asOf >= closedOn.AddYears(6), $"closed {closedOn}, removed on {asOf}");
            }
        }
    }

    /// <summary>
    /// The demo council's whole range of data - every return, council sheets, possible matches and decisions, cases at
    /// every stage with panels, plans, checklists, services, handovers, tasks and reminders - with half the cases closed,
    /// reviewed far in the future: everyone without an open case is removed, with every row of every table that leads to
    /// them, and the rows of everyone kept are untouched.
    /// </summary>
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task RemoveAsync_TheDemoCouncil_LeavesNoRowOfThoseRemovedAndEveryRowOfThoseKept(DatabaseProvider provider)
    {
        var today = new DateOnly(2026, 11, 23);
        var time = new FakeTimeProvider(new DateTimeOffset(today.ToDateTime(new TimeOnly(8, 0)), TimeSpan.Zero));
        await using var database = await TestDatabase.CreateAsync(provider);
        await using (var db = database.Open())
        {
            Assert.True((await DemoImport.GenerateAndImportAsync(db, time, new DemoOptions(DemoSize.Small, 1, today, DemoNoise.Realistic) { CouncilCode = "999" }, "test", cancellationToken: Ct)).Committed);
            // The 903 tables the demo does not write: adoption, previous permanence, health, social workers, deprivation of liberty.
            using var folder = TestFiles.TempFolder();
            var child = new LookedAfterChild("RET1", "2008-04-02")
            {
                Mother = "1",
                MotherChildDob = "2025-01-01",
                Episodes = [new Episode903("2020-01-06", "2023-02-01", ReasonCeased: "E11")],
                Health = new Health903(),
                Permanence = new Permanence903("Z1"),
                Adoption = new Adoption903("2020-06-01", "2021-01-04", "2021-03-01"),
            };
            Assert.True((await new Importer(db, time).ImportAsync(
                [.. SourceFileBuilder.Ssda903Tables(folder, child),
                 folder.Write("sw.csv", "CHILD,DOB,SW_ID,SW_DECOM,SW_DEC,SW_REASON\nRET1,02/04/2008,SW1,06/01/2020,01/02/2023,CHILD\n"),
                 folder.Write("dolo.csv", "CHILD,DOB,DOLO_START,DOLO_END\nRET1,02/04/2008,01/03/2021,01/09/2021\n")],
                new ImportOptions("999") { SharedPersonIds = true }, cancellationToken: Ct)).Committed);

            await DemoPathway.SeedAsync(db, "999", today, 0.2, new RulesPolicy().ForCouncil("999"), cancellationToken: Ct);
            await Reminders.RunAsync(db, time, (_, _) => Task.FromResult(ReminderDelivery.NotSent), Ct);
            foreach (var match in await db.PossibleMatches.Where(m => m.Status == MatchStatus.Pending).OrderBy(m => m.Id).Take(5).ToListAsync(Ct))
                await LinkReview.DecideAsync(db, "999", match.Id, samePerson: false, "Different dates of birth on the school roll", "a.worker", time.GetUtcNow(), Ct);

            // Half the cases at each stage are to be closed (the first of each among them), the other half kept open.
            var open = await db.TransitionsCases.Where(c => c.Stage != TransitionsStage.Closed).OrderBy(c => c.PersonId)
                .Join(db.People, c => c.PersonId, p => p.Id, (c, p) => new { c.Stage, c.PersonId, p.Reference }).ToListAsync(Ct);
            var closing = open.GroupBy(c => c.Stage).SelectMany(g => g.Where((_, i) => i % 2 == 0)).Select(c => c.PersonId).ToHashSet();
            Task<int> VersionAsync(string reference) => db.TransitionsCases.Where(c => db.People.Any(p => p.Id == c.PersonId && p.Reference == reference)).Select(c => c.Version).SingleAsync(Ct);
            // One of them with an independence checklist and a children's service, as an open case has.
            var working = open.First(c => closing.Contains(c.PersonId) && Referrals.IsOpen(c.Stage) && c.Stage != TransitionsStage.Referred).Reference;
            await IndependenceChecklist.SetStatusAsync(db, Worker, working, await VersionAsync(working), new IndependenceStatusRequest("living-simple-meal", IndependenceStatus.WorkingOnIt, null), time.GetUtcNow(), Ct);
            // Their consent to share health information, recorded on the person rather than the case.
            await Core.Access.HealthConsent.RecordAsync(db, "999", open.First(c => c.Reference == working).PersonId, today.AddMonths(-2), "a.worker", time.GetUtcNow(), Ct);
            await ChildrensServices.AddAsync(db, Worker, working, await VersionAsync(working),
                new ChildrensServiceRequest("Short breaks, two nights a month", ChildrensServiceBasis.ChildrenAct1989Section17, today.AddYears(-1), null), new RulesPolicy(), time.GetUtcNow(), Ct);
            // A panel action about a young person, followed up at the next meeting; their case is among those closed.
            var meetings = await db.PanelMeetings.OrderBy(m => m.MeetsOn).ToListAsync(Ct);
            var action = await db.CaseTasks.FirstAsync(t => t.PanelMeetingId == meetings[0].Id && t.PersonId != null && t.DoneOn == null, Ct);
            var atNextMeeting = new DateTimeOffset(meetings[1].MeetsOn.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero);
            await PanelMeetings.FollowUpActionAsync(db, Worker, meetings[1].Id, action.Id, new FollowUpRequest(false, "Waiting for the integrated care board", meetings[1].MeetsOn.AddDays(14)), atNextMeeting, Ct);
            closing.Add(action.PersonId!.Value);
            foreach (var c in open.Where(c => closing.Contains(c.PersonId)))
                await CaseLifecycle.CloseAsync(db, Worker, c.Reference, await VersionAsync(c.Reference), "Moved out of the area", atNextMeeting.AddDays(1), Ct);
        }

        await using var removing = database.Open();
        var asOf = new DateOnly(2100, 1, 1);
        var review = await RecordRetention.ReviewAsync(removing, "999", Rules, asOf, Ct);
        var due = review.Due.Select(d => d.PersonId).ToHashSet();
        var before = await OwnedRowsAsync(removing);
        // Every table whose rows can lead to a person has rows of people due: nothing about a person escapes the test.
        Assert.Empty(PersonTables(removing).Except(before.Where(r => r.Owners.Overlaps(due)).Select(r => r.Table)));
        Assert.True(review.HeldBecause(RetentionHold.OpenCase) > 10);

        var result = await RecordRetention.RemoveAsync(removing, Officer, Rules, asOf, Clock, cancellationToken: Ct);

        Assert.Equal((due.Count, due.Count), (result.Due, result.Removed));
        await AssertRemovedAsync(database, before, due);
        await using var check = database.Open();
        while (await AuditChain.SealAsync(check, 10_000, Ct) > 0) { }
        Assert.True((await AuditChain.VerifyAsync(check, Ct)).Intact);
        Assert.Equal(0, (await RecordRetention.RemoveAsync(check, Officer, Rules, asOf, Clock, cancellationToken: Ct)).Removed);
    }

    /// <summary>No row left that leads to anyone removed; every row of everyone kept, and every row of nobody, still there.</summary>
    private static async Task AssertRemovedAsync(TestDatabase database, List<OwnedRow> before, HashSet<long> removed)
    {
        await using var db = database.Open();
        var after = await OwnedRowsAsync(db);
        Assert.Empty(after.Where(r => r.Owners.Overlaps(removed)).Select(r => r.Table).Distinct());
        static IEnumerable<(string, int)> Kept(IEnumerable<OwnedRow> rows, HashSet<long> removed) =>
            rows.Where(r => !r.Owners.Overlaps(removed)).CountBy(r => (r.Table, r.Owners.Length > 0)).Select(c => (c.Key.Table + (c.Key.Item2 ? "" : " (of nobody)"), c.Value)).Order();
        Assert.Equal(Kept(before, removed), Kept(after, removed));
        Assert.False(await db.People.AnyAsync(p => removed.Contains(p.Id), Ct));
    }

    private sealed record OwnedRow(string Table, long[] Owners);

    /// <summary>The columns through which a row leads to a person (directly, or through a record, case, task, assessment or plan).</summary>
    private static readonly string[] PersonKeys = ["PersonId", "SourceRecordId", "RecordId", "OtherRecordId", "TransitionsCaseId", "CaseTaskId", "TransitionAssessmentId", "SupportPlanId"];

    /// <summary>The accountability records a removal keeps: the audit trail, and the uses of emergency access that it reviews.</summary>
    private static readonly Type[] KeptLikeTheAudit = [typeof(AuditEvent), typeof(Core.Access.BreakGlassAccess)];

    /// <summary>Every table but the audit trail whose rows can lead to a person, from the model.</summary>
    private static IEnumerable<string> PersonTables(WaypointDbContext db) =>
        db.Model.GetEntityTypes().Where(e => !KeptLikeTheAudit.Contains(e.ClrType))
            .Where(e => e.GetTableName() is "People" or "SourceRecords" || e.GetProperties().Any(p => PersonKeys.Contains(p.Name)))
            .Select(e => e.GetTableName()!);

    /// <summary>
    /// Every row of every table but the audit trail, with the people it leads to through any of its keys: a person's id,
    /// a source record (linked to a person), a case, a task, an assessment or a plan. Worked out from the model's own
    /// columns, not from the removal's list, so a table the removal forgot shows up here.
    /// </summary>
    private static async Task<List<OwnedRow>> OwnedRowsAsync(WaypointDbContext db)
    {
        var recordOwner = await db.RecordLinks.ToDictionaryAsync(l => l.SourceRecordId, l => (long?)l.PersonId, Ct);
        var caseOwner = await db.TransitionsCases.ToDictionaryAsync(c => c.Id, c => (long?)c.PersonId, Ct);
        var taskOwner = (await db.CaseTasks.Select(t => new { t.Id, t.PersonId, t.TransitionsCaseId }).ToListAsync(Ct))
            .ToDictionary(t => t.Id, t => t.PersonId ?? (t.TransitionsCaseId is { } c ? caseOwner[c] : null));
        var assessmentOwner = await db.TransitionAssessments.ToDictionaryAsync(a => a.Id, a => (long?)a.PersonId, Ct);
        var planOwner = await db.SupportPlans.ToDictionaryAsync(p => p.Id, p => (long?)p.PersonId, Ct);
        static Func<long, long?> Of(Dictionary<long, long?> owners) => id => owners.GetValueOrDefault(id);
        var keys = new Dictionary<string, Func<long, long?>>
        {
            ["PersonId"] = id => id,
            ["SourceRecordId"] = Of(recordOwner),
            ["RecordId"] = Of(recordOwner),
            ["OtherRecordId"] = Of(recordOwner),
            ["TransitionsCaseId"] = Of(caseOwner),
            ["CaseTaskId"] = Of(taskOwner),
            ["TransitionAssessmentId"] = Of(assessmentOwner),
            ["SupportPlanId"] = Of(planOwner),
        };
        var rows = new List<OwnedRow>();
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(Ct);
        try
        {
            foreach (var entity in db.Model.GetEntityTypes().Where(e => !KeptLikeTheAudit.Contains(e.ClrType)))
            {
                var table = entity.GetTableName()!;
                var columns = entity.GetProperties()
                    .Where(p => keys.ContainsKey(p.Name) || (p.Name == "Id" && table is "People" or "SourceRecords"))
                    .Select(p => (Column: p.GetColumnName(), Owner: p.Name == "Id" ? table == "People" ? keys["PersonId"] : keys["SourceRecordId"] : keys[p.Name]))
                    .ToList();
                await using var command = connection.CreateCommand();
                command.CommandText = $"SELECT {(columns.Count == 0 ? "1" : string.Join(", ", columns.Select(c => $"\"{c.Column}\"")))} FROM \"{table}\"";
                await using var reader = await command.ExecuteReaderAsync(Ct);
                while (await reader.ReadAsync(Ct))
                {
                    var owners = new HashSet<long>();
                    for (var i = 0; i < columns.Count; i++)
                    {
                        if (!reader.IsDBNull(i) && columns[i].Owner(reader.GetInt64(i)) is { } owner) owners.Add(owner);
                    }
                    rows.Add(new OwnedRow(table, [.. owners]));
                }
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
        return rows;
    }
}

internal static class OwnerSets
{
    public static bool Overlaps(this long[] owners, HashSet<long> people) => owners.Any(people.Contains);
}
