using System.Globalization;
using Braid.Core;
using Braid.Core.Directory;
using Braid.Core.People;
using Braid.Core.Screening;
using Hl7.Fhir.Model;
using Consent = Hl7.Fhir.Model.Consent;
using Goal = Hl7.Fhir.Model.Goal;
using Person = Braid.Core.People.Person;
using PersonGoal = Braid.Core.People.Goal;

namespace Braid.Interop.Fhir;

/// <summary>
/// Braid's people, screenings, needs, goals and consents as FHIR R4 resources in the Gravity SDOH
/// Clinical Care shapes (Patient after US Core), and back. The mapping is Braid's: what it reads is
/// what it writes, so an IG example read in and written out keeps the elements Braid maps.
/// </summary>
public static class FhirMapping
{
    public static Patient ToPatient(Person person)
    {
        var patient = new Patient { Id = person.Id.Value };
        if (person.GivenName is not null || person.FamilyName is not null)
            patient.Name.Add(new HumanName { Use = HumanName.NameUse.Official, Family = person.FamilyName, Given = person.GivenName is { } g ? [g] : [] });
        if (person.PreferredName is { } preferred) patient.Name.Add(new HumanName { Use = HumanName.NameUse.Usual, Given = [preferred] });
        if (person.BirthDate is { } born) patient.BirthDate = born.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        if (person.Phone is { } phone) patient.Telecom.Add(new ContactPoint(ContactPoint.ContactPointSystem.Phone, null, phone) { Rank = person.PreferredChannel is ContactChannel.Phone ? 1 : null });
        if (person.Phone is { } sms && person.PreferredChannel is ContactChannel.Text) patient.Telecom.Add(new ContactPoint(ContactPoint.ContactPointSystem.Sms, null, sms) { Rank = 1 });
        if (person.Email is { } email) patient.Telecom.Add(new ContactPoint(ContactPoint.ContactPointSystem.Email, null, email) { Rank = person.PreferredChannel is ContactChannel.Email ? 1 : null });
        if (person.AddressLine is not null || person.PostalCode is not null)
            patient.Address.Add(new Address { Line = person.AddressLine is { } line ? [line] : [], City = person.City, State = person.State, PostalCode = person.PostalCode });
        if (person.Language is { } language)
            patient.Communication.Add(new Patient.CommunicationComponent { Language = new CodeableConcept(FhirCodes.Bcp47, language), Preferred = true });
        patient.Gender = person.Sex switch
        {
            { Status: ReportStatus.Answered, Value: "female" } => AdministrativeGender.Female,
            { Status: ReportStatus.Answered, Value: "male" } => AdministrativeGender.Male,
            { Status: ReportStatus.Answered } => AdministrativeGender.Other,
            _ => null,
        };
        if (person.Sex.Status == ReportStatus.Declined)
        {
            // "unknown" with its reason: the binding is required, and declining is not the same as never asked.
            patient.Gender = AdministrativeGender.Unknown;
            patient.GenderElement!.Extension.Add(new Extension(FhirCodes.DataAbsentReasonExtension, new Code("asked-declined")));
        }
        AddRaceAndEthnicity(patient, person.RaceEthnicity);
        return patient;
    }

