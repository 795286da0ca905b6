#!/usr/bin/env python3
"""Second opinion for ContentSchemaTests: validates YAML files against a JSON Schema with
Python's jsonschema, reading YAML as a YAML 1.2 editor would (dates stay strings).

    python3 validate.py SCHEMA.json FILE.yaml...   -> one line per file: "valid" or "invalid: <reason>"
"""
import json
import sys

import jsonschema
import yaml


class Loader(yaml.SafeLoader):
    pass


# YAML language servers follow YAML 1.2: 2025-01-20 is a string, not a date.
Loader.yaml_implicit_resolvers = {
    k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:timestamp"]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        schema = json.load(f)
    jsonschema.Draft7Validator.check_schema(schema)
    validator = jsonschema.Draft7Validator(schema)
    for path in sys.argv[2:]:
        try:
            with open(path, encoding="utf-8") as f:
                data = yaml.load(f, Loader=Loader)
        except yaml.YAMLError as e:
            print("invalid: yaml: %s" % str(e).replace("\n", " "))
            continue
        errors = sorted(validator.iter_errors(data), key=lambda e: list(e.path))
        print("valid" if not errors else "invalid: %s" % errors[0].message.replace("\n", " "))


if __name__ == "__main__":
    main()
