using Waypoint.Core.Ingest;
using Waypoint.Core.Involvements;
using Waypoint.Core.People;
using Waypoint.TestCommon;

namespace Waypoint.Core.Tests.Ingest;

public class Sen2ParserTests
{
    private static readonly ParserHarness Run = ParserHarness.Run(TestFiles.Data("sen2", "sen2-sample.xml"));

    [Fact]
    public void Parse_Person_KeysByPositionCountingRejectedOnes()
    {
        Assert.Equal(4, Run.Report.RecordsRead);
        Assert.Equal(["SEN2:sen2-sample.xml:1", "SEN2:sen2-sample.xml:3", "SEN2:sen2-sample.xml:4"], Run.Records.Select(r => r.Record.SourceKey));
    }

    [Fact]
    public void Parse_Person_ReadsNamesIdentifiersAndPlan()
    {
        var amy = Run.Records[0];
        Assert.Equal(("Amy", "Example", "F", "DM4 7QT"), (amy.Record.Forename, amy.Record.Surname, amy.Record.Sex, amy.Record.Postcode));
        Assert.Contains(amy.Identifiers, i => i is { Kind: IdentifierKind.Upn, Value: "Q999000000011", IsValid: true });
        Assert.Contains(amy.Identifiers, i => i is { Kind: IdentifierKind.Uln, Value: "1234567890", IsValid: true });
        var plan = Assert.Single(amy.Details.OfType<EhcPlan>());
        Assert.Equal(new DateOnly(2015, 3, 20), plan.StartDate);
        Assert.Null(plan.CeaseDate);
        Assert.Equal([("ASD", 1), ("SLCN", 2)], amy.Details.OfType<EhcNeed>().Select(n => (n.SenType, n.Rank ?? 0)));
        Assert.Equal(["named", "active"], amy.Details.OfType<EhcPlacement>().Select(p => p.Kind));
    }

    [Fact]
    public void Parse_ImpossibleBirthDate_RejectsThePerson()
    {
        Assert.Contains("sen2-sample.xml:73: Message/Persons/Person[2]/PersonBirthDate: '2009-02-30' is not a real date (yyyy-mm-dd expected)",
            Run.Problems(Severity.Error).Select(p => p.ToString()));
    }

    [Fact]
    public void Parse_BadIdentifiersAndCodes_AreWarningsAndKept()
    {
        var mo = Run.Records[1];
        Assert.Equal("M", mo.Record.Sex);
        Assert.Equal("NOTAPOSTCODE", mo.Record.Postcode);
        Assert.Contains(mo.Identifiers, i => i is { Kind: IdentifierKind.Upn, Value: "A999000000022", IsValid: false });
        Assert.Contains(mo.Identifiers, i => i is { Kind: IdentifierKind.Uln, Value: "123", IsValid: false });
        var warnings = Run.Problems(Severity.Warning).Select(p => p.Field).ToList();
        Assert.Contains("Message/Persons/Person[3]/PostCode", warnings);
        Assert.Contains("Message/Persons/Person[3]/UPN", warnings);
        Assert.Contains("Message/Persons/Person[4]/Requests[1]/ActivePlans/SENneed/SENtype", warnings);
        // A request without its received date is rejected; the person stays.
        Assert.Contains(Run.Problems(Severity.Error), p => p.Field == "Message/Persons/Person[3]/Requests[1]/ReceivedDate");
        Assert.Empty(mo.Details);
    }
}
