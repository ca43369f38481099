// Validates JSON documents against the official HSDS 3.0 JSON Schemas, offline.
// stdin: [{ "schema": "service.json" | "compiled/service_list.json" | "page" | "api_details", "data": ... }]
// stdout: [{ "valid": bool, "errors": [ "instancePath message", ... ] }]
import Ajv from "ajv";
import addFormats from "ajv-formats";
import { readFileSync, readdirSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const schemaDir = join(here, "..", "..", "standards", "hsds", "3.0", "schema");
const base = "https://raw.githubusercontent.com/openreferral/specification/3.0/schema/";

// HSDS uses a few non-standard formats ("csv", "datetime"); they are annotations, not checks.
const ajv = new Ajv({ strict: false, allErrors: true, logger: false });
addFormats(ajv);
ajv.addFormat("csv", true);
ajv.addFormat("datetime", true);

const objects = readdirSync(schemaDir).filter((f) => f.endsWith(".json") && f !== "openapi.json");
for (const f of objects) {
  const text = readFileSync(join(schemaDir, f), "utf8");
  ajv.addSchema(JSON.parse(text), base + f);
  // The compiled list schemas refer to object schemas relative to their own folder.
  ajv.addSchema(JSON.parse(text), base + "compiled/" + f);
}
for (const f of readdirSync(join(schemaDir, "compiled")).filter((f) => f.endsWith(".json"))) {
  ajv.addSchema(JSON.parse(readFileSync(join(schemaDir, "compiled", f), "utf8")), base + "compiled/" + f);
}

const openapi = JSON.parse(readFileSync(join(schemaDir, "openapi.json"), "utf8"));
const page = { ...openapi.components.schemas.Page, required: ["total_items", "total_pages", "page_number", "size", "first_page", "last_page", "empty", "contents"] };
page.properties = { ...page.properties, contents: { type: "array" } };
ajv.addSchema(page, "page");
const details = openapi.paths["/"].get.responses["200"].content["application/json"].schema;
ajv.addSchema({ ...details, required: ["version", "profile", "openapi_url"] }, "api_details");

const input = JSON.parse(readFileSync(0, "utf8"));
const results = input.map(({ schema, data }) => {
  const key = schema === "page" || schema === "api_details" ? schema : base + schema;
  const validate = ajv.getSchema(key);
  if (!validate) return { valid: false, errors: [`unknown schema ${schema}`] };
  const valid = validate(data);
  return { valid, errors: (validate.errors || []).map((e) => `${e.instancePath || "/"} ${e.message}`) };
});
process.stdout.write(JSON.stringify(results));
