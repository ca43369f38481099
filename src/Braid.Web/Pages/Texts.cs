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
        ["sign-in"] = ("Sign in", "Iniciar sesión"),
        ["sign-out"] = ("Sign out", "Cerrar sesión"),
        ["email"] = ("Email", "Correo electrónico"),
        ["password"] = ("Password", "Contraseña"),
        ["code"] = ("Code from your authenticator app (if you set one up)", "Código de su aplicación de autenticación (si la configuró)"),
        ["signed-in-as"] = ("Signed in as {0}", "Sesión iniciada como {0}"),
        ["bad-credentials"] = ("The email or password is not right.", "El correo o la contraseña no son correctos."),
        ["locked-out"] = ("Too many failed attempts: this account is locked for 15 minutes. You can reset the password.", "Demasiados intentos fallidos: la cuenta está bloqueada 15 minutos. Puede restablecer la contraseña."),
        ["bad-code"] = ("The authenticator code is not right.", "El código de autenticación no es correcto."),
        ["forgot"] = ("Forgot your password?", "¿Olvidó su contraseña?"),
        ["forgot-intro"] = ("We will email you a link to choose a new password.", "Le enviaremos un enlace para elegir una contraseña nueva."),
        ["send-link"] = ("Send the link", "Enviar el enlace"),
        ["link-sent"] = ("If an account uses that email, a link is on its way.", "Si alguna cuenta usa ese correo, le enviamos un enlace."),
        ["new-password"] = ("New password (at least 12 characters)", "Contraseña nueva (al menos 12 caracteres)"),
        ["reset"] = ("Choose a new password", "Elegir una contraseña nueva"),
        ["reset-done"] = ("Your password is changed. You can sign in.", "Su contraseña cambió. Ya puede iniciar sesión."),
        ["reset-failed"] = ("The link is not valid any more, or the password is too weak:", "El enlace ya no es válido o la contraseña es débil:"),
        ["required"] = ("{0} is required.", "{0} es obligatorio."),
        ["verified-today"] = ("Verified today", "Verificado hoy"),
        ["manage"] = ("Your listings", "Sus servicios"),
        ["manage-intro"] = ("Keep your organization's services true: edit them, or confirm they are still accurate.", "Mantenga al día los servicios de su organización: edítelos o confirme que siguen siendo correctos."),
        ["no-memberships"] = ("Your account does not belong to an organization that keeps listings.", "Su cuenta no pertenece a una organización que mantenga servicios."),
        ["claim"] = ("Claim this organization's listings", "Reclamar los servicios de esta organización"),
        ["claim-pending"] = ("Your claim is waiting for a community administrator.", "Su solicitud espera a un administrador de la comunidad."),
        ["claim-refused"] = ("Your claim was refused; you can ask again.", "Su solicitud fue rechazada; puede volver a pedirla."),
        ["claim-needed"] = ("An administrator of the organization must claim its listings before they can be edited.", "Un administrador de la organización debe reclamar sus servicios antes de editarlos."),
        ["edit"] = ("Edit", "Editar"),
        ["history"] = ("History", "Historial"),
        ["still-accurate"] = ("Still accurate", "Sigue siendo correcto"),
        ["save"] = ("Save", "Guardar"),
        ["saved"] = ("Saved and verified today.", "Guardado y verificado hoy."),
        ["confirmed"] = ("Confirmed as still accurate today.", "Confirmado hoy como correcto."),
        ["service-name"] = ("Service name", "Nombre del servicio"),
        ["description"] = ("Description", "Descripción"),
        ["status"] = ("Status", "Estado"),
        ["active"] = ("Active", "Activo"),
        ["inactive"] = ("Inactive", "Inactivo"),
        ["street"] = ("Street address", "Dirección"),
        ["city"] = ("City", "Ciudad"),
        ["opens"] = ("Opens", "Abre"),
        ["closes"] = ("Closes", "Cierra"),
        ["capacity"] = ("Capacity (e.g. 40 per week)", "Capacidad (p. ej. 40 per week)"),
        ["changed"] = ("{0}: “{1}” → “{2}”", "{0}: «{1}» → «{2}»"),
        ["no-history"] = ("No changes recorded yet.", "Aún no hay cambios registrados."),
        ["claims"] = ("Listing claims", "Solicitudes de servicios"),
        ["approve"] = ("Approve", "Aprobar"),
        ["refuse"] = ("Refuse", "Rechazar"),
        ["no-claims"] = ("No claims are waiting.", "No hay solicitudes pendientes."),
        ["freshness"] = ("Listings overdue for verification", "Servicios con verificación vencida"),
        ["freshness-intro"] = ("Active services not verified in the last {0} days (or never).", "Servicios activos no verificados en los últimos {0} días (o nunca)."),
        ["never"] = ("never", "nunca"),
        ["send-reminders"] = ("Email reminders to the owning organizations", "Enviar recordatorios a las organizaciones"),
        ["reminders-sent"] = ("Reminders sent to {0} administrators of {1} organizations; {2} organizations have no administrator in Braid.", "Recordatorios enviados a {0} administradores de {1} organizaciones; {2} organizaciones no tienen administrador en Braid."),
        ["denied"] = ("You do not have access to this page.", "No tiene acceso a esta página."),
        ["security"] = ("Two-step sign-in", "Inicio de sesión en dos pasos"),
        ["two-factor-on"] = ("Two-step sign-in is on: you enter a code from your authenticator app after your password.", "El inicio en dos pasos está activado: después de la contraseña ingresa un código de su aplicación."),
        ["two-factor-off"] = ("Two-step sign-in is off.", "El inicio en dos pasos está desactivado."),
        ["two-factor-setup"] = ("Add this key to an authenticator app (or open the link on your phone), then enter the code it shows:", "Agregue esta clave a una aplicación de autenticación (o abra el enlace en su teléfono) e ingrese el código que muestra:"),
        ["turn-on"] = ("Turn on two-step sign-in", "Activar el inicio en dos pasos"),
        ["turn-off"] = ("Turn off two-step sign-in", "Desactivar el inicio en dos pasos"),
    };

    public static bool Spanish => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "es";

    public static string Lang => Spanish ? "es" : "en";

    /// <summary>"Verified today", or the date of the last verification (HSDS assured_date).</summary>
    public static string Verified(string assuredDate, DateOnly today) =>
        assuredDate == today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ? T("verified-today") : T("verified", assuredDate);

    public static string T(string key, params object[] args)
    {
        var (en, es) = All[key];
        var text = Spanish ? es : en;
        return args.Length == 0 ? text : string.Format(CultureInfo.CurrentCulture, text, args);
    }
}
