using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Waypoint.Web.Pages.Errors;

/// <summary>Error pages in GOV.UK wording. They never echo the request, so nothing personal can leak into them.</summary>
[IgnoreAntiforgeryToken]
public sealed class ErrorModel : PageModel
{
    public string Heading { get; private set; } = "";
    public IReadOnlyList<string> Advice { get; private set; } = [];

    public void OnGet() => Set();

    // The code comes from the route, never a bound parameter: binding one reads the posted form, and a form re-executed
    // here may have been read already (the streamed upload) or be what could not be read.
    public void OnPost() => Set();

    private void Set()
    {
        var code = int.TryParse(RouteData.Values["code"] as string, System.Globalization.CultureInfo.InvariantCulture, out var routed) ? routed : 500;
        (Heading, Advice) = code switch
        {
            404 => ("Page not found", (IReadOnlyList<string>)["If you typed the web address, check it is correct.", "If you pasted the web address, check you copied the entire address."]),
            403 => ("You do not have permission to see this page", ["Your role does not give access to it. If you think it should, ask your manager."]),
            // A form that could not be read, such as one sent without its antiforgery token or after the page had expired.
            400 => ("Sorry, there is a problem with the service", ["What was sent could not be read. Go back, reload the page and try again."]),
            // The sign-in limit (Security/SignInLimit.cs); nothing else answers 429.
            429 => ("Too many attempts to sign in", ["Wait a minute and try again."]),
            _ => ("Sorry, there is a problem with the service", ["Try again later. Nothing you had saved has been lost."]),
        };
        Response.StatusCode = code is 400 or 403 or 404 or 429 ? code : 500;
    }
}
