using Waypoint.Core.Access;
using Waypoint.Core.Data;
using Waypoint.Core.Ingest;
using Waypoint.Core.Involvements;
using Waypoint.Core.Pathway;
using Waypoint.Core.People;
using Waypoint.Core.Rules;
using Waypoint.TestCommon;

namespace Waypoint.Core.Tests.People;

/// <summary>
/// The single view reads each table's columns by position, in one batch with the person's clock facts: every column
/// must land in its own words on the page, and health detail only before someone who may see it.
/// </summary>
public class PersonRecordTests
{
    private static readonly DateOnly AsOf = new(2026, 11, 22);

    private static Viewer Worker(bool seesHealth = false) => new("999", "worker", "transitions-worker", null, true, false, seesHealth);

    private static async Task<TestDatabase> SeedAsync(DatabaseProvider provider, bool consent = false)
    {
        var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.Open();
        db.ImportBatches.Add(new ImportBatch { Id = 1, CouncilCode = "999", UserName = "test", CompletedAt = new DateTimeOffset(2026, 11, 1, 9, 30, 0, TimeSpan.Zero) });
        db.People.Add(new Person { Id = 1, CouncilCode = "999", Reference = "P-ONE", Forename = "Ada", Surname = "Example", DateOfBirth = new DateOnly(2009, 3, 4) });
        SourceRecord Record(long id, string format, string file, int line) => new()
        {
            Id = id,
            CouncilCode = "999",
            SourceKey = $"{format}:{file}:{id}",
            Format = format,
            FileName = file,
            LocalKey = $"{id}",
            Line = line,
            FirstBatchId = 1,
            LastSeenBatchId = 1,
            Forename = "Ada",
            Surname = "Example",
            DateOfBirth = new DateOnly(2009, 3, 4),
            FirstKnownOn = new DateOnly(2015, 1, 1),
        };
        db.SourceRecords.AddRange(Record(10, SourceFormat.Ssda903, "header.csv", 2), Record(11, SourceFormat.Cin, "cin.xml", 40));
        db.RecordLinks.AddRange(
            new RecordLink { SourceRecordId = 10, PersonId = 1, CouncilCode = "999", Method = "exact", LinkedInBatchId = 1 },
            new RecordLink { SourceRecordId = 11, PersonId = 1, CouncilCode = "999", Method = "exact", LinkedInBatchId = 1 });
        db.SourceIdentifiers.AddRange(
            new SourceIdentifier { Id = 103, SourceRecordId = 10, CouncilCode = "999", Kind = IdentifierKind.Upn, Value = "A999000000001", IsValid = true },
            new SourceIdentifier { Id = 104, SourceRecordId = 11, CouncilCode = "999", Kind = IdentifierKind.Upn, Value = "A999000000001", IsValid = true },
            new SourceIdentifier { Id = 105, SourceRecordId = 11, CouncilCode = "999", Kind = IdentifierKind.NhsNumber, Value = "9434765918", IsValid = false });
        db.CareEpisodes.Add(new CareEpisode
        {
            Id = 108,
            SourceRecordId = 10,
            CouncilCode = "999",
            Line = 3,
            StartDate = new DateOnly(2020, 5, 1),
            EndDate = new DateOnly(2024, 6, 30),
            LegalStatus = "C2",
            Placement = "U1",
            ReasonEpisodeCeased = "E11",
        });
        db.CinReferrals.Add(new CinReferral
        {
            Id = 109,
            SourceRecordId = 11,
            CouncilCode = "999",
            Line = 41,
            ReferralDate = new DateOnly(2019, 2, 1),
            ClosureDate = new DateOnly(2019, 8, 1),
            PrimaryNeedCode = "N2",
            ReasonForClosure = "RC1",
        });
        db.EhcRequests.Add(new EhcRequest { Id = 7, SourceRecordId = 11, CouncilCode = "999", Line = 42, ReceivedDate = new DateOnly(2021, 1, 10) });
        db.EhcNeeds.AddRange(
            new EhcNeed { Id = 106, SourceRecordId = 11, CouncilCode = "999", Line = 43, RequestId = 7, SenType = "ASD", Rank = 1 },
            new EhcNeed { Id = 107, SourceRecordId = 11, CouncilCode = "999", Line = 44, RequestId = 7, SenType = "SLCN", Rank = 2 });
        db.EhcPlans.Add(new EhcPlan
        {
            Id = 110,
            SourceRecordId = 11,
            CouncilCode = "999",
            Line = 45,
            RequestId = 7,
            StartDate = new DateOnly(2021, 6, 1),
            CeaseDate = new DateOnly(2026, 7, 31),
            CeaseReason = "2",
        });
        db.AdultCareEvents.Add(new AdultCareEvent
        {
            Id = 111,
            SourceRecordId = 11,
            CouncilCode = "999",
            Line = 46,
            EventType = "Service",
            StartDate = new DateOnly(2026, 8, 1),
            PrimarySupportReason = "Learning Disability Support",
            ServiceType = "Long Term Support: Community",
            EligibleNeedsIdentified = "Yes",
            WeeklyCost = 412.5m,
        });
        db.ChildPlacementCosts.Add(new ChildPlacementCost
        {
            Id = 112,
            SourceRecordId = 10,
            CouncilCode = "999",
            Line = 5,
            StartDate = new DateOnly(2022, 4, 1),
            WeeklyCost = 1234.56m,
            PlacementType = "Residential",
            Provider = "Example Homes",
            FundingStream = "Joint",
        });
        db.HealthInvolvements.Add(new HealthInvolvement
        {
            Id = 113,
            SourceRecordId = 11,
            CouncilCode = "999",
            Line = 47,
            Service = HealthServices.ContinuingHealthcare,
            StartDate = new DateOnly(2025, 9, 1),
            Outcome = "Open",
            ChecklistDate = new DateOnly(2025, 9, 15),
            ChecklistOutcome = "Positive",
            DecisionDate = new DateOnly(2025, 12, 1),
            Decision = "Eligible",
        });
        if (consent)
        {
            db.HealthSharingConsents.AddRange(
                new HealthSharingConsent { CouncilCode = "999", PersonId = 1, GivenOn = new DateOnly(2025, 1, 1), RecordedBy = "first", WithdrawnOn = new DateOnly(2025, 2, 1), WithdrawnBy = "first" },
                new HealthSharingConsent { CouncilCode = "999", PersonId = 1, GivenOn = new DateOnly(2025, 3, 1), RecordedBy = "second" });
        }
        await db.SaveChangesAsync();
        return database;
    }

