using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Waypoint.Core.Data;
using Waypoint.Core.Demo;
using Waypoint.Core.Pathway;
using Waypoint.Core.People;
using Waypoint.Core.Rules;
using Waypoint.TestCommon;

namespace Waypoint.Core.Tests.Demo;

/// <summary>The demo council's transitions service: every stage, Dorset's proportions, and everything made through the pathway's services.</summary>
public sealed class DemoPathwayTests
{
    private static readonly DateOnly Today = new(2026, 11, 23);

    [Fact]
    public async Task SeedAsync_SmallCouncil_HasEveryStageAndDorsetsWaitingListAndSources()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var db = database.Open();
        var time = new FakeTimeProvider(new DateTimeOffset(Today.ToDateTime(new TimeOnly(8, 0)), TimeSpan.Zero));
        var options = new DemoOptions(DemoSize.Small, 1, Today, DemoNoise.None) { CouncilCode = "999" };
        Assert.True((await DemoImport.GenerateAndImportAsync(db, time, options, "test", cancellationToken: TestContext.Current.CancellationToken)).Committed);

        // The scale the web demo uses for its small council.
        var summary = await DemoPathway.SeedAsync(db, "999", Today, 0.2, new RulesPolicy().ForCouncil("999"), cancellationToken: TestContext.Current.CancellationToken);

        var cases = await db.TransitionsCases.AsNoTracking().ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal(summary.Cases.OrderBy(c => c.Key), cases.CountBy(c => c.Stage).OrderBy(c => c.Key));
        // Dorset's waiting list (4 aged 17, 47 aged 16, 36 aged 15, 6 younger) at a fifth of a city council's size.
        Assert.Equal([new(14, 1), new(15, 7), new(16, 9), new(17, 1)], summary.WaitingByAge.OrderBy(w => w.Key));
        var born = await db.People.Where(p => cases.Select(c => c.PersonId).Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.DateOfBirth!.Value, TestContext.Current.CancellationToken);
        Assert.Equal(summary.WaitingByAge.OrderBy(w => w.Key),
            cases.Where(c => c.Stage == TransitionsStage.Referred).CountBy(c => Age.On(born[c.PersonId], Today, LeapDayBirthday.FirstMarch)).OrderBy(w => w.Key));
        var referrals = await db.Referrals.AsNoTracking().ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal(summary.Sources.OrderBy(s => s.Key), referrals.CountBy(r => r.Source).OrderBy(s => s.Key));
        Assert.All(referrals, r => Assert.InRange(r.ReceivedOn, born[r.PersonId].AddYears(13), Today));

        // Every stage of the pathway, so a new user sees a living service; about four in five of those decided are eligible (Leicester).
        var ct = TestContext.Current.CancellationToken;
        Assert.Equal(Enum.GetValues<TransitionsStage>().Where(s => s != TransitionsStage.NotIdentified).Order(), cases.Select(c => c.Stage).Distinct().Order());
        var assessments = await db.TransitionAssessments.AsNoTracking().Include(a => a.Outcomes).ToListAsync(ct);
        var decided = assessments.Where(a => a.Eligible is not null).ToList();
        Assert.Equal(cases.Count(c => c.Stage is TransitionsStage.Decided or TransitionsStage.PlanAgreed or TransitionsStage.HandedOver or TransitionsStage.Signposted), decided.Count);
        Assert.All(decided, a => Assert.Equal(10, a.Outcomes.Count));
        Assert.InRange(decided.Count(a => a.Eligible == true) / (double)decided.Count, 0.6, 0.9);
        Assert.Single(await Assessments.FlaggedAsync(db, "999", ct));
        Assert.Equal(cases.Count(c => c.Stage == TransitionsStage.Declined), await db.AssessmentRefusals.CountAsync(ct));
        Assert.Equal(cases.Count(c => c.Stage == TransitionsStage.HandedOver), await db.Handovers.CountAsync(ct));
        Assert.Equal(cases.Count(c => c.Stage is TransitionsStage.PlanAgreed or TransitionsStage.HandedOver), await db.SupportPlans.CountAsync(p => p.AgreedOn != null, ct));
        // The panel met a fortnight ago and decided all three ways; its actions are tasks, one overdue; the next meeting is to come.
        var meetings = await db.PanelMeetings.AsNoTracking().Include(m => m.Cases).OrderBy(m => m.MeetsOn).ToListAsync(ct);
        Assert.Equal([Today.AddDays(-14), Today.AddDays(10)], meetings.Select(m => m.MeetsOn));
        Assert.Equal(Enum.GetValues<Core.Panel.PanelDecision>(), meetings[0].Cases.Select(c => c.Decision!.Value).Order());
        Assert.Equal(2, meetings[1].Cases.Count);
        Assert.Contains(await WorkTasks.OverdueAsync(db, "999", null, Today, ct), t => t.Description.StartsWith("Ask the integrated care board", StringComparison.Ordinal));
        Assert.All(cases.Where(c => c.Stage is TransitionsStage.AssessmentInProgress or TransitionsStage.Decided or TransitionsStage.PlanAgreed), c => Assert.NotNull(c.NamedWorker));

        // Made through the pathway's services: each case's version counts its history, and each entry has its audit row.
        var history = await db.CaseEvents.AsNoTracking().ToListAsync(TestContext.Current.CancellationToken);
        Assert.All(cases, c => Assert.Equal(Enumerable.Range(1, c.Version), history.Where(e => e.TransitionsCaseId == c.Id).Select(e => e.Version).Order()));
        var caseAudit = await db.AuditEvents.AsNoTracking().Where(a => a.PersonId != null && (a.Action.StartsWith("case-") || a.Action.StartsWith("panel-"))).ToListAsync(ct);
        Assert.Equal(history.Count, caseAudit.Count);
    }
}
