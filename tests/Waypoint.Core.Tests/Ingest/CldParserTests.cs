using Waypoint.Core.Involvements;
using Waypoint.Core.People;
using Waypoint.TestCommon;

namespace Waypoint.Core.Tests.Ingest;

public class CldParserTests
{
    private static readonly ParserHarness Run = ParserHarness.Run(TestFiles.Data("cld", "cld-sample.csv"));

    [Fact]
    public void Parse_EventsAttachToTheirPerson()
    {
        Assert.Equal(["A100", "A300", "A400"], Run.Records.Select(r => r.Record.LocalKey));
        Assert.Equal("CLD:cld-sample.csv:A100", Run.Records[0].Record.SourceKey);
        Assert.Equal(["A100"], Run.Details.Select(d => d.LocalKey)); // the second valid A100 row; the first rides on the record
        Assert.Equal("Sam", Run.Records[0].Record.Forename);
        Assert.Contains(Run.Records[0].Identifiers, i => i is { Kind: IdentifierKind.NhsNumber, Value: "9434765919", IsValid: true });
    }

    [Fact]
    public void Parse_ReleaseOneSpellings_MapToReleaseTwo()
    {
        var events = Run.All<AdultCareEvent>().ToList();
        Assert.Equal("Learning disability support", events[0].PrimarySupportReason);
        var service = events.Single(e => e.EventReference == "S1");
        Assert.Equal("Long term support: Community", service.ServiceType);
        Assert.Equal(650m, service.WeeklyCost);
        var kit = Run.Records.Single(r => r.Record.LocalKey == "A300").Details.OfType<AdultCareEvent>().Single();
        Assert.Equal("Physical support: Access and mobility only", kit.PrimarySupportReason);
        Assert.Equal(255m, kit.WeeklyCost); // 25.50 an hour for 10 hours a week
    }

    [Fact]
    public void Parse_Problems_AreReportedByLineAndColumn()
    {
        var messages = Run.Report.Problems.Select(p => p.ToString()).ToList();
        Assert.Contains("cld-sample.csv:4: Event Start Date: '31/02/2023' is not a real date (dd/mm/yyyy expected)", messages);
        Assert.Contains("cld-sample.csv:5: Date of Birth: is missing", messages);
        Assert.Contains("cld-sample.csv:6: LA Person Unique Identifier: person A200 was rejected at line 5; this event is rejected with them", messages);
        Assert.Contains("cld-sample.csv:7: LA Code: LA Code 888 is not this council (999); records are imported for 999", messages);
        Assert.Contains("cld-sample.csv:7: Service Type: 'Something else' is not a known value in either CLD release; kept as given", messages);
        Assert.Contains("cld-sample.csv:8: LA Person Unique Identifier: is missing: the row has no person id; the row is rejected", messages);
        Assert.Equal(4, Run.Report.Rejected); // the bad-date event, A200 and its second row, the row with no id
    }
}
