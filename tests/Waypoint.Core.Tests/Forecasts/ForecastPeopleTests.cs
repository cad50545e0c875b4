using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Waypoint.Core.Data;
using Waypoint.Core.Forecasts;
using Waypoint.Core.Ingest;
using Waypoint.Core.Pathway;
using Waypoint.Core.Rules;
using Waypoint.Forecasting;
using Waypoint.Forecasting.Likelihood;
using Waypoint.TestCommon;
using static Waypoint.Core.Tests.Insight.InsightCouncil;
using F = Waypoint.Forecasting.Likelihood.LikelihoodFeatures;

namespace Waypoint.Core.Tests.Forecasts;

/// <summary>The linked history as the forecasting models read it, from small files imported through the importer and worked out by hand.</summary>
public class ForecastPeopleTests
{
    private static readonly DateOnly AsOf = new(2026, 11, 22);
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>
    /// Council 999 on 22 November 2026 (adult care's extract seen from 23 November 2021):
    /// S1 born 1 Mar 2005 (21): SEN2 EHC plan for severe learning difficulty from 1 Sep 2015, never ceased.
    /// C1 born 10 May 2004 (22): looked after from 1 Jan 2019 to 9 May 2022 at a residential school (903 S1), 16 on 10 May 2020;
    /// in the 903 for the year to March 2023 (when 18) an apprentice (OC3 F4).
    /// A1 born 1 Jun 2003 (23): adult care only, residential care at 2,000 a week from 1 Jul 2021, learning disability support.
    /// Y1 born 1 Jan 2011 (15): SEN2 EHC plan for autism from 1 Sep 2020.
    /// T1 born 1 Jun 2020 (6): too young. O1 born 1 Jan 1994 (32): too old, with no adult care.
    /// </summary>
    private static async Task<TestDatabase> CouncilAsync(DatabaseProvider provider)
    {
        var database = await TestDatabase.CreateAsync(provider);
        using var folder = TestFiles.TempFolder();
        var sen2 = SourceFileBuilder.Sen2(folder, "sen2.xml",
            new Sen2Row("Sam", "Senior", "2005-03-01", null, "SLD", "2015-09-01"),
            new Sen2Row("Young", "Younger", "2011-01-01", null, "ASD", "2020-09-01"),
            new Sen2Row("Tiny", "Younger", "2020-06-01", null));
        var child = new LookedAfterChild("C1", "2004-05-10")
        {
            Episodes = [new Episode903("2019-01-01", "2022-05-09", Place: "S1", ReasonCeased: "E5")],
            CareLeaver = new CareLeaver903("YES", "F4", "B1"),
        };
        var text = new StringBuilder("LA Code,NHS Number,LA Person Unique Identifier,First Name,Last Name,Gender,Date of Birth,Client Type,Primary Support Reason,Event Type,Event Start Date,Event End Date,Service Type,Unit Cost,Cost Frequency (Unit Type),Planned units per week\n");
        text.Append("999,,A1,Ada,Adult,Female,01/06/2003,Service User,Learning disability support,Service,01/07/2021,,Long term support: Residential care,2000,Weekly,1\n");
        text.Append("999,,O1,Olly,Older,Male,01/01/1994,Service User,Mental health support,Request,01/02/2024,01/02/2024,,,,\n");
        var cld = folder.Write("cld.csv", text.ToString());
        await ImportAsync(database, new ImportOptions("999"), AsOf, [sen2, .. SourceFileBuilder.Ssda903Tables(folder, child), cld]);
        return database;
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task EachYoungPerson_FeaturesBy16_NeedGroup_FirstAdultCare_AndRoutes(DatabaseProvider provider)
    {
        await using var database = await CouncilAsync(provider);
        await using var db = database.Open();

        var people = (await ForecastPeople.LoadAsync(db, "999", AsOf, new RulesPolicy(), Cancel)).ToDictionary(p => p.DateOfBirth.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));

        // Only those aged 7 to 31 (or older with adult care): not the 6-year-old, nor the 32-year-old with a request only.
        Assert.Equal(["2003-06-01", "2004-05-10", "2005-03-01", "2011-01-01"], people.Keys.Order(StringComparer.Ordinal));

        // A young adult's primary need is not used: SEN2 records it on a current plan only, so the files hold it for
        // children and rarely for young adults, and a model fitted on young adults cannot learn it.
        var sam = people["2005-03-01"];
        Assert.Equal([F.EhcPlan], sam.Features.Keys.Order(StringComparer.Ordinal));
        Assert.Equal((NeedGroups.LearningDisability, true, null), (sam.NeedGroup, sam.KnownToChildrensServices, sam.AdultCare));
        // At 16, 18 and 21 (1 Mar 2021, 2023, 2026) the plan was running: education with an EHC plan; 25 not reached.
        Assert.Equal([(16, RouteState.EducationWithEhcPlan), (18, RouteState.EducationWithEhcPlan), (21, RouteState.EducationWithEhcPlan)],
            sam.Routes.OrderBy(r => r.Key).Select(r => (r.Key, r.Value)));

        var young = people["2011-01-01"];
        Assert.Equal([F.EhcNeed("ASD"), F.EhcPlan], young.Features.Keys.Order(StringComparer.Ordinal));
        Assert.Equal((NeedGroups.Autism, true, null), (young.NeedGroup, young.KnownToChildrensServices, young.AdultCare));
        Assert.Empty(young.Routes);

        var c1 = people["2004-05-10"];
        Assert.Equal([F.LookedAfterAt16, F.LookedAfterEver, F.ResidentialSchool], c1.Features.Keys.Order(StringComparer.Ordinal));
        Assert.Equal((NeedGroups.Other, true, null), (c1.NeedGroup, c1.KnownToChildrensServices, c1.AdultCare));
        // 16 on 10 May 2020 is before adult care's extract begins, and nothing else says where they were: not known.
        // 18 (2022): an apprenticeship, as the care leaver's OC3 says; 21 (2025) is within the extract, with no service.
        Assert.Equal([(18, RouteState.SupportedInternshipOrApprenticeship), (21, RouteState.NoOngoingServices)], c1.Routes.OrderBy(r => r.Key).Select(r => (r.Key, r.Value)));

        var a1 = people["2003-06-01"];
        Assert.Empty(a1.Features);
        Assert.Equal((NeedGroups.LearningDisability, false), (a1.NeedGroup, a1.KnownToChildrensServices));
        Assert.Equal(new AdultCareEntry(new DateOnly(2021, 7, 1), "Learning disability support", 2000m, null, Residential: true), a1.AdultCare);
        // 18 on 1 Jun 2021, before the extract and before the care began: not known; 21 in residential care.
        Assert.Equal([(21, RouteState.ResidentialOrNursingCare)], a1.Routes.Select(r => (r.Key, r.Value)));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task AnOpenTransitionsCase_IsAFeatureOfChildrenOnly_OnTheDaysItIsOpen(DatabaseProvider provider)
    {
        await using var database = await CouncilAsync(provider);
        async Task<Dictionary<string, ForecastPerson>> PeopleOn(DateOnly day)
        {
            await using var db = database.Open();
            return (await ForecastPeople.LoadAsync(db, "999", day, new RulesPolicy(), Cancel)).ToDictionary(p => p.DateOfBirth.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }
        static string[] Features(ForecastPerson person) => [.. person.Features.Keys.Order(StringComparer.Ordinal)];
        DateTimeOffset At(DateOnly day) => new(day.ToDateTime(new TimeOnly(10, 0)), TimeSpan.Zero);

        var before = await PeopleOn(AsOf);
        await using (var db = database.Open())
        {
            // Both referred the day after: the 15-year-old (Y1) and the 21-year-old (S1).
            foreach (var born in (string[])["2011-01-01", "2005-03-01"])
                db.TransitionsCases.Add(TransitionsCase.Open(before[born].Id, "999", TransitionsStage.Referred, "a.worker", At(AsOf.AddDays(1)), "referral from the SEN team"));
            await db.SaveChangesAsync(Cancel);
        }

        // Not yet open on the day before it opened.
        Assert.Equal([F.EhcNeed("ASD"), F.EhcPlan], Features((await PeopleOn(AsOf))["2011-01-01"]));
        // Open on the day it opened: the child has it, and the rule-based score counts it as a rule met; the young
        // adult never has it (the fitted model learns from young adults and must not see it vary).
        var open = await PeopleOn(AsOf.AddDays(1));
        Assert.Equal([F.EhcNeed("ASD"), F.EhcPlan, F.TransitionsCase], Features(open["2011-01-01"]));
        Assert.Equal(RuleBasedScore.Default.Points(before["2011-01-01"]) + 1, RuleBasedScore.Default.Points(open["2011-01-01"]));
        Assert.Equal([F.EhcPlan], Features(open["2005-03-01"]));

        await using (var db = database.Open())
        {
            foreach (var transitionsCase in await db.TransitionsCases.Include(c => c.Moves).ToListAsync(Cancel))
                transitionsCase.MoveTo(TransitionsStage.Closed, "a.worker", At(AsOf.AddDays(2)), "moved to another council's area");
            await db.SaveChangesAsync(Cancel);
        }
        // Closed: no longer counted.
        Assert.Equal([F.EhcNeed("ASD"), F.EhcPlan], Features((await PeopleOn(AsOf.AddDays(2)))["2011-01-01"]));
    }

    [Theory]
    [InlineData("SLD", null, null, NeedGroups.LearningDisability)]
    [InlineData("ASD", null, null, NeedGroups.Autism)]
    [InlineData("VI", null, null, NeedGroups.PhysicalOrSensory)]
    [InlineData("SEMH", null, null, NeedGroups.MentalHealth)]
    [InlineData("SPLD", "LD", null, NeedGroups.LearningDisability)]
    [InlineData(null, "MOB", null, NeedGroups.PhysicalOrSensory)]
    [InlineData(null, null, "Mental health support", NeedGroups.MentalHealth)]
    [InlineData(null, null, "Sensory support: Support for visual impairment", NeedGroups.PhysicalOrSensory)]
    [InlineData(null, null, null, NeedGroups.Other)]
    public void NeedGroup_FromThePlanThenTheCensusThenAdultCare(string? need, string? disability, string? reason, string group) =>
        Assert.Equal(group, ForecastPeople.NeedGroup(need, disability is null ? [] : [disability], reason));
}
