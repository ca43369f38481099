#!/usr/bin/env python3
"""Fails when a direct PackageReference restored to another version than the one pinned.

NuGet takes the next version up when the pinned one is not served (warning NU1603) and the build
goes on; the code then compiles against an API it was not written for, and breaks on the day the
pinned version is served again. Transitive packages may float (NU1603 stays allowed for them).

Usage: check-pins.py [ROOT]   (reads every ROOT/**/obj/project.assets.json)
"""
import json
import pathlib
import re
import sys


def requested_version(spec: str) -> str:
    # A central pin shows up as "[34.0.0, )": the lower bound is what was asked for.
    match = re.match(r"^\[?\s*([^,\]\s)]+)", spec)
    return match.group(1) if match else spec


def check(assets_path: pathlib.Path) -> list[str]:
    assets = json.loads(assets_path.read_text(encoding="utf-8"))
    project = assets.get("project", {})
    name = project.get("restore", {}).get("projectName") or assets_path.parent.parent.name
    problems = []
    for framework, spec in project.get("frameworks", {}).items():
        resolved = {}
        for target_name, packages in assets.get("targets", {}).items():
            if target_name.split("/")[0] != framework:
                continue
            for key, package in packages.items():
                if package.get("type") == "package":
                    pkg, _, version = key.partition("/")
                    resolved[pkg.lower()] = version
        for pkg, dependency in spec.get("dependencies", {}).items():
            if dependency.get("target") != "Package":
                continue
            wanted = requested_version(dependency.get("version", ""))
            got = resolved.get(pkg.lower())
            if got is None:
                problems.append(f"{name}: {pkg} {wanted} was not restored at all")
            elif got.lower() != wanted.lower():
                problems.append(f"{name}: {pkg} is pinned to {wanted} but restored {got}"
                                f" (the pinned version is not served; pin the one the code is written for)")
    return problems


def main() -> int:
    root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else ".")
    files = sorted(p for p in root.rglob("obj/project.assets.json") if "node_modules" not in p.parts)
    if not files:
        print(f"check-pins: no obj/project.assets.json under {root}: restore first", file=sys.stderr)
        return 2
    problems = [problem for path in files for problem in check(path)]
    for problem in problems:
        print(f"check-pins: {problem}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
