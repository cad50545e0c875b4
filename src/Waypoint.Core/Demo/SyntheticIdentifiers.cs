using System.Globalization;

namespace Waypoint.Core.Demo;

/// <summary>
/// Identifiers for synthetic people. Each is a keyed permutation of the person's index, so two
/// people can never share one, the numbers look scattered rather than sequential, and nothing
/// needs to be remembered between people.
/// </summary>
internal sealed class SyntheticIdentifiers
{
    private const long ChildIdBase = 1_000_000;
    private const long ChildIdRange = 9_000_000;
    private const int NhsCandidatesPerPerson = 16;

    // Other councils' codes, for the rare child whose first UPN was issued elsewhere (CIN FormerUPN).
    private static readonly string[] OtherCouncilCodes = ["201", "316", "373", "850", "873", "925"];

    // Fictional postcode areas (none is a real UK area) for placements outside the council.
    private static readonly string[] OtherAreas = ["DV", "DQ", "QL", "QN", "VR", "XE", "ZW", "JQ"];

    // Inward-code letters: the Royal Mail never uses C, I, K, M, O or V there.
    private const string InwardLetters = "ABDEFGHJLNPQRSTUWXYZ";

    private readonly string _councilCode;
    private readonly ulong _childKey, _upnKey, _formerUpnKey, _nhsKey, _ulnKey, _adultKey;

    public SyntheticIdentifiers(int seed, string councilCode)
    {
        _councilCode = councilCode;
        var root = DemoRandom.SplitMix((ulong)(uint)seed ^ 0x5741_5950_4F49_4E54UL);
        _childKey = DemoRandom.SplitMix(root ^ 1);
        _upnKey = DemoRandom.SplitMix(root ^ 2);
        _formerUpnKey = DemoRandom.SplitMix(root ^ 3);
        _nhsKey = DemoRandom.SplitMix(root ^ 4);
        _ulnKey = DemoRandom.SplitMix(root ^ 5);
        _adultKey = DemoRandom.SplitMix(root ^ 6);
    }

    /// <summary>The council's child id (903 CHILD, CIN LAchildID, CLD person id): seven digits.</summary>
    public string ChildId(int index) =>
        (ChildIdBase + Permute(index, ChildIdRange, _childKey)).ToString(CultureInfo.InvariantCulture);

    /// <summary>An adult-only person id; the letter keeps it apart from every child id.</summary>
    public string AdultId(int index) =>
        "A" + (ChildIdBase + Permute(index, ChildIdRange, _adultKey)).ToString(CultureInfo.InvariantCulture);

    /// <summary>A valid UPN issued by this council: check letter, council code, nine digits.</summary>
    public string Upn(int index) => WithCheckLetter(_councilCode, Permute(index, 1_000_000_000, _upnKey));

    /// <summary>A valid UPN issued by another council (used as a FormerUPN).</summary>
    public string FormerUpn(int index) =>
        WithCheckLetter(OtherCouncilCodes[index % OtherCouncilCodes.Length], Permute(index, 1_000_000_000, _formerUpnKey));

    /// <summary>
    /// A valid NHS number starting with 9 (a range never issued to patients in England, so it
    /// cannot be a real person's). Candidates whose check digit would be 10 are skipped.
    /// </summary>
    public string NhsNumber(int index)
    {
        for (var k = 0; k < NhsCandidatesPerPerson; k++)
        {
            var nine = "9" + Permute((long)index * NhsCandidatesPerPerson + k, 100_000_000, _nhsKey).ToString("D8", CultureInfo.InvariantCulture);
            var check = People.NhsNumber.CheckDigit(nine);
            if (check is not null) return nine + check.Value.ToString(CultureInfo.InvariantCulture);
        }
        throw new InvalidOperationException("No NHS number candidate had a valid check digit.");
    }

    /// <summary>A unique learner number: ten digits.</summary>
    public string Uln(int index) => "7" + Permute(index, 1_000_000_000, _ulnKey).ToString("D9", CultureInfo.InvariantCulture);

    /// <summary>A postcode in the demo council's own (fictional) DM area.</summary>
    public static string HomePostcode(DemoRandom random) =>
        "DM" + random.Between(1, 9).ToString(CultureInfo.InvariantCulture) + " " + Inward(random);

    /// <summary>A shape-valid postcode outside the council's area.</summary>
    public static string OtherAreaPostcode(DemoRandom random) =>
        random.Pick(OtherAreas) + random.Between(1, 29).ToString(CultureInfo.InvariantCulture) + " " + Inward(random);

    private static string Inward(DemoRandom random) =>
        string.Create(3, random, static (span, r) =>
        {
            span[0] = (char)('0' + r.Next(10));
            span[1] = InwardLetters[r.Next(InwardLetters.Length)];
            span[2] = InwardLetters[r.Next(InwardLetters.Length)];
        });

    private static string WithCheckLetter(string councilCode, long nineDigits)
    {
        var body = councilCode + nineDigits.ToString("D9", CultureInfo.InvariantCulture);
        return People.Upn.CheckLetter(body) + body;
    }

    /// <summary>
    /// A keyed bijection on [0, domain): a four-round Feistel network over the smallest even
    /// number of bits that covers the domain, walking the cycle until the value falls inside it.
    /// </summary>
    internal static long Permute(long value, long domain, ulong key)
    {
        var bits = 2;
        while (1L << bits < domain) bits += 2;
        var half = bits / 2;
        var mask = (1UL << half) - 1;
        var x = (ulong)value;
        do
        {
            var left = x >> half;
            var right = x & mask;
            for (var round = 0UL; round < 4; round++)
            {
                var f = DemoRandom.SplitMix(right ^ key ^ (round * 0x9E3779B97F4A7C15UL)) & mask;
                (left, right) = (right, left ^ f);
            }
            x = (left << half) | right;
        }
        while (x >= (ulong)domain);
        return (long)x;
    }
}
