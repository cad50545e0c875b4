using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Waypoint.Web.Pages.Errors;

/// <summary>Error pages in GOV.UK wording. They never echo the request, so nothing personal can leak into them.</summary>
[IgnoreAntiforgeryToken]
public sealed class ErrorModel : PageModel
{
    public string Heading { get; private set; } = "";
    public IReadOnlyList<string> Advice { get; private set; } = [];

    public void OnGet(int code) => Set(code);

    public void OnPost(int code) => Set(code);

    private void Set(int code)
    {
        (Heading, Advice) = code switch
        {
            404 => ("Page not found", (IReadOnlyList<string>)["If you typed the web address, check it is correct.", "If you pasted the web address, check you copied the entire address."]),
            403 => ("You do not have permission to see this page", ["Your role does not give access to it. If you think it should, ask your manager."]),
            _ => ("Sorry, there is a problem with the service", ["Try again later. Nothing you had saved has been lost."]),
        };
        Response.StatusCode = code is 404 or 403 ? code : 500;
    }
}
