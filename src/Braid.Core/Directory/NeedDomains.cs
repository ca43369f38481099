namespace Braid.Core.Directory;

/// <summary>A social-need domain: a Gravity SDOH category code with its names in English and Spanish.</summary>
/// <remarks>The names are search vocabulary (a search in either language finds the domain); pages show the names in Braid.Web's resources.</remarks>
public sealed record NeedDomain(string Code, string English, string Spanish);

/// <summary>
/// The SDOH category codes of the Gravity SDOH Clinical Care IG (CodeSystem
/// SDOHCC-CodeSystemTemporaryCodes, the codes of the SDOH category value set), used as Braid's
/// need-domain taxonomy for the directory.
/// </summary>
public static class NeedDomains
{
    /// <summary>The code system the codes belong to.</summary>
    public const string System = "http://hl7.org/fhir/us/sdoh-clinicalcare/CodeSystem/SDOHCC-CodeSystemTemporaryCodes";

    /// <summary>Stable id of the taxonomy record that holds the domains in every Braid directory.</summary>
    public const string TaxonomyId = "6b1d3c9e-3f2a-4d8e-9b51-0a7c2e5d4f10";

    public static IReadOnlyList<NeedDomain> All { get; } =
    [
        new("food-insecurity", "Food insecurity", "Inseguridad alimentaria"),
        new("housing-instability", "Housing instability", "Inestabilidad de vivienda"),
        new("homelessness", "Homelessness", "Falta de vivienda"),
        new("inadequate-housing", "Inadequate housing", "Vivienda inadecuada"),
        new("transportation-insecurity", "Transportation insecurity", "Inseguridad de transporte"),
        new("financial-insecurity", "Financial insecurity", "Inseguridad financiera"),
        new("material-hardship", "Material hardship", "Dificultades materiales"),
        new("educational-attainment", "Educational attainment", "Nivel educativo"),
        new("employment-status", "Employment status", "Situación laboral"),
        new("veteran-status", "Veteran status", "Condición de veterano"),
        new("stress", "Stress", "Estrés"),
        new("social-connection", "Social connection", "Conexión social"),
        new("intimate-partner-violence", "Intimate partner violence", "Violencia de pareja"),
        new("elder-abuse", "Elder abuse", "Maltrato a personas mayores"),
        new("personal-health-literacy", "Personal health literacy", "Alfabetización en salud"),
        new("health-insurance-coverage-status", "Health insurance coverage", "Cobertura de seguro médico"),
        new("medical-cost-burden", "Medical cost burden", "Carga de gastos médicos"),
        new("digital-literacy", "Digital literacy", "Alfabetización digital"),
        new("digital-access", "Digital access", "Acceso digital"),
        new("utility-insecurity", "Utility insecurity", "Inseguridad de servicios públicos"),
        new("language-access", "Language access", "Acceso lingüístico"),
        new("incarceration-status", "Incarceration status", "Situación de encarcelamiento"),
    ];

    private static readonly Dictionary<string, NeedDomain> ByCode = All.ToDictionary(d => d.Code);

    public static NeedDomain? Find(string code) => ByCode.GetValueOrDefault(code);

    /// <summary>The deterministic taxonomy_term id of a domain, so every community shares it.</summary>
    public static string TermId(string code) => DeterministicGuid.From("braid-need-domain:" + code).ToString();
}
