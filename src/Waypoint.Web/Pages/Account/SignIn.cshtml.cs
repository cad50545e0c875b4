using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Waypoint.Web.Security;

namespace Waypoint.Web.Pages.Account;

// Posts here (the demo sign-in, and the start of signing in with the council's identity provider) are limited per client address.
[EnableRateLimiting(SignInLimit.Policy)]
public sealed class SignInModel(WaypointSettings settings, IAuthenticationSchemeProvider schemes) : PageModel
{
    public bool DemoMode => settings.Demo;
    public bool SingleSignOn { get; private set; }
    public string? Error { get; private set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public async Task OnGetAsync() => SingleSignOn = await schemes.GetSchemeAsync(OpenIdConnectDefaults.AuthenticationScheme) is not null;

    /// <summary>Demo sign-in: only when Waypoint:Demo is true; otherwise there is nothing to post to.</summary>
    public async Task<IActionResult> OnPostAsync(string? role)
    {
        if (!settings.Demo) return NotFound();
        var user = DemoUsers.All.FirstOrDefault(u => u.Role == role);
        if (user is null)
        {
            Error = "Select the role you want to sign in as";
            return Page();
        }
        var identity = new ClaimsIdentity(
        [
            new Claim(ClaimTypes.Name, user.Name),
            new Claim(ClaimTypes.Role, user.Role),
            new Claim(WaypointClaims.CouncilCode, settings.CouncilCode),
            new Claim(WaypointClaims.TeamClaim, user.Team),
            new Claim(ClaimTypes.Email, user.Email),
        ], CookieAuthenticationDefaults.AuthenticationScheme);
        await HttpContext.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(identity));
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
    }

    public IActionResult OnPostSingleSignOn() =>
        Challenge(new AuthenticationProperties { RedirectUri = Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/" }, OpenIdConnectDefaults.AuthenticationScheme);
}
