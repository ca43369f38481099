using Braid.Core.Referrals;

namespace Braid.Web.Pages.Shared;

/// <summary>The feedback form's answers as posted (the same on the portal and through the emailed link): each may be left out.</summary>
public static class FeedbackForm
{
    /// <summary>The answers, or the field whose value is not one the form offers.</summary>
    public static (ReferralFeedback? Feedback, Dictionary<string, InputError> Errors) Read(IFormCollection form)
    {
        var errors = new Dictionary<string, InputError>();
        NeedMet? Scale(string field)
        {
            var value = form[field].ToString();
            if (value.Length == 0) return null;
            if (ReferralReasons.NeedMetFromCode(value) is { } parsed) return parsed;
            errors[field] = new InputError("choice-unknown", value);
            return null;
        }

        bool? YesNo(string field)
        {
            switch (form[field].ToString())
            {
                case "": return null;
                case "yes": return true;
                case "no": return false;
                case var other: errors[field] = new InputError("choice-unknown", other); return null;
            }
        }

        var feedback = new ReferralFeedback
        {
            Referral = default, Helpful = Scale("helpful"), Respectful = YesNo("respectful"), InLanguage = YesNo("in_language"), NeedMet = Scale("need_met"), Text = form["text"].ToString(),
        };
        return errors.Count > 0 ? (null, errors) : (feedback, errors);
    }
}
