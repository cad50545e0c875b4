using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Waypoint.Web.Pages.Account;

public sealed class SignOutModel : PageModel
{
    public IActionResult OnGet() => Redirect("/");

    public async Task<IActionResult> OnPostAsync()
    {
        // Someone who signed in through the council's identity provider is signed out there too, so the next person at
        // this computer is asked who they are rather than signed straight back in.
        if (User.Identity?.AuthenticationType == OpenIdConnectDefaults.AuthenticationScheme)
            return SignOut(new AuthenticationProperties { RedirectUri = "/sign-in" }, CookieAuthenticationDefaults.AuthenticationScheme, OpenIdConnectDefaults.AuthenticationScheme);
        await HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return Redirect("/sign-in");
    }
}
