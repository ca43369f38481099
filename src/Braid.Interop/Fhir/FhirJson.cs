using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;

namespace Braid.Interop.Fhir;

/// <summary>FHIR JSON in and out with the Firely SDK: strict parsing (unknown elements and codes, wrong types are errors) and the standard serialization.</summary>
public static class FhirJson
{
    private static readonly FhirJsonDeserializer Deserializer = new();
    private static readonly FhirJsonSerializer Serializer = new();

    public static string Serialize(Base resource) => Serializer.SerializeToString(resource);

    /// <summary>
    /// The resource, or <see cref="DeserializationFailedException"/> listing what is wrong and where,
    /// or a <see cref="System.Text.Json.JsonException"/> for text that is not a JSON object at all.
    /// </summary>
    public static T Parse<T>(string json) where T : Resource
    {
        try
        {
            return Deserializer.Deserialize<T>(json);
        }
        catch (InvalidOperationException e)
        {
            // The reader reports some broken JSON (a top-level array, a lone surrogate in a string) this way.
            throw new System.Text.Json.JsonException(e.Message, e);
        }
    }
}
