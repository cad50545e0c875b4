using System.Net;
using Microsoft.EntityFrameworkCore;
using Waypoint.Core.Data;
using Waypoint.Core.Linkage;
using Waypoint.Web.Security;

namespace Waypoint.Web.Tests;

/// <summary>The review queue, read only, on the shared demo (its realistic noise leaves pairs to review).</summary>
public class MatchPageTests(WaypointWebFactory web)
{
    private async Task<long> FirstPendingAsync()
    {
        await using var db = WaypointDatabase.Open(DatabaseProvider.Sqlite, web.DatabasePath);
        return await db.PossibleMatches.Where(m => m.Status == MatchStatus.Pending).OrderByDescending(m => m.Probability).Select(m => m.Id).FirstAsync();
    }

    [Fact]
    public async Task Queue_ListsPossibleMatchesMostLikelyFirst_AndIsAudited()
    {
        var client = await web.SignedInAsync(Roles.TransitionsWorker);
        var page = await WaypointWebFactory.HtmlAsync(await client.GetAsync("/matches"));

        var rows = page.QuerySelectorAll("#matches tbody tr");
        Assert.NotEmpty(rows);
        Assert.All(rows, r => Assert.StartsWith("/matches/", r.QuerySelector("a")!.GetAttribute("href"), StringComparison.Ordinal));
        Assert.Equal("/matches/" + await FirstPendingAsync(), rows[0].QuerySelector("a")!.GetAttribute("href"));
        Assert.Contains("date of birth", page.QuerySelector("#matches")!.TextContent, StringComparison.Ordinal); // what agrees, in words
        Assert.Contains(page.QuerySelectorAll("nav a"), a => a.GetAttribute("href") == "/matches");
        await using var db = WaypointDatabase.Open(DatabaseProvider.Sqlite, web.DatabasePath);
        Assert.True(await db.AuditEvents.AnyAsync(a => a.Action == "view-match-queue"));
    }

    [Fact]
    public async Task Review_ShowsBothPeopleSideBySideWithEachFieldsWeight_AndAuditsBoth()
    {
        var client = await web.SignedInAsync(Roles.TransitionsWorker);
        var id = await FirstPendingAsync();
        var page = await WaypointWebFactory.HtmlAsync(await client.GetAsync($"/matches/{id}"));

        Assert.Equal("Are these the same young person?", page.QuerySelector("h1")!.TextContent);
        var fields = page.QuerySelectorAll("#comparison tbody th").Select(th => th.TextContent).ToList();
        Assert.Equal(["First name", "Last name", "Date of birth", "Sex", "Postcode", "UPN", "NHS number", "Records"], fields);
        Assert.Equal(2, page.QuerySelectorAll("#comparison thead a[href^='/people/']").Length);
        Assert.NotNull(page.QuerySelector("input[name=Decision][value=same]"));
        await using var db = WaypointDatabase.Open(DatabaseProvider.Sqlite, web.DatabasePath);
        Assert.Equal(2, await db.AuditEvents.Where(a => a.Action == "view-possible-match" && a.Detail == $"possible match {id}").Select(a => a.PersonId).Distinct().CountAsync());
    }

    [Fact]
    public async Task Review_WithoutADecisionOrReason_ShowsErrorsLinkedToTheFields_AndChangesNothing()
    {
        var client = await web.SignedInAsync(Roles.TransitionsWorker);
        var id = await FirstPendingAsync();
        var token = await WaypointWebFactory.TokenAsync(await client.GetAsync($"/matches/{id}"));
        var response = await client.PostAsync($"/matches/{id}", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));

        var page = await WaypointWebFactory.HtmlAsync(response);
        var links = page.QuerySelectorAll(".govuk-error-summary__list a").ToList();
        Assert.Equal(["Select whether they are the same person", "Enter why you decided this"], links.Select(a => a.TextContent));
        Assert.All(links, a => Assert.NotNull(page.GetElementById(a.GetAttribute("href")![1..])));
        Assert.StartsWith("Error: ", page.Title, StringComparison.Ordinal);
        await using var db = WaypointDatabase.Open(DatabaseProvider.Sqlite, web.DatabasePath);
        Assert.Equal(MatchStatus.Pending, (await db.PossibleMatches.SingleAsync(m => m.Id == id)).Status);
    }

    [Theory]
    [InlineData("/matches")]
    [InlineData("/matches/1")]
    [InlineData("/people/ANYONE/merge")]
    [InlineData("/people/ANYONE/split")]
    public async Task Analysts_CannotReviewMergeOrSplit(string path)
    {
        var client = await web.SignedInAsync(Roles.Analyst);
        var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/error/403", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }
}

/// <summary>A demo of its own, for tests that change who is who.</summary>
public sealed class SeparateWebFactory : WaypointWebFactory;