    private static async Task<PersonDetail> ReadAsync(TestDatabase database, Viewer viewer, IReadOnlyDictionary<long, IReadOnlyCollection<string>>? cohorts = null)
    {
        await using var db = database.Open();
        return (await PersonRecord.GetAsync(db, "999", "P-ONE", AsOf, new RulesPolicy().ForCouncil("999"), CancellationToken.None, viewer, cohorts))!;
    }

    private static string Line(TimelineEntry t) => $"{t.Date:yyyy-MM-dd}|{t.End:yyyy-MM-dd}|{t.Service}|{t.Title}|{t.Detail}";

    private static readonly string[] WithoutHealth =
    [
        "2019-02-01|2019-08-01|Children's social care|Child in need referral: child's disability (N2)|Closed: adopted (RC1)",
        "2020-05-01|2024-06-30|Looked after|Looked after: full care order (C2)|Placement: foster care with a relative or friend (long term) (U1); Care ended: adopted (E11)",
        "2021-01-10||SEND|Request for an EHC needs assessment|",
        "2021-06-01|2026-07-31|SEND|EHC plan started|Primary need: autistic spectrum disorder (ASD)",
        "2022-04-01||Looked after|Placement cost: £1,234.56 a week|Residential; Example Homes; Funding: Joint",
        "2026-07-31||SEND|EHC plan ceased|needs met without a plan (2)",
        "2026-08-01||Adult social care|Adult social care service|Learning Disability Support; Long Term Support: Community; Eligible needs identified: Yes; £412.50 a week",
    ];