    /// <summary>The person a Patient describes; <paramref name="registeredBy"/> holds the record.</summary>
    public static Person FromPatient(Patient patient, OrganizationId registeredBy)
    {
        var official = patient.Name.FirstOrDefault(n => n.Use is HumanName.NameUse.Official or null) ?? patient.Name.FirstOrDefault();
        var preferred = patient.Name.FirstOrDefault(n => n.Use == HumanName.NameUse.Usual);
        var ranked = patient.Telecom.OrderBy(t => t.Rank ?? int.MaxValue).ToList();
        var address = patient.Address.FirstOrDefault();
        return new Person
        {
            Id = new PersonId(patient.Id ?? Guid.NewGuid().ToString()), RegisteredBy = registeredBy,
            GivenName = official?.Given.FirstOrDefault(), FamilyName = official?.Family, PreferredName = preferred?.Given.FirstOrDefault(),
            BirthDate = DateOnly.TryParseExact(patient.BirthDate, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var born) ? born : null,
            Phone = ranked.FirstOrDefault(t => t.System is ContactPoint.ContactPointSystem.Phone or ContactPoint.ContactPointSystem.Sms)?.Value,
            Email = ranked.FirstOrDefault(t => t.System == ContactPoint.ContactPointSystem.Email)?.Value,
            PreferredChannel = ranked.FirstOrDefault(t => t.Rank == 1)?.System switch
            {
                ContactPoint.ContactPointSystem.Phone => ContactChannel.Phone,
                ContactPoint.ContactPointSystem.Sms => ContactChannel.Text,
                ContactPoint.ContactPointSystem.Email => ContactChannel.Email,
                _ => null,
            },
            AddressLine = address?.Line.FirstOrDefault(), City = address?.City, State = address?.State, PostalCode = address?.PostalCode,
            Language = patient.Communication.OrderByDescending(c => c.Preferred == true).FirstOrDefault()?.Language.Coding.FirstOrDefault(c => c.System == FhirCodes.Bcp47)?.Code,
            Sex = patient.Gender switch
            {
                AdministrativeGender.Female => Reported<string>.Answer("female"),
                AdministrativeGender.Male => Reported<string>.Answer("male"),
                AdministrativeGender.Other => Reported<string>.Answer("other"),
                AdministrativeGender.Unknown when IsDeclined(patient.GenderElement) => Reported<string>.Declined,
                _ => Reported<string>.NotAsked,
            },
            RaceEthnicity = ReadRaceAndEthnicity(patient),
        };
    }

    /// <summary>
    /// The screening as the questionnaire's response: one item per question reached (in the
    /// instrument's sections, under its panel, when it has sections, as the IG's PRAPARE is laid out),
    /// an item the person declined answered with the instrument's "I choose not to answer" code or
    /// marked with a data-absent reason where it has none.
    /// </summary>
    public static QuestionnaireResponse ToQuestionnaireResponse(Screening screening)
    {
        var response = new QuestionnaireResponse
        {
            Id = screening.Id, Questionnaire = Canonical(screening.Instrument), Subject = Patient(screening.Person), AuthoredElement = Time(screening.StartedAt),
            Status = screening.Status == ScreeningStatus.Completed ? QuestionnaireResponse.QuestionnaireResponseStatus.Completed : QuestionnaireResponse.QuestionnaireResponseStatus.InProgress,
            Language = screening.Language,
        };
        var sections = new Dictionary<string, QuestionnaireResponse.ItemComponent>();
        QuestionnaireResponse.ItemComponent? panel = null;
        foreach (var question in screening.Instrument.Questions)
        {
            if (!screening.Responses.TryGetValue(question.Loinc, out var given)) continue;
            var item = new QuestionnaireResponse.ItemComponent { LinkId = LinkId(question) };
            item.Answer.AddRange(Answers(question, given));
            if (given.Declined && question.DeclineCode is null) item.Extension.Add(new Extension(FhirCodes.DataAbsentReasonExtension, new Code("asked-declined")));
            if (question.Section is not { } section)
            {
                response.Item.Add(item);
                continue;
            }

            if (panel is null) response.Item.Add(panel = new QuestionnaireResponse.ItemComponent { LinkId = "/" + screening.Instrument.PanelLoinc });
            if (!sections.TryGetValue(section, out var group)) panel.Item.Add(sections[section] = group = new QuestionnaireResponse.ItemComponent { LinkId = "/" + section });
            group.Item.Add(item);
        }

        return response;
    }

    /// <summary>The responses a QuestionnaireResponse holds for the instrument (item LOINC → answers or declined), at any depth; items the instrument lacks are ignored.</summary>
    public static Dictionary<string, ItemResponse> FromQuestionnaireResponse(QuestionnaireResponse response, Instrument instrument) =>
        Flatten(response.Item).Select(i => (Question: instrument.Find(Loinc(i)), Item: i)).Where(i => i.Question is not null)
            .ToDictionary(i => i.Question!.Loinc, i => Response(i.Question!, i.Item));