/// <summary>Deciding, merging and splitting through the pages, on a demo of their own.</summary>
public class LinkChangePageTests(SeparateWebFactory web) : IClassFixture<SeparateWebFactory>
{
    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string path, Dictionary<string, string> form)
    {
        form["__RequestVerificationToken"] = await WaypointWebFactory.TokenAsync(await client.GetAsync(path));
        return await client.PostAsync(path, new FormUrlEncodedContent(form));
    }

    [Fact]
    public async Task Decide_SamePerson_MergesThemAndSaysSo_ThenSplitAndMergeByHand()
    {
        var client = await web.SignedInAsync(Roles.TransitionsWorker);
        long id;
        int pendingBefore;
        await using (var db = WaypointDatabase.Open(DatabaseProvider.Sqlite, web.DatabasePath))
        {
            pendingBefore = await db.PossibleMatches.CountAsync(m => m.Status == MatchStatus.Pending);
            // The likeliest pending match of a young person the transitions worker may open (not, say, an adult of 26-30 or
            // a young child), as the split after the merge needs.
            var candidates = await db.PossibleMatches.Where(m => m.Status == MatchStatus.Pending).OrderByDescending(m => m.Probability)
                .Select(m => new { m.Id, Person = db.RecordLinks.Where(l => l.SourceRecordId == m.RecordId).Select(l => l.PersonId).First() })
                .ToListAsync();
            id = 0;
            foreach (var candidate in candidates)
            {
                var candidateReference = await db.People.Where(p => p.Id == candidate.Person).Select(p => p.Reference).SingleAsync();
                if ((await client.GetAsync($"/people/{candidateReference}")).StatusCode != HttpStatusCode.OK) continue;
                id = candidate.Id;
                break;
            }
            Assert.True(id != 0, "No pending possible match of a young person a transitions worker may open in the demo.");
        }

        var decided = await PostAsync(client, $"/matches/{id}", new() { ["Decision"] = "same", ["Reason"] = "Same school and home in the case notes" });
        Assert.True(decided.StatusCode == HttpStatusCode.Redirect, (await WaypointWebFactory.HtmlAsync(decided)).QuerySelector("main")?.TextContent);
        var queue = await WaypointWebFactory.HtmlAsync(await client.GetAsync(decided.Headers.Location!.OriginalString));
        Assert.StartsWith("Merged:", queue.QuerySelector(".govuk-notification-banner__heading")!.TextContent, StringComparison.Ordinal);

        string reference;
        List<long> records;
        await using (var db = WaypointDatabase.Open(DatabaseProvider.Sqlite, web.DatabasePath))
        {
            Assert.True(await db.PossibleMatches.CountAsync(m => m.Status == MatchStatus.Pending) < pendingBefore);
            var decision = await db.LinkDecisions.SingleAsync(d => d.PossibleMatchId == id);
            Assert.Equal(("same-person", "Same school and home in the case notes"), (decision.Decision, decision.Reason));
            var personId = await db.RecordLinks.Where(l => l.SourceRecordId == decision.RecordId).Select(l => l.PersonId).SingleAsync();
            Assert.Equal(personId, await db.RecordLinks.Where(l => l.SourceRecordId == decision.OtherRecordId).Select(l => l.PersonId).SingleAsync());
            Assert.Equal(2, await db.AuditEvents.CountAsync(a => a.Action == "merge-people" && a.Detail == $"possible match {id}"));
            reference = await db.People.Where(p => p.Id == personId).Select(p => p.Reference).SingleAsync();
            records = await db.RecordLinks.Where(l => l.PersonId == personId).OrderByDescending(l => l.SourceRecordId).Select(l => l.SourceRecordId).ToListAsync();
        }

        // The merge undone by hand: the newest record moves to a new person, then the two are merged again.
        var split = await PostAsync(client, $"/people/{reference}/split", new() { ["Move"] = records[0].ToString(System.Globalization.CultureInfo.InvariantCulture), ["Reason"] = "Checked again: a cousin" });
        Assert.Equal(HttpStatusCode.Redirect, split.StatusCode);
        var newPerson = await WaypointWebFactory.HtmlAsync(await client.GetAsync(split.Headers.Location!.OriginalString));
        Assert.Contains("moved to a new person", newPerson.QuerySelector(".govuk-notification-banner__heading")!.TextContent, StringComparison.Ordinal);
        var newReference = split.Headers.Location!.OriginalString.Split('/')[2];
        Assert.NotEqual(reference, newReference);

        var merged = await PostAsync(client, $"/people/{newReference}/merge", new() { ["OtherReference"] = reference, ["Reason"] = "Checked a third time: the same child" });
        Assert.Equal($"/people/{reference}", merged.Headers.Location!.OriginalString); // the older person keeps everything
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/people/{newReference}")).StatusCode);
    }

    [Fact]
    public async Task SplitAndMerge_RefusedOrIncomplete_ExplainWhy()
    {
        var client = await web.SignedInAsync(Roles.Manager);
        string reference;
        await using (var db = WaypointDatabase.Open(DatabaseProvider.Sqlite, web.DatabasePath))
            reference = await db.People.OrderBy(p => p.Id).Select(p => p.Reference).FirstAsync();

        var nothing = await WaypointWebFactory.HtmlAsync(await PostAsync(client, $"/people/{reference}/split", new() { ["Reason"] = "" }));
        Assert.Equal(["Select the records to move", "Enter why you are making this change"], nothing.QuerySelectorAll(".govuk-error-summary__list a").Select(a => a.TextContent));

        var self = await WaypointWebFactory.HtmlAsync(await PostAsync(client, $"/people/{reference}/merge", new() { ["OtherReference"] = reference, ["Reason"] = "test" }));
        Assert.Contains("That is the same person", self.QuerySelector(".govuk-error-summary")!.TextContent, StringComparison.Ordinal);
        var unknown = await WaypointWebFactory.HtmlAsync(await PostAsync(client, $"/people/{reference}/merge", new() { ["OtherReference"] = "NOSUCHONE", ["Reason"] = "test" }));
        Assert.Contains("There is no person with the reference NOSUCHONE", unknown.QuerySelector(".govuk-error-summary")!.TextContent, StringComparison.Ordinal);
    }
}