    private static readonly string[] Health =
    [
        "2025-09-01||Health|Known to NHS continuing healthcare|Open",
        "2025-09-15||Health|Continuing healthcare checklist|Outcome: Positive",
        "2025-12-01||Health|Continuing healthcare decision|Decision: Eligible",
    ];

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task EveryTable_LandsOnThePageInItsOwnWords(DatabaseProvider provider)
    {
        await using var database = await SeedAsync(provider);

        var detail = await ReadAsync(database, Worker(seesHealth: true));

        Assert.Equal([.. WithoutHealth.Concat(Health).Order(StringComparer.Ordinal)], detail.Timeline.Select(Line));
        Assert.Equal(
            [$"{SourceFormat.Ssda903}:header.csv:10|{SourceFormat.Ssda903}|header.csv|2|1|2026-11-01T09:30", $"{SourceFormat.Cin}:cin.xml:11|{SourceFormat.Cin}|cin.xml|40|1|2026-11-01T09:30"],
            detail.Sources.Select(s => $"{s.SourceKey}|{s.Format}|{s.FileName}|{s.Line}|{s.BatchId}|{s.ImportedAt.UtcDateTime:yyyy-MM-ddTHH:mm}"));
        Assert.Equal(
            [new IdentifierView(IdentifierKind.NhsNumber, "9434765918", false), new IdentifierView(IdentifierKind.Upn, "A999000000001", true)],
            detail.Identifiers.OrderBy(i => i.Kind, StringComparer.Ordinal));
        Assert.Equal(("Ada Example", 17, Core.Pathway.TransitionsStage.NotIdentified), (detail.DisplayName, detail.Age, detail.Stage));
        Assert.True(detail.HealthShown);
        Assert.Null(detail.HealthConsent);
        Assert.Equal(detail.Person.Id, detail.Clock.PersonId);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task HealthDetail_IsLeftOut_UntilTheViewerMaySeeIt_AndTheLatestConsentIsShown(DatabaseProvider provider)
    {
        await using (var without = await SeedAsync(provider))
        {
            var hidden = await ReadAsync(without, Worker());
            Assert.Equal(WithoutHealth, hidden.Timeline.Select(Line));
            Assert.False(hidden.HealthShown);
        }

        await using var withConsent = await SeedAsync(provider, consent: true);
        var shown = await ReadAsync(withConsent, Worker());
        Assert.Equal([.. WithoutHealth.Concat(Health).Order(StringComparer.Ordinal)], shown.Timeline.Select(Line));
        Assert.Equal(new ConsentView(new DateOnly(2025, 3, 1), "second", null, null), shown.HealthConsent);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task CohortFlags_AreWorkedOut_UnlessTheCallerHasThemForThePerson(DatabaseProvider provider)
    {
        await using var database = await SeedAsync(provider);

        Assert.Equal([Cohort.AdultSocialCare, Cohort.ChildInNeedWithDisability], (await ReadAsync(database, Worker())).Cohorts);
        var known = new Dictionary<long, IReadOnlyCollection<string>> { [1] = [Cohort.EhcPlan] };
        Assert.Equal([Cohort.EhcPlan], (await ReadAsync(database, Worker(), known)).Cohorts);
        var someoneElse = new Dictionary<long, IReadOnlyCollection<string>> { [2] = [Cohort.EhcPlan] };
        Assert.Equal([Cohort.AdultSocialCare, Cohort.ChildInNeedWithDisability], (await ReadAsync(database, Worker(), someoneElse)).Cohorts);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task State_MovesWithTheirCaseAndMilestones_AndCarriesTheLatestConsent(DatabaseProvider provider)
    {
        await using var database = await SeedAsync(provider);
        async Task<PersonRecordState?> StateAsync(string council = "999")
        {
            await using var db = database.Open();
            return await PersonRecord.StateAsync(db, council, "P-ONE", CancellationToken.None);
        }
        Assert.Equal(new PersonRecordState(1, null, null, null), await StateAsync());
        Assert.Null(await StateAsync("998"));

        var at = new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);
        await using (var db = database.Open())
        {
            db.TransitionsCases.Add(new TransitionsCase { Id = 1, PersonId = 1, CouncilCode = "999", OpenedAt = at, StageChangedAt = at, Version = 3 });
            db.MilestoneEvidence.Add(new MilestoneEvidence { Id = 7, PersonId = 1, CouncilCode = "999", RuleId = "CL-ASSESS", Outcome = "met", OccurredOn = new DateOnly(2026, 11, 1), RecordedBy = "worker", RecordedAt = at });
            db.HealthSharingConsents.AddRange(
                new HealthSharingConsent { Id = 1, CouncilCode = "999", PersonId = 1, GivenOn = new DateOnly(2025, 1, 1), RecordedBy = "first" },
                new HealthSharingConsent { Id = 2, CouncilCode = "999", PersonId = 1, GivenOn = new DateOnly(2025, 3, 1), RecordedBy = "second", WithdrawnOn = new DateOnly(2025, 4, 1), WithdrawnBy = "third" });
            await db.SaveChangesAsync();
        }
        Assert.Equal(new PersonRecordState(1, 3, 7, new ConsentView(new DateOnly(2025, 3, 1), "second", new DateOnly(2025, 4, 1), "third")), await StateAsync());
    }
}
