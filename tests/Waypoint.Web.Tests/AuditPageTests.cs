using System.Net;
using Microsoft.EntityFrameworkCore;
using Waypoint.Core.Data;
using Waypoint.Web.Security;

namespace Waypoint.Web.Tests;

/// <summary>The data protection officer's audit trail: who viewed a young person, what a user did; for the DPO only, and itself audited.</summary>
public class AuditPageTests(WaypointWebFactory web)
{
    [Fact]
    public async Task AudiTrail_WhoViewedAPersonAndWhatAUserDid_ShownToTheDpoOnlyAndAudited()
    {
        var reference = (await web.PeopleAsync(Roles.SocialWorker))[5];
        var social = await web.SignedInAsync(Roles.SocialWorker);
        Assert.Equal(HttpStatusCode.OK, (await social.GetAsync($"/people/{reference}")).StatusCode);

        var dpo = await web.SignedInAsync(Roles.DataProtectionOfficer);
        var byPerson = await WaypointWebFactory.HtmlAsync(await dpo.GetAsync($"/audit?person={reference}"));
        var rows = byPerson.QuerySelectorAll("#audit tbody tr").Select(r => r.TextContent).ToList();
        Assert.Contains(rows, r => r.Contains("Demo social worker", StringComparison.Ordinal) && r.Contains("view-person", StringComparison.Ordinal));
        var byUser = await WaypointWebFactory.HtmlAsync(await dpo.GetAsync("/audit?user=Demo%20social%20worker"));
        Assert.Contains(byUser.QuerySelectorAll("#audit tbody tr"), r => r.TextContent.Contains(reference, StringComparison.Ordinal));
        var unknown = await WaypointWebFactory.HtmlAsync(await dpo.GetAsync("/audit?person=NOSUCHONE"));
        Assert.Contains("There is no young person with that reference", unknown.QuerySelector(".govuk-error-summary")!.TextContent, StringComparison.Ordinal);

        // Only the DPO reads the trail; their reading is itself in it.
        Assert.StartsWith("/error/403", (await social.GetAsync($"/audit?person={reference}")).Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        await using var check = WaypointDatabase.Open(DatabaseProvider.Sqlite, web.DatabasePath);
        Assert.True(await check.AuditEvents.CountAsync(a => a.Action == "view-audit" && a.UserName == "Demo data protection officer", TestContext.Current.CancellationToken) >= 3);
    }
}
