#!/usr/bin/env python3
"""Checks every schema with python3-jsonschema's Draft 7 meta-schema, and every example file (and, given the
collab binary, the output of every `collab init` template) against its schema, independently of collab's own
validator. YAML is read the way collab reads it: dates stay text (the YAML 1.2 core schema has no
timestamps)."""
import glob
import json
import os
import subprocess
import sys
import tempfile

import jsonschema
import yaml


class CoreLoader(yaml.SafeLoader):
    pass


# PyYAML resolves YAML 1.1 timestamps; collab (YAML 1.2 core) keeps them as text.
CoreLoader.yaml_implicit_resolvers = {
    k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:timestamp"]
    for k, v in CoreLoader.yaml_implicit_resolvers.items()
}

KINDS = {"organizations": "organization", "teams": "team", "eois": "eoi", "events": "event",
         "attendance": "attendance", "measures": "measure", "data": "data", "assessments": "assessment",
         "network": "network", "reviews": "review", "pdsa": "pdsa", "surveys": "survey",
         "responses": "responses", "outcomes": "outcome", "products": "product"}
TOP = {"collab.yaml": "collaborative", "rubric.yaml": "rubric", "driver-diagram.yaml": "driver-diagram",
       "decisions.yaml": "decisions", "theory-of-change.yaml": "theory-of-change",
       "learning-agenda.yaml": "learning-agenda", "resources.yaml": "resources"}


def kind_of(rel):
    parts = rel.split("/")
    if len(parts) == 1:
        return TOP.get(parts[0])
    return KINDS.get(parts[0]) if len(parts) >= 2 else None


def scaffold_templates(collab, into):
    """Runs `collab init` with every template, so the templates' output is checked too."""
    listing = subprocess.run([collab, "init", "--list", "--format", "json"], check=True, capture_output=True, text=True)
    roots = []
    for template in json.loads(listing.stdout):
        root = os.path.join(into, template["name"])
        subprocess.run([collab, "init", root, "--template", template["name"], "--name", "Check", "--start",
                        "2027-01-11", "--timezone", "America/New_York", "-q"], check=True)
        roots.append(root)
    return roots


def main(repo, collab=None):
    schemas = {}
    for path in sorted(glob.glob(os.path.join(repo, "schemas", "*.schema.json"))):
        with open(path) as f:
            schema = json.load(f)
        jsonschema.Draft7Validator.check_schema(schema)
        schemas[os.path.basename(path).replace(".schema.json", "")] = jsonschema.Draft7Validator(schema)
    failures = checked = 0
    roots = sorted(os.path.dirname(p) for p in glob.glob(os.path.join(repo, "examples", "*", "collab.yaml")))
    tmp = tempfile.TemporaryDirectory()
    if collab:
        roots += scaffold_templates(collab, tmp.name)
    for root in roots:
        for dirpath, dirnames, filenames in os.walk(root):
            dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
            for name in sorted(filenames):
                if not name.endswith((".yaml", ".yml")):
                    continue
                path = os.path.join(dirpath, name)
                rel = os.path.relpath(path, root).replace(os.sep, "/")
                kind = kind_of(rel)
                if kind is None:
                    continue
                with open(path, encoding="utf-8") as f:
                    data = yaml.load(f, Loader=CoreLoader)
                checked += 1
                for err in schemas[kind].iter_errors(data):
                    failures += 1
                    print(f"{path}: {'/'.join(map(str, err.path))}: {err.message}")
    print(f"{len(schemas)} schemas; {checked} files of {len(roots)} collaboratives checked; {failures} problems")
    return 1 if failures or checked == 0 else 0


if __name__ == "__main__":
    here = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else here, sys.argv[2] if len(sys.argv) > 2 else None))
