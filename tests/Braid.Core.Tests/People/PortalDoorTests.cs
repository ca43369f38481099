using Braid.Core.People;

namespace Braid.Core.Tests.People;

public sealed class PortalDoorTests
{
    [Theory]
    [InlineData(" Rosa.Diaz@Example.org ", "email:rosa.diaz@example.org", "r…@example.org")]
    [InlineData("(410) 555-0123", "phone:4105550123", "…0123")]
    [InlineData("+1 410.555.0123", "phone:4105550123", "…0123")]
    public void A_contact_has_one_form_however_it_is_typed(string typed, string key, string masked)
    {
        var contact = PortalContact.Parse(typed)!;
        Assert.Equal((key, masked), (contact.Key, contact.Masked));
        Assert.Equal(contact, PortalContact.FromKey(key));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("rosa")]
    [InlineData("rosa@")]
    [InlineData("Rosa <rosa@example.org>")]
    [InlineData("rosa @example.org")]
    [InlineData("555-0123")]
    [InlineData("410-155-0123")]
    [InlineData("410-555-0123 ext 4")]
    public void Anything_but_an_email_address_or_a_US_phone_number_is_no_contact(string? typed) => Assert.Null(PortalContact.Parse(typed));

    [Theory]
    [InlineData("phone:rosa@example.org")]
    [InlineData("email:4105550123")]
    [InlineData("rosa@example.org")]
    [InlineData("")]
    public void A_stored_key_names_a_contact_only_with_the_kind_it_is(string key) => Assert.Null(PortalContact.FromKey(key));

    [Theory]
    [InlineData("123456", "123456")]
    [InlineData("123 456", "123456")]
    [InlineData("123-456", "123456")]
    [InlineData("12345", null)]
    [InlineData("1234567", null)]
    [InlineData("12345a", null)]
    [InlineData("١٢٣٤٥٦", null)]
    [InlineData(null, null)]
    public void A_code_is_six_ascii_digits_typed_with_or_without_a_space(string? typed, string? code) => Assert.Equal(code, PortalCodes.Normalize(typed));

    [Fact]
    public void Codes_are_six_digits_and_stored_only_hashed_with_their_row()
    {
        var codes = Enumerable.Range(0, 200).Select(_ => PortalCodes.New()).ToList();
        Assert.All(codes, c => Assert.Matches("^[0-9]{6}$", c));
        Assert.True(codes.Distinct().Count() > 190);
        Assert.True(PortalCodes.Matches("row-1", "123456", PortalCodes.Hash("row-1", "123456")));
        Assert.False(PortalCodes.Matches("row-2", "123456", PortalCodes.Hash("row-1", "123456")));
        Assert.False(PortalCodes.Matches("row-1", "123457", PortalCodes.Hash("row-1", "123456")));
    }
}