    /// <summary>The linkId of the first item that is neither one of the instrument's questions nor one of its groups (the Hunger Vital Sign's result is Braid's to compute).</summary>
    public static string? UnknownItem(QuestionnaireResponse response, Instrument instrument)
    {
        var groups = instrument.Questions.Select(q => q.Section).OfType<string>().Append(instrument.PanelLoinc).Append(HungerVitalSign.ResultLoinc).ToHashSet();
        return Flatten(response.Item).FirstOrDefault(i => instrument.Find(Loinc(i)) is null && !groups.Contains(Loinc(i)))?.LinkId;
    }

    /// <summary>The linkId of the first question answered more than once (a response says each answer once).</summary>
    public static string? RepeatedItem(QuestionnaireResponse response, Instrument instrument) =>
        Flatten(response.Item).Where(i => instrument.Find(Loinc(i)) is not null).GroupBy(Loinc).FirstOrDefault(g => g.Count() > 1)?.First().LinkId;

    /// <summary>The Questionnaire canonical URL a QuestionnaireResponse of the instrument names.</summary>
    public static string Canonical(Instrument instrument) => instrument switch
    {
        HungerVitalSign => FhirCodes.HungerVitalSignQuestionnaire,
        Prapare => FhirCodes.PrapareQuestionnaire,
        _ => FhirCodes.AhcQuestionnaire,
    };

    /// <summary>The instrument a QuestionnaireResponse answers, by its questionnaire's canonical URL (a version after "|" is ignored).</summary>
    public static Instrument? InstrumentOf(string? questionnaire) =>
        Instruments.All.FirstOrDefault(i => Canonical(i) == questionnaire?.Split('|')[0]);

    private static string LinkId(Question question) => question.Section is { } section ? $"/{section}/{question.Loinc}" : "/" + question.Loinc;

    private static string Loinc(QuestionnaireResponse.ItemComponent item) => (item.LinkId ?? "").Split('/')[^1];

    private static IEnumerable<QuestionnaireResponse.ItemComponent> Flatten(IEnumerable<QuestionnaireResponse.ItemComponent> items) =>
        items.SelectMany(i => Flatten(i.Item).Prepend(i));

    private static IEnumerable<QuestionnaireResponse.AnswerComponent> Answers(Question question, ItemResponse given)
    {
        if (given.Declined)
        {
            if (question.DeclineCode is { } declined) yield return new() { Value = new Coding(FhirCodes.Loinc, declined) };
            yield break;
        }

        foreach (var code in given.Codes) yield return new() { Value = new Coding(FhirCodes.Loinc, code) };
        if (given.Value is not { } value) yield break;
        yield return new()
        {
            Value = question.Kind switch
            {
                AnswerKind.Integer => new Integer((int)given.Number!.Value),
                AnswerKind.Decimal => new FhirDecimal(given.Number!.Value),
                _ => new FhirString(value),
            },
        };
    }

    private static ItemResponse Response(Question question, QuestionnaireResponse.ItemComponent item)
    {
        var codes = item.Answer.Select(a => a.Value).OfType<Coding>().Where(c => c.System == FhirCodes.Loinc && c.Code is not null).Select(c => c.Code!).ToList();
        if (item.Extension.Any(e => e.Url == FhirCodes.DataAbsentReasonExtension) || question.DeclineCode is { } declined && codes.Contains(declined)) return ItemResponse.Decline;
        if (question.Kind == AnswerKind.Choice) return new ItemResponse(codes);
        var value = item.Answer.Select(a => a.Value).FirstOrDefault() switch
        {
            Integer i => i.Value?.ToString(CultureInfo.InvariantCulture),
            FhirDecimal d => d.Value?.ToString(CultureInfo.InvariantCulture),
            FhirString text => text.Value,
            _ => null,
        };
        return new ItemResponse(codes, Value: value);
    }

    /// <summary>
    /// One screening-response Observation per answer (a declined item with its data-absent reason),
    /// positive answers interpreted POS, derived from the QuestionnaireResponse; plus the
    /// interpersonal-safety total when all four are answered.
    /// </summary>
    public static List<Observation> ToObservations(Screening screening) => [.. ScreeningObservation.Of(screening).Select(ToObservation)];

