using CsCheck;
using Waypoint.Core.People;

namespace Waypoint.Core.Tests.People;

public class IdentifierTests
{
    [Theory]
    [InlineData("Q999000000011", true)]
    [InlineData("V201000000055", true)]
    [InlineData("A999000000011", false)] // wrong check letter
    [InlineData("I999000000011", false)] // I is not in the check alphabet
    [InlineData("Q99900000001", false)] // too short
    [InlineData("UN3", false)]
    [InlineData(null, false)]
    public void Upn_IsValid_ChecksShapeAndCheckLetter(string? upn, bool valid) => Assert.Equal(valid, Upn.IsValid(upn));

    [Fact]
    public void Upn_IsValid_AnyOneDigitChangeIsCaught()
    {
        // Weights 2..13 and a digit change of 1..9 never make a multiple of 23 (a prime), so one slip is always caught.
        Gen.Select(Gen.Long[0, 999_999_999_999L], Gen.Int[1, 12], Gen.Int[1, 9]).Sample((body, position, delta) =>
        {
            var digits = body.ToString("D12", System.Globalization.CultureInfo.InvariantCulture);
            var upn = Upn.CheckLetter(digits) + digits;
            Assert.True(Upn.IsValid(upn));
            var chars = upn.ToCharArray();
            chars[position] = (char)('0' + ((chars[position] - '0' + delta) % 10));
            Assert.False(Upn.IsValid(new string(chars)));
        });
    }

    [Theory]
    [InlineData("UN1", true)]
    [InlineData("UN5", true)]
    [InlineData("UN6", false)]
    [InlineData("Q999000000011", false)]
    public void Upn_IsUnknownCode_MatchesUn1ToUn5(string value, bool unknown) => Assert.Equal(unknown, Upn.IsUnknownCode(value));

    [Theory]
    [InlineData("9434765919", true)]
    [InlineData("943 476 5919", true)]
    [InlineData("9434765918", false)]
    [InlineData("1234567880", false)]
    [InlineData("943476591", false)]
    [InlineData("", false)]
    public void NhsNumber_IsValid_ChecksModulus11(string value, bool valid) => Assert.Equal(valid, NhsNumber.IsValid(value));

    [Fact]
    public void NhsNumber_IsValid_AnyOneDigitChangeIsCaught()
    {
        Gen.Select(Gen.Int[0, 999_999_999], Gen.Int[0, 9], Gen.Int[1, 9]).Sample((nine, position, delta) =>
        {
            var digits = nine.ToString("D9", System.Globalization.CultureInfo.InvariantCulture);
            if (NhsNumber.CheckDigit(digits) is not { } check) return;
            var number = digits + check;
            Assert.True(NhsNumber.IsValid(number));
            var chars = number.ToCharArray();
            chars[position] = (char)('0' + ((chars[position] - '0' + delta) % 10));
            Assert.False(NhsNumber.IsValid(new string(chars)));
        });
    }

    [Theory]
    [InlineData("DM4 7QT", true)]
    [InlineData("SW1A 1AA", true)]
    [InlineData("dm47qt", true)]
    [InlineData("NOTAPOSTCODE", false)]
    [InlineData("12345", false)]
    public void Postcode_HasValidShape_ChecksShapeOnly(string value, bool valid) => Assert.Equal(valid, Postcode.HasValidShape(value));

    [Theory]
    [InlineData("LE1 5WW", "LE1")]
    [InlineData("sw1a1aa", "SW1A")]
    [InlineData(" DT11 9QT ", "DT11")]
    [InlineData("M1 1AE", "M1")]
    [InlineData("NOTAPOSTCODE", null)]
    [InlineData(null, null)]
    public void Postcode_District_IsTheOutwardCodeOnly(string? value, string? district) => Assert.Equal(district, Postcode.District(value));
}
