using System.Net;
using DocumentFormat.OpenXml.Packaging;
using Microsoft.EntityFrameworkCore;
using Waypoint.Core.Data;
using Waypoint.Core.Ingest;
using Waypoint.Core.Pathway;
using Waypoint.TestCommon;
using Waypoint.Web.Security;

namespace Waypoint.Web.Tests;

/// <summary>The decision record, advice and refusal letters downloaded as Word documents, as a practitioner meets them.</summary>
public class LetterDownloadTests(WaypointWebFactory web)
{
    private static readonly Practitioner Setup = new(Councils.DemoCouncilCode, "Test setup", Roles.TransitionsWorker);
    private static readonly HashSet<string> Used = [];

    /// <summary>
    /// A young person of the demo council with no transitions case, different for each test: taken from the end of the
    /// references' order, which the other page tests (first by id, first by reference) do not reach.
    /// </summary>
    private async Task<(string Reference, long PersonId)> YoungPersonAsync()
    {
        var seen = await web.SeenByAllAsync();
        await using var db = WaypointDatabase.Open(DatabaseProvider.Sqlite, web.DatabasePath);
        var taken = db.TransitionsCases.Select(c => c.PersonId);
        var candidates = await db.People.Where(p => p.CouncilCode == Councils.DemoCouncilCode && !taken.Contains(p.Id) && p.DateOfBirth != null)
            .OrderByDescending(p => p.Reference).Skip(10).Select(p => new { p.Reference, p.Id }).ToListAsync();
        lock (Used)
        {
            var chosen = candidates.First(c => !Used.Contains(c.Reference) && seen.Contains(c.Reference));
            Used.Add(chosen.Reference);
            return (chosen.Reference, chosen.Id);
        }
    }

    [Fact]
    public async Task DecisionRecord_DecidedCase_DownloadsAsAWordDocumentAndIsAudited()
    {
        var (reference, personId) = await YoungPersonAsync();
        await using (var db = WaypointDatabase.Open(DatabaseProvider.Sqlite, web.DatabasePath))
            await PathwayCases.ToDecidedAsync(db, Setup, reference, TimeProvider.System.GetUtcNow(), TestContext.Current.CancellationToken);
        var client = await web.SignedInAsync(Roles.TransitionsWorker);

        var response = await client.GetAsync($"/people/{reference}/letters/decision");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.wordprocessingml.document", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal($"decision-record-{reference}.docx", response.Content.Headers.ContentDisposition!.FileNameStar ?? response.Content.Headers.ContentDisposition.FileName);
        Assert.True(response.Headers.CacheControl!.NoStore);
        using (var document = WordprocessingDocument.Open(new MemoryStream(await response.Content.ReadAsByteArrayAsync()), false))
        {
            var text = document.MainDocumentPart!.Document.Body!.InnerText;
            Assert.Contains(reference, text, StringComparison.Ordinal);
            Assert.Contains("Eligible.", text, StringComparison.Ordinal);
        }
        // Eligible: there is no advice letter, and no refusal to write about.
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/people/{reference}/letters/advice")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/people/{reference}/letters/refusal")).StatusCode);

        await using var check = WaypointDatabase.Open(DatabaseProvider.Sqlite, web.DatabasePath);
        var audited = await check.AuditEvents.Where(a => a.PersonId == personId && a.Action.StartsWith("download-")).Select(a => new { a.Action, a.UserName }).ToListAsync();
        Assert.Equal([("download-decision-record", "Demo transitions worker")], audited.Select(a => (a.Action, a.UserName)));
    }

    [Fact]
    public async Task Letters_UndecidedCaseOrUnknownPerson_AreNotFound()
    {
        var (reference, personId) = await YoungPersonAsync();
        await using (var db = WaypointDatabase.Open(DatabaseProvider.Sqlite, web.DatabasePath))
            await PathwayCases.ToAssessingAsync(db, Setup, reference, 0, TimeProvider.System.GetUtcNow(), TestContext.Current.CancellationToken);
        var client = await web.SignedInAsync(Roles.Manager);

        foreach (var letter in new[] { "decision", "advice", "refusal" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/people/{reference}/letters/{letter}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/people/NO-SUCH-PERSON/letters/{letter}")).StatusCode);
        }
        await using var check = WaypointDatabase.Open(DatabaseProvider.Sqlite, web.DatabasePath);
        Assert.False(await check.AuditEvents.AnyAsync(a => a.PersonId == personId && a.Action.StartsWith("download-")));
    }

    [Theory]
    [InlineData(Roles.Commissioner)]
    [InlineData(Roles.Analyst)]
    public async Task Letters_RolesThatDoNotSeePeople_AreRefused(string role)
    {
        var client = await web.SignedInAsync(role);
        foreach (var letter in new[] { "decision", "advice", "refusal" })
        {
            var response = await client.GetAsync($"/people/ANYONE/letters/{letter}");
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/error/403", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        }
    }
}
