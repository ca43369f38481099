// The namespaces nearly every file of this project uses.
global using System.Data.Common;
global using System.Globalization;
global using Braid.Core.Directory.Hsds;
global using Braid.Data.Migrations;
global using Microsoft.EntityFrameworkCore;
