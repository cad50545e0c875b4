using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Waypoint.Core.Data;
using Waypoint.Web.Security;

namespace Waypoint.Web.Tests;

/// <summary>The tracker's and the person page's JSON twins: the same people, the same policy, the same audit.</summary>
public class PeopleApiTests(WaypointWebFactory web)
{
    [Fact]
    public async Task People_FilteredByStage_MatchTheTrackerAndSearchStaysOutOfTheUrl()
    {
        var client = await web.SignedInAsync(Roles.Manager);

        var referred = await client.GetFromJsonAsync<JsonElement>("/api/people?stage=Referred&pageSize=500");
        var people = referred.GetProperty("people").EnumerateArray().ToList();
        Assert.NotEmpty(people);
        Assert.All(people, p => Assert.Equal("Referred", p.GetProperty("stage").GetString()));
        Assert.Equal(referred.GetProperty("total").GetInt32(), people.Count);
        var page = await WaypointWebFactory.HtmlAsync(await client.GetAsync("/?stage=Referred"));
        Assert.Contains(people.Count.ToString("N0", System.Globalization.CultureInfo.InvariantCulture), page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);

        var named = people.First(p => !p.GetProperty("displayName").GetString()!.StartsWith("Child ", StringComparison.Ordinal));
        var searched = await client.PostAsJsonAsync("/api/people/search", new { search = named.GetProperty("displayName").GetString(), stage = "Referred" });
        var found = (await searched.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("people").EnumerateArray().Select(p => p.GetProperty("reference").GetString()).ToList();
        Assert.Contains(named.GetProperty("reference").GetString(), found);
        Assert.True(found.Count < people.Count);
    }

    [Fact]
    public async Task Person_IsReturnedAndAudited_AndRefusedToRolesThatSeeNoPeople()
    {
        await using var db = WaypointDatabase.Open(DatabaseProvider.Sqlite, web.DatabasePath);
        var client = await web.SignedInAsync(Roles.HealthPractitioner);
        // One of the young people the health practitioner may see, as the list gives them.
        var listed = (await client.GetFromJsonAsync<JsonElement>("/api/people?pageSize=20")).GetProperty("people").EnumerateArray().Select(p => p.GetProperty("reference").GetString()).ToList();
        var reference = listed[^1];
        var person = await db.People.SingleAsync(p => p.Reference == reference);

        var detail = await client.GetFromJsonAsync<JsonElement>($"/api/people/{person.Reference}");
        Assert.Equal(person.Reference, detail.GetProperty("person").GetProperty("reference").GetString());
        Assert.True(await db.AuditEvents.AnyAsync(a => a.PersonId == person.Id && a.Action == "view-person" && a.Detail == "api" && a.Role == Roles.HealthPractitioner));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/people/NOSUCHPERSON")).StatusCode);

        var commissioner = await web.SignedInAsync(Roles.Commissioner);
        Assert.Equal(HttpStatusCode.Forbidden, (await commissioner.GetAsync($"/api/people/{person.Reference}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await commissioner.GetAsync("/api/people")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await web.Anonymous().GetAsync("/api/people")).StatusCode);
    }
}