    /// <summary>A screening response in the Gravity SDOHCC-ObservationScreeningResponse shape.</summary>
    public static Observation ToObservation(ScreeningObservation answer)
    {
        var observation = new Observation
        {
            Id = answer.Id, Status = answer.Final ? ObservationStatus.Final : ObservationStatus.Preliminary, Code = new CodeableConcept(FhirCodes.Loinc, answer.Item),
            Subject = Patient(answer.Person), Effective = Time(answer.Effective), Issued = answer.Effective,
            Category = [new CodeableConcept(FhirCodes.ObservationCategory, "social-history"), new CodeableConcept(FhirCodes.ObservationCategory, "survey"),
                new CodeableConcept(FhirCodes.UsCoreCategory, "sdoh"), .. answer.SdohCategories.Select(c => new CodeableConcept(FhirCodes.SdohCategory, c))],
            DerivedFrom = [.. answer.DerivedFrom.Select(d => new ResourceReference(d))],
            HasMember = [.. answer.Members.Select(m => new ResourceReference(m))],
        };
        if (answer.Declined) observation.DataAbsentReason = new CodeableConcept(FhirCodes.DataAbsentReason, "asked-declined");
        else if (answer.Answer is { } code) observation.Value = new CodeableConcept(FhirCodes.Loinc, code);
        else if (answer.Quantity is { } quantity) observation.Value = answer.Unit is { } unit ? new Quantity(quantity, unit) : new Integer((int)quantity);
        else if (answer.Text is { } text) observation.Value = new FhirString(text);
        if (answer.Positive) observation.Interpretation.Add(new CodeableConcept(FhirCodes.Interpretation, "POS"));
        return observation;
    }

    /// <summary>What a screening-response Observation says, in Braid's terms (its LOINC item, coded or counted answer, or declined).</summary>
    public static ScreeningObservation FromObservation(Observation observation) => new(
        observation.Id ?? Guid.NewGuid().ToString(), PersonOf(observation.Subject),
        observation.Code.Coding.FirstOrDefault(c => c.System == FhirCodes.Loinc)?.Code ?? throw new FormatException("Observation.code has no LOINC coding."),
        (observation.Value as CodeableConcept)?.Coding.FirstOrDefault(c => c.System == FhirCodes.Loinc)?.Code,
        observation.Value switch { Quantity q => q.Value, Integer i => i.Value, _ => null },
        (observation.Value as Quantity)?.Unit,
        observation.DataAbsentReason?.Coding.Any(c => c.Code == "asked-declined") == true,
        [.. observation.Category.SelectMany(c => c.Coding).Where(c => c.System == FhirCodes.SdohCategory && c.Code is not null).Select(c => c.Code!)],
        observation.Effective is FhirDateTime at && at.TryToDateTimeOffset(out var when) ? when : throw new FormatException("Observation.effectiveDateTime is missing."),
        observation.Status == ObservationStatus.Final,
        observation.Interpretation.SelectMany(i => i.Coding).Any(c => c.System == FhirCodes.Interpretation && c.Code == "POS"),
        [.. observation.DerivedFrom.Select(d => d.Reference).OfType<string>()],
        [.. observation.HasMember.Select(d => d.Reference).OfType<string>()],
        (observation.Value as FhirString)?.Value);

    /// <summary>
    /// A need as an SDOH Condition: proposed is unconfirmed, the person's own need confirmed, a need
    /// they rejected refuted, a met need resolved; the person's rank in Braid's extension.
    /// </summary>
    public static Condition ToCondition(Need need)
    {
        var condition = new Condition
        {
            Id = need.Id, Subject = Patient(need.Person), Onset = Time(need.RecordedAt), RecordedDate = Time(need.RecordedAt).Value,
            ClinicalStatus = new CodeableConcept(FhirCodes.ConditionClinical, need.Status == NeedStatus.Met ? "resolved" : "active"),
            VerificationStatus = new CodeableConcept(FhirCodes.ConditionVerification, need.Status switch
            {
                NeedStatus.Proposed => "unconfirmed",
                NeedStatus.Rejected => "refuted",
                _ => "confirmed",
            }),
            Category = [new CodeableConcept(FhirCodes.ConditionCategory, "health-concern"), new CodeableConcept(FhirCodes.UsCoreCategory, "sdoh"), new CodeableConcept(FhirCodes.SdohCategory, need.Category)],
            Code = new CodeableConcept { Text = NeedDomains.Find(need.Category)?.English ?? "Interpersonal safety" },
        };
        if (need.Screening is { } screening) condition.Evidence.Add(new Condition.EvidenceComponent { Detail = [new ResourceReference("QuestionnaireResponse/" + screening)] });
        if (need.Rank is { } rank) condition.Extension.Add(new Extension(FhirCodes.PersonsRank, new PositiveInt(rank)));
        return condition;
    }

