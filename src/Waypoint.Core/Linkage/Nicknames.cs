using System.Collections.Frozen;

namespace Waypoint.Core.Linkage;

/// <summary>
/// Everyday short forms of English given names: a young person is often "Christopher" to the school census and
/// "Chris" to adult social care. Each line is one family of names; two names match when they share a family.
/// </summary>
internal static class Nicknames
{
    private static readonly string[] Families =
    [
        "ABIGAIL ABI ABBIE ABBY GAIL",
        "ALEXANDER ALEX ALEC XANDER SANDY",
        "ALEXANDRA ALEX LEXI LEXIE SANDRA ALEXA",
        "ALFRED ALFIE ALF FRED",
        "ANDREW ANDY DREW",
        "ANTHONY TONY ANT",
        "ARCHIBALD ARCHIE",
        "BENJAMIN BEN BENJI BENNY",
        "BRADLEY BRAD",
        "CALLUM CAL",
        "CAMERON CAM",
        "CATHERINE CATH CATHY KATE KATIE KAT",
        "KATHERINE KATH KATHY KATE KATIE KAT",
        "CHARLES CHARLIE CHAS CHARLEY",
        "CHARLOTTE CHARLIE LOTTIE LOTTE",
        "CHRISTOPHER CHRIS KIT TOPHER",
        "CHRISTINA CHRISTINE CHRIS TINA",
        "DANIEL DAN DANNY",
        "DANIELLE DANI",
        "DAVID DAVE DAVEY",
        "DOMINIC DOM",
        "EDWARD ED EDDIE TED TEDDY NED",
        "ELEANOR ELLIE NELL NELLIE ELLA",
        "ELIZABETH BETH LIZ LIZZIE LIZZY ELIZA BETTY LIBBY ELSIE",
        "EMILY EM EMMY MILLIE",
        "FREDERICK FRED FREDDIE FREDDY",
        "GABRIEL GABE",
        "GABRIELLA GABBY GABI ELLA",
        "HARRISON HARRY",
        "HENRY HARRY HAL HANK",
        "ISABELLA ISABEL ISABELLE BELLA IZZY IZZIE ISSY",
        "JACOB JAKE JAKEY",
        "JAMES JIM JIMMY JAMIE JAMESY",
        "JENNIFER JEN JENNY JENNI",
        "JESSICA JESS JESSIE",
        "JONATHAN JON JONNY JOHNNY",
        "JOHN JACK JOHNNY",
        "JOSEPH JOE JOEY",
        "JOSHUA JOSH",
        "KIMBERLEY KIMBERLY KIM",
        "LEONARDO LEONARD LEO LENNY",
        "MARGARET MAGGIE MEG PEGGY",
        "MATTHEW MATT MATTY",
        "MICHAEL MIKE MICK MICKEY MIKEY",
        "NATHAN NATE",
        "NATHANIEL NATHAN NATE NAT",
        "NATALIE NAT TALIA",
        "NICHOLAS NICK NICKY",
        "NICOLA NIKKI NICKY",
        "OLIVER OLLIE OLLY",
        "OLIVIA LIV LIVVY LIVIA",
        "PATRICK PAT PADDY",
        "PATRICIA PAT PATSY TRICIA",
        "PETER PETE",
        "REBECCA BECKY BECCA BEX",
        "RICHARD RICH RICHIE DICK RICKY",
        "ROBERT ROB ROBBIE BOB BOBBY BERT",
        "SAMANTHA SAM SAMMY",
        "SAMUEL SAM SAMMY",
        "SEBASTIAN SEB",
        "SOPHIA SOPHIE SOPH",
        "STEPHEN STEVEN STEVE STEVIE",
        "SUSAN SUE SUSIE SUZY",
        "THEODORE THEO TED TEDDY",
        "THOMAS TOM TOMMY",
        "TIMOTHY TIM TIMMY",
        "VICTORIA VICKY TORI VIC",
        "WILLIAM WILL BILL BILLY LIAM WILLIE",
        "ZACHARY ZACH ZAC ZACK",
    ];

    // Each name and the families it belongs to (a name such as SAM or HARRY belongs to several).
    private static readonly FrozenDictionary<string, int[]> FamiliesOf = Families
        .SelectMany((family, index) => family.Split(' ').Select(name => (name, index)))
        .GroupBy(x => x.name, StringComparer.Ordinal)
        .ToFrozenDictionary(g => g.Key, g => g.Select(x => x.index).ToArray(), StringComparer.Ordinal);

    /// <summary>True when the two (normalised, upper-case) names are forms of the same name.</summary>
    public static bool Same(string a, string b) =>
        FamiliesOf.TryGetValue(a, out var familiesA) && FamiliesOf.TryGetValue(b, out var familiesB) && familiesA.Intersect(familiesB).Any();
}
