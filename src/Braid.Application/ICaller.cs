namespace Braid.Application;

/// <summary>Who is calling a use case, for which community: a web request or an operator at the command line.</summary>
public interface ICaller
{
    CommunityId CommunityId { get; }

    /// <summary>The signed-in person's email, when a person (not an API client or the CLI) is calling.</summary>
    string? Email { get; }

    /// <summary>Where the call comes from (the client's IP address, or the machine's name), for the audit trail.</summary>
    string? Address { get; }

    Task<Actor> ActorAsync(CancellationToken ct = default);
}
