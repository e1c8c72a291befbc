// Validates instances with Ajv 8 (draft 2020-12), as a consumer would.
// Usage: node validate.js MANIFEST; MANIFEST is {schemas: [paths],
// instances: [{file, schema: $id}]}. Prints one JSON line per instance,
// {file, valid, errors}, after compiling every schema in default and
// strict mode; a warning from Ajv fails the run.
"use strict";
const fs = require("fs");
const Ajv2020 = require("ajv/dist/2020");
const addFormats = require("ajv-formats");

const manifest = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
const schemas = manifest.schemas.map((p) => JSON.parse(fs.readFileSync(p, "utf8")));
const warnings = [];
const logger = { log() {}, warn: (...a) => warnings.push(a.join(" ")), error: (...a) => warnings.push(a.join(" ")) };

let ajv;
for (const opts of [{ logger }, { logger, strict: true }]) {
  ajv = new Ajv2020(opts);
  addFormats(ajv); // as consumers do; the schemas use no format today
  for (const s of schemas) ajv.addSchema(s);
  for (const s of schemas) ajv.getSchema(s.$id); // compiles, throws in strict mode
}
if (warnings.length > 0) {
  console.error("ajv warnings:\n" + warnings.join("\n"));
  process.exit(2);
}
for (const inst of manifest.instances) {
  const validate = ajv.getSchema(inst.schema);
  const valid = validate(JSON.parse(fs.readFileSync(inst.file, "utf8")));
  const errors = (validate.errors || []).map((e) => `${e.instancePath} ${e.message}`);
  console.log(JSON.stringify({ file: inst.file, valid, errors }));
}
