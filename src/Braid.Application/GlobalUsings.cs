// The namespaces nearly every file of this project uses.
global using Braid.Core;
global using Braid.Core.Access;
