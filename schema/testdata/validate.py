"""Validates instances with Python jsonschema (draft 2020-12), as a
consumer would. Usage: python3 validate.py MANIFEST (see validate.js).
Checks every schema against its metaschema first. Works with the
jsonschema of Debian 12 (4.10, RefResolver) and later (referencing)."""
import json
import sys

import jsonschema

with open(sys.argv[1], encoding="utf-8") as f:
    manifest = json.load(f)
schemas = {}
for path in manifest["schemas"]:
    with open(path, encoding="utf-8") as f:
        s = json.load(f)
    jsonschema.Draft202012Validator.check_schema(s)
    schemas[s["$id"]] = s

try:
    from referencing import Registry, Resource

    registry = Registry().with_resources(
        (i, Resource.from_contents(s)) for i, s in schemas.items())

    def validator(i):
        return jsonschema.Draft202012Validator(schemas[i], registry=registry)
except ImportError:
    def validator(i):
        resolver = jsonschema.RefResolver(i, schemas[i], store=dict(schemas))
        return jsonschema.Draft202012Validator(schemas[i], resolver=resolver)

for inst in manifest["instances"]:
    with open(inst["file"], encoding="utf-8") as f:
        doc = json.load(f)
    errors = ["/" + "/".join(str(p) for p in e.absolute_path) + " " + e.message
              for e in validator(inst["schema"]).iter_errors(doc)]
    print(json.dumps({"file": inst["file"], "valid": not errors, "errors": errors}))
