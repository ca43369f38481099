namespace Braid.Core;

/// <summary>Thrown when an aggregate is asked for a change its rules forbid (an illegal state transition); nothing has changed.</summary>
public sealed class DomainRuleException(string message) : Exception(message);
