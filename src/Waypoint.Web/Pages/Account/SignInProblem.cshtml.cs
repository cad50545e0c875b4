using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Waypoint.Web.Pages.Account;

/// <summary>
/// Where a sign-in through the council's identity provider ends when Waypoint refuses it or it cannot finish
/// (Security/IdentityProviderSignIn.cs). Nobody is signed in here, so anyone may reach it; it names nobody.
/// </summary>
[AllowAnonymous]
public sealed class SignInProblemModel : PageModel
{
    /// <summary>The provider gave no Waypoint role, or more than one.</summary>
    public const string NoRole = "no-role";

    /// <summary>The provider's answer was forged, stale or a refusal, such as a sign-in cancelled there.</summary>
    public const string NotCompleted = "not-completed";

    public static string Path(string reason) => "/sign-in/problem/" + reason;

    public string Heading { get; private set; } = "";
    public IReadOnlyList<string> Advice { get; private set; } = [];

    public IActionResult OnGet(string reason)
    {
        switch (reason)
        {
            case NoRole:
                Heading = "You cannot use Waypoint yet";
                Advice =
                [
                    "Your council account has not been given a role in Waypoint, or it has been given more than one. Everyone who uses Waypoint has exactly one role, such as transitions worker or team manager.",
                    "Ask your administrator to give your account one Waypoint role, then sign in again.",
                ];
                Response.StatusCode = StatusCodes.Status403Forbidden;
                return Page();
            case NotCompleted:
                Heading = "Sign in did not complete";
                Advice = ["Go back to the sign-in page and try again. If it happens again, ask your administrator for help."];
                Response.StatusCode = StatusCodes.Status400BadRequest;
                return Page();
            default:
                return NotFound();
        }
    }
}
