namespace Braid.Application;

/// <summary>
/// The address people reach Braid at. Links sent by email are built from it, never from the
/// request's Host header, which a caller chooses (password-reset poisoning).
/// </summary>
public sealed record PublicSite(Uri BaseUrl)
{
    public string Link(string pathAndQuery) => new Uri(BaseUrl, pathAndQuery).ToString();
}
