// Validates an OpenAPI document (stdin, JSON) against the OpenAPI specification's own JSON Schema
// for its version (2.0, 3.0, 3.1 or 3.2), offline.
// stdout: { "valid": bool, "version": "3.1", "errors": [ ... ] }
import { Validator } from "@seriousme/openapi-schema-validator";

let text = "";
for await (const chunk of process.stdin) text += chunk;
const validator = new Validator();
const result = await validator.validate(JSON.parse(text));
process.stdout.write(JSON.stringify({ valid: result.valid, version: validator.version ?? null, errors: result.valid ? [] : result.errors }));