    public static Need FromCondition(Condition condition, DateTimeOffset recordedAt) => new()
    {
        Id = condition.Id ?? Guid.NewGuid().ToString(), Person = PersonOf(condition.Subject),
        Category = condition.Category.SelectMany(c => c.Coding).FirstOrDefault(c => c.System == FhirCodes.SdohCategory)?.Code ?? "sdoh-category-unspecified",
        Status = (condition.ClinicalStatus?.Coding.FirstOrDefault()?.Code, condition.VerificationStatus?.Coding.FirstOrDefault()?.Code) switch
        {
            ("resolved", _) => NeedStatus.Met,
            (_, "refuted") => NeedStatus.Rejected,
            (_, "confirmed") => NeedStatus.Accepted,
            _ => NeedStatus.Proposed,
        },
        Rank = condition.GetExtensionValue<PositiveInt>(FhirCodes.PersonsRank)?.Value,
        RecordedAt = condition.Onset is FhirDateTime onset && onset.TryToDateTimeOffset(out var at) ? at : recordedAt,
    };

    /// <summary>A goal in the person's words (expressed by the person), for the SDOH category of the need it addresses.</summary>
    public static Goal ToGoal(PersonGoal goal, Need? need)
    {
        var fhir = new Goal
        {
            Id = goal.Id, Subject = Patient(goal.Person), ExpressedBy = Patient(goal.Person), Description = new CodeableConcept { Text = goal.Text },
            LifecycleStatus = goal.Status is GoalAchievement.Achieved ? Goal.GoalLifecycleStatus.Completed : Goal.GoalLifecycleStatus.Active,
            AchievementStatus = new CodeableConcept(FhirCodes.GoalAchievement, Kebab(goal.Status)),
        };
        if (goal.History.Count > 0) fhir.StatusDate = goal.History[^1].At.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        if (need is not null)
        {
            fhir.Category.Add(new CodeableConcept(FhirCodes.SdohCategory, need.Category));
            fhir.Addresses.Add(new ResourceReference("Condition/" + need.Id));
        }

        return fhir;
    }

    public static PersonGoal FromGoal(Goal goal, DateTimeOffset at)
    {
        var status = goal.AchievementStatus?.Coding.FirstOrDefault(c => c.System == FhirCodes.GoalAchievement)?.Code;
        var achievement = Enum.GetValues<GoalAchievement>().Cast<GoalAchievement?>().FirstOrDefault(a => Kebab(a!.Value) == status);
        var when = DateTimeOffset.TryParse(goal.StatusDate, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var d) ? d : at;
        return new PersonGoal
        {
            Id = goal.Id ?? Guid.NewGuid().ToString(), Person = PersonOf(goal.Subject),
            Need = goal.Addresses.Select(a => a.Reference).FirstOrDefault(r => r?.StartsWith("Condition/", StringComparison.Ordinal) == true)?["Condition/".Length..],
            Text = goal.Description.Text ?? string.Join("; ", goal.Description.Coding.Select(c => c.Display ?? c.Code)),
            History = achievement is { } a ? [(a, when)] : [],
        };
    }

