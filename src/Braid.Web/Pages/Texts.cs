using System.Globalization;

namespace Braid.Web.Pages;

/// <summary>The pages' words in English and Spanish, chosen by the request culture.</summary>
public static class Texts
{
    private static readonly Dictionary<string, (string En, string Es)> All = new()
    {
        ["title"] = ("Find help near you", "Encuentre ayuda cerca de usted"),
        ["intro"] = ("Search community services by need, place, language and hours.", "Busque servicios comunitarios por necesidad, lugar, idioma y horario."),
        ["need"] = ("What do you need help with?", "¿Con qué necesita ayuda?"),
        ["any-need"] = ("Any need", "Cualquier necesidad"),
        ["zip"] = ("ZIP code", "Código postal"),
        ["radius"] = ("Distance (km)", "Distancia (km)"),
        ["language"] = ("Language spoken", "Idioma"),
        ["any-language"] = ("Any language", "Cualquier idioma"),
        ["open-now"] = ("Open now", "Abierto ahora"),
        ["closed-now"] = ("Closed now", "Cerrado ahora"),
        ["hours-unknown"] = ("Hours not listed", "Horario no disponible"),
        ["words"] = ("Words (optional)", "Palabras (opcional)"),
        ["search"] = ("Search", "Buscar"),
        ["results"] = ("Results", "Resultados"),
        ["found"] = ("{0} services found", "{0} servicios encontrados"),
        ["none"] = ("No services match. Try a larger distance or fewer filters.", "Ningún servicio coincide. Pruebe una distancia mayor o menos filtros."),
        ["km-away"] = ("{0} km away", "a {0} km"),
        ["hours"] = ("Hours", "Horario"),
        ["phone"] = ("Phone", "Teléfono"),
        ["languages"] = ("Languages", "Idiomas"),
        ["address"] = ("Address", "Dirección"),
        ["eligibility"] = ("Who can get help", "Quién puede recibir ayuda"),
        ["fees"] = ("Cost", "Costo"),
        ["verified"] = ("Last verified {0}", "Verificado por última vez el {0}"),
        ["why"] = ("Why it matched", "Por qué coincide"),
        ["previous"] = ("Previous", "Anterior"),
        ["next"] = ("Next", "Siguiente"),
        ["page"] = ("Page {0} of {1}", "Página {0} de {1}"),
        ["back"] = ("New search", "Nueva búsqueda"),
        ["switch"] = ("Español", "English"),
        ["errors"] = ("Please correct the following:", "Corrija lo siguiente:"),
        ["not-found"] = ("This service is not in the directory.", "Este servicio no está en el directorio."),
        ["skip"] = ("Skip to main content", "Saltar al contenido principal"),
        ["reason-need"] = ("Serves the need: {0}", "Atiende la necesidad: {0}"),
        ["reason-language"] = ("Offered in {0}", "Ofrecido en {0}"),
        ["reason-within"] = ("Within {0} km", "A menos de {0} km"),
        ["reason-open-now"] = ("Open now", "Abierto ahora"),
        ["reason-text"] = ("“{0}” appears in the {1}", "“{0}” aparece en {1}"),
        ["field-name"] = ("name", "el nombre"),
        ["field-organization"] = ("organization", "la organización"),
        ["field-taxonomy"] = ("category", "la categoría"),
        ["field-description"] = ("description", "la descripción"),
    };

    public static bool Spanish => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "es";

    public static string Lang => Spanish ? "es" : "en";

    public static string T(string key, params object[] args)
    {
        var (en, es) = All[key];
        var text = Spanish ? es : en;
        return args.Length == 0 ? text : string.Format(CultureInfo.CurrentCulture, text, args);
    }
}
