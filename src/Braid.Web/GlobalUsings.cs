// The namespaces nearly every file of this project uses.
global using Braid.Application;
global using Braid.Core;
global using Braid.Core.Access;
global using Braid.Data.Access;
global using Braid.Web.Access;
global using Braid.Web.Infrastructure;
global using Braid.Web.Localization;
global using Microsoft.AspNetCore.Identity;
global using Microsoft.AspNetCore.Mvc;
global using Microsoft.AspNetCore.Mvc.RazorPages;
