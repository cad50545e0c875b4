using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Waypoint.Web.Security;

namespace Waypoint.Web.Tests;

/// <summary>
/// One deployment serving several councils from one database (issue 10): the council code on every person-level row
/// keeps them apart. Staff of council 991, on a host serving it from the page tests' database (which holds the demo
/// council's people), find none of the demo council's people: not in the list, not by reference on a page or the API,
/// not by name. Each lookup is first shown to work for the demo council's own staff, so the test can fail.
/// </summary>
public class CouncilSeparationTests(WaypointWebFactory web)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AnotherCouncilsStaff_FindNoneOfTheDemoCouncilsPeople_ByListReferenceOrName()
    {
        var own = await web.SignedInAsync(Roles.Manager);
        var listed = (await own.GetFromJsonAsync<JsonElement>("/api/people?pageSize=20", Ct)).GetProperty("people").EnumerateArray()
            .First(p => !p.GetProperty("displayName").GetString()!.StartsWith("Child ", StringComparison.Ordinal));
        var (reference, name) = (listed.GetProperty("reference").GetString()!, listed.GetProperty("displayName").GetString()!);
        Assert.Equal(HttpStatusCode.OK, (await own.GetAsync($"/people/{reference}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await own.GetAsync($"/api/people/{reference}", Ct)).StatusCode);
        Assert.Contains(reference, await FoundAsync(own, name));

        await using var host = new CouncilHost(web.DatabasePath, "991");
        foreach (var role in new[] { Roles.Manager, Roles.TransitionsWorker, Roles.DataProtectionOfficer })
        {
            var other = await WaypointWebFactory.SignedInAsync(host, role);
            if (role != Roles.DataProtectionOfficer)
            {
                Assert.Equal(0, (await other.GetFromJsonAsync<JsonElement>("/api/people?pageSize=500", Ct)).GetProperty("total").GetInt32());
                Assert.Empty(await FoundAsync(other, name));
            }
            // The same answer as for a reference that does not exist (not found; the audit role, refused either way): not
            // even that the person exists elsewhere.
            foreach (var path in new[] { "/people/{0}", "/api/people/{0}" })
            {
                var theirs = await other.GetAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, path, reference), Ct);
                var none = await other.GetAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, path, "NOSUCHPERSON"), Ct);
                Assert.Equal((none.StatusCode, none.Headers.Location?.AbsolutePath), (theirs.StatusCode, theirs.Headers.Location?.AbsolutePath));
                Assert.True(role == Roles.DataProtectionOfficer || theirs.StatusCode == HttpStatusCode.NotFound, $"{role} {path}: {theirs.StatusCode}");
            }
        }
    }

    private static async Task<List<string?>> FoundAsync(HttpClient client, string name)
    {
        var searched = await client.PostAsJsonAsync("/api/people/search", new { search = name }, Ct);
        searched.EnsureSuccessStatusCode();
        return [.. (await searched.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("people").EnumerateArray().Select(p => p.GetProperty("reference").GetString())];
    }
}
