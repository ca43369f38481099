namespace Braid.Core.Referrals;

/// <summary>
/// What a person says about a referral once it closed: whether the help was helpful, whether they
/// were treated with respect, whether they were served in their language, whether their need was
/// met, and anything in their own words. Every question may be left unanswered.
/// </summary>
public sealed record ReferralFeedback
{
    public required ReferralId Referral { get; init; }
    public NeedMet? Helpful { get; init; }
    public bool? Respectful { get; init; }
    public bool? InLanguage { get; init; }
    public NeedMet? NeedMet { get; init; }
    public string? Text { get; init; }

    public const int MaxText = 2000;

    /// <summary>A person is asked once a referral closed with the organization's answer: declined, or helped or not.</summary>
    public static bool IsAskedAfter(Referral referral) => referral.Status is ReferralStatus.Completed or ReferralStatus.Failed or ReferralStatus.Rejected;

    /// <summary>The errors, keyed by field: an answer needs at least one question answered or a word written; text has a limit.</summary>
    public static Dictionary<string, InputError> Validate(ReferralFeedback feedback)
    {
        var errors = new Dictionary<string, InputError>();
        var text = feedback.Text?.Trim();
        if (text?.Length > MaxText) errors["text"] = new InputError("too-long", MaxText, text.Length);
        else if (text is not null && text.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t'))) errors["text"] = new InputError("control-character");
        if (feedback is { Helpful: null, Respectful: null, InLanguage: null, NeedMet: null } && string.IsNullOrEmpty(text)) errors["feedback"] = new InputError("feedback-empty");
        return errors;
    }
}

/// <summary>One question of the feedback as an organization sees it across its referrals: how many answered, and the share who said yes (null when withheld).</summary>
public sealed record FeedbackFigure(string Question, int Answered, Equity.GroupEstimate? Yes)
{
    public bool Withheld => Yes is null && Answered > 0;
}

/// <summary>
/// An organization's feedback, never one person's: per question, the share of people who said yes
/// with its 95% interval, withheld by the equity engine's small-cell rule when fewer than the
/// threshold answered, or said yes, or said otherwise.
/// </summary>
public static class FeedbackSummary
{
    public static IReadOnlyList<FeedbackFigure> Of(IReadOnlyCollection<ReferralFeedback> given, int minimumCell)
    {
        (string Question, bool? Yes)[] Answers(ReferralFeedback f) =>
        [
            (ReferralOutcomes.FeedbackMeasures[0], f.Helpful is { } h ? h == NeedMet.Yes : null), (ReferralOutcomes.FeedbackMeasures[1], f.Respectful),
            (ReferralOutcomes.FeedbackMeasures[2], f.InLanguage), (ReferralOutcomes.FeedbackMeasures[3], f.NeedMet is { } m ? m == NeedMet.Yes : null),
        ];
        var answers = given.SelectMany(Answers).Where(a => a.Yes is not null).ToLookup(a => a.Question);
        return [.. ReferralOutcomes.FeedbackMeasures.Select(question =>
        {
            var answered = answers[question].Count();
            if (answered == 0) return new FeedbackFigure(question, 0, null);
            var share = Equity.GroupEstimate.Proportion(question, answers[question].Count(a => a.Yes == true), answered);
            return new FeedbackFigure(question, answered, Equity.Suppression.Apply([[share]], minimumCell)[0][0] == Equity.SuppressionReason.None ? share : null);
        })];
    }
}