    /// <summary>
    /// A consent as an SDOH Consent (privacy, information disclosure): permit to the grantee, for
    /// the purposes (coordination TREAT, payment HPAYMT, analytics HRESCH), over the data categories
    /// as provision classes; revoked or ended consents are inactive.
    /// </summary>
    public static Consent ToConsent(PersonConsent consent, OrganizationId custodian, DateTimeOffset now)
    {
        var provision = new Consent.provisionComponent
        {
            Type = Consent.ConsentProvisionType.Permit,
            Period = new Period(Time(consent.Start), consent.End is { } end ? Time(end) : null),
            Purpose = [.. consent.Purposes.Order().Select(p => new Coding(FhirCodes.ActReason, p switch { Purpose.CareCoordination => "TREAT", Purpose.Payment => "HPAYMT", _ => "HRESCH" }))],
            Class = [.. consent.Categories.Order().Select(c => new Coding(FhirCodes.DataCategory, Kebab(c)))],
        };
        provision.Actor.Add(new Consent.provisionActorComponent
        {
            Role = new CodeableConcept(FhirCodes.ParticipationType, "IRCP"),
            Reference = consent.Grantee.Kind switch
            {
                GranteeKind.Organization => new ResourceReference("Organization/" + consent.Grantee.Value),
                GranteeKind.Role => new ResourceReference { Display = "role: " + consent.Grantee.Value },
                _ => new ResourceReference { Display = "network" },
            },
        });
        return new Consent
        {
            Id = consent.Id.Value, Status = consent.ActiveAt(now) ? Consent.ConsentState.Active : Consent.ConsentState.Inactive,
            Scope = new CodeableConcept(FhirCodes.ConsentScope, "patient-privacy"), Category = [new CodeableConcept(FhirCodes.ActCode, "IDSCL")],
            Patient = Patient(consent.Person), DateTime = Time(consent.Start).Value, Organization = [new ResourceReference("Organization/" + custodian)],
            Source = new Attachment { ContentType = "text/plain", Language = consent.Language, Title = $"Recorded in Braid by {consent.RecordedBy} ({Kebab(consent.Method)}{(consent.Witness is { } w ? ", witness " + w : "")})" },
            // Substance-use records fall under 42 CFR part 2 (the v3 privacy-law code), everything else under HIPAA authorization.
            PolicyRule = consent.Categories.Contains(DataCategory.SubstanceUse) ? new CodeableConcept(FhirCodes.ActCode, "42CFRPart2") : new CodeableConcept(FhirCodes.ConsentPolicy, "hipaa-auth"),
            Verification = [new Consent.VerificationComponent { Verified = true, VerificationDate = Time(consent.Start).Value }],
            Provision = provision,
        };
    }

    /// <summary>The consent a FHIR Consent states, as far as Braid's model reaches (grantee, categories, purposes, period).</summary>
    public static PersonConsent FromConsent(Consent consent, string recordedBy)
    {
        var actor = consent.Provision?.Actor.FirstOrDefault()?.Reference;
        return new PersonConsent
        {
            Id = new ConsentId(consent.Id ?? Guid.NewGuid().ToString()), Person = PersonOf(consent.Patient),
            Grantee = actor?.Reference is { } r && r.StartsWith("Organization/", StringComparison.Ordinal) ? Grantee.Organization(new OrganizationId(r["Organization/".Length..]))
                : actor?.Display is { } d && d.StartsWith("role: ", StringComparison.Ordinal) ? Grantee.Role(d[6..])
                : consent.Organization.FirstOrDefault()?.Reference is { } org && org.StartsWith("Organization/", StringComparison.Ordinal) ? Grantee.Organization(new OrganizationId(org["Organization/".Length..]))
                : Grantee.Network,
            Categories = consent.Provision?.Class.Where(c => c.System == FhirCodes.DataCategory).Select(c => Enum.GetValues<DataCategory>().First(v => Kebab(v) == c.Code)).ToHashSet() ?? [],
            Purposes = consent.Provision?.Purpose.Select(p => p.Code switch { "TREAT" => Purpose.CareCoordination, "HPAYMT" => Purpose.Payment, _ => Purpose.Analytics }).ToHashSet() ?? [],
            Start = consent.Provision?.Period?.StartElement is { } start && start.TryToDateTimeOffset(out var s) ? s
                : consent.DateTimeElement is { } date ? date.ToDateTimeOffset(TimeSpan.Zero) : throw new FormatException("Consent.dateTime is missing."),
            End = consent.Provision?.Period?.EndElement is { } endAt && endAt.TryToDateTimeOffset(out var e) ? e : null,
            Method = ConsentMethod.ElectronicSignature, Language = consent.Source is Attachment { Language: { } language } ? language : "en", RecordedBy = recordedBy,
        };
    }

    private static void AddRaceAndEthnicity(Patient patient, Reported<IReadOnlyList<string>> reported)
    {
        if (reported.Status == ReportStatus.NotAsked) return;
        var race = new Extension { Url = FhirCodes.Race };
        var ethnicity = new Extension { Url = FhirCodes.Ethnicity };
        if (reported.Status == ReportStatus.Declined)
        {
            race.Extension.Add(new Extension("ombCategory", new Coding(FhirCodes.NullFlavor, "ASKU", "asked but unknown")));
            race.Extension.Add(new Extension("text", new FhirString("Declined to answer")));
            patient.Extension.Add(race);
            return;
        }

        var selected = reported.Value!;
        foreach (var category in selected.Where(c => c != "Hispanic or Latino" && FhirCodes.OmbCodes.ContainsKey(c)))
            race.Extension.Add(new Extension("ombCategory", new Coding(FhirCodes.CdcRace, FhirCodes.OmbCodes[category], category)));
        var races = selected.Where(c => c != "Hispanic or Latino").ToList();
        if (races.Count > 0)
        {
            race.Extension.Add(new Extension("text", new FhirString(string.Join(", ", races))));
            patient.Extension.Add(race);
        }

        if (selected.Contains("Hispanic or Latino"))
        {
            ethnicity.Extension.Add(new Extension("ombCategory", new Coding(FhirCodes.CdcRace, FhirCodes.OmbCodes["Hispanic or Latino"], "Hispanic or Latino")));
            ethnicity.Extension.Add(new Extension("text", new FhirString("Hispanic or Latino")));
            patient.Extension.Add(ethnicity);
        }
    }

    private static Reported<IReadOnlyList<string>> ReadRaceAndEthnicity(Patient patient)
    {
        var race = patient.Extension.FirstOrDefault(e => e.Url == FhirCodes.Race);
        var ethnicity = patient.Extension.FirstOrDefault(e => e.Url == FhirCodes.Ethnicity);
        if (race is null && ethnicity is null) return Reported<IReadOnlyList<string>>.NotAsked;
        var codes = new[] { race, ethnicity }.Where(e => e is not null).SelectMany(e => e!.Extension.Where(x => x.Url == "ombCategory")).Select(x => x.Value).OfType<Coding>().ToList();
        if (codes.Any(c => c.System == FhirCodes.NullFlavor)) return Reported<IReadOnlyList<string>>.Declined;
        var selected = PersonRules.RaceEthnicityCategories
            .Where(c => codes.Any(code => FhirCodes.OmbCodes.TryGetValue(c, out var omb) && code.Code == omb)
                        || c == FhirCodes.MiddleEasternOrNorthAfrican && (race?.GetStringExtension("text")?.Contains(c, StringComparison.Ordinal) ?? false))
            .ToList();
        return selected.Count > 0 ? Reported<IReadOnlyList<string>>.Answer(selected) : Reported<IReadOnlyList<string>>.NotAsked;
    }

    private static bool IsDeclined(Element? element) => element?.Extension.Any(e => e.Url == FhirCodes.DataAbsentReasonExtension && e.Value is Code { Value: "asked-declined" }) == true;

    internal static ResourceReference Patient(PersonId person) => new("Patient/" + person.Value);

    internal static PersonId PersonOf(ResourceReference? reference) =>
        reference?.Reference is { } r && r.StartsWith("Patient/", StringComparison.Ordinal) ? new PersonId(r["Patient/".Length..]) : throw new FormatException("The resource names no Patient/{id} subject.");

    /// <summary>An instant in UTC, written with "Z" as the IG's examples are.</summary>
    internal static FhirDateTime Time(DateTimeOffset at) => new(at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture));

    private static string Kebab<T>(T value) where T : struct, Enum => System.Text.Json.JsonNamingPolicy.KebabCaseLower.ConvertName(value.ToString());
}
