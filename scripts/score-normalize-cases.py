#!/usr/bin/env python3
"""Scores the normalizer on a file of authored cases.

Usage: scripts/score-normalize-cases.py CASES.tsv [FOLIO] [--show]

CASES.tsv: a header line starting with `#`, then one case per line, `family<TAB>input<TAB>expected`.
A case whose expected text equals its input is a trap (it must come back unchanged); an empty
expected text means the whole line is site residue and must go. Each input is given to
`folio normalize --stdin --no-typography` as the one paragraph under a headline, and the
paragraph that comes back is compared with the expected text, curly quotes and no-break spaces
read as their ASCII forms (a decoded `&#8220;` is right when the case writes `"`).

Prints, per family and in all, the share of fixes that came back exactly as expected and the
share of traps that were changed; `--show` also prints every miss. FOLIO defaults to
`target/release/folio`. Case files are not kept in the repository: write your own, or ask
someone who has not read the rules to write them.
"""
import subprocess
import sys

FOLD = {0x201C: '"', 0x201D: '"', 0x2018: "'", 0x2019: "'", 0xA0: " "}


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    if not args:
        sys.exit(__doc__)
    path = args[0]
    folio = args[1] if len(args) > 1 else "target/release/folio"
    show = "--show" in sys.argv
    families: dict[str, list[int]] = {}
    for line in open(path, encoding="utf-8"):
        if line.startswith("#") or not line.strip():
            continue
        parts = line.rstrip("\n").split("\t")
        family, given = parts[0], parts[1]
        expected = parts[2] if len(parts) > 2 else ""
        doc = "A headline for the case\n\n" + given + "\n"
        run = subprocess.run(
            [folio, "normalize", "--stdin", "--no-typography"],
            input=doc.encode(),
            capture_output=True,
            check=False,
        )
        if run.returncode != 0:
            sys.exit(f"folio failed on {given!r}: {run.stderr.decode()}")
        out = run.stdout.decode()
        body = out.split("\n\n", 1)[1].strip("\n") if "\n\n" in out else ""
        body = body.translate(FOLD)
        counts = families.setdefault(family, [0, 0, 0, 0])
        if expected == given:
            counts[2] += 1
            if body != given:
                counts[3] += 1
                if show:
                    print(f"TRAP CHANGED [{family}]\n  in:  {given}\n  out: {body}")
        else:
            counts[0] += 1
            if body == expected:
                counts[1] += 1
            elif show:
                print(f"FIX MISSED [{family}]\n  in:  {given}\n  exp: {expected}\n  out: {body}")
    total = [sum(c[i] for c in families.values()) for i in range(4)]
    for family, (fixes, exact, traps, changed) in families.items():
        print(f"{family:12} fixes exact {exact}/{fixes}  traps changed {changed}/{traps}")
    fixes, exact, traps, changed = total
    print(
        f"all          fixes exact {exact}/{fixes} = {100 * exact / max(fixes, 1):.1f}%"
        f"  traps changed {changed}/{traps} = {100 * changed / max(traps, 1):.1f}%"
    )


if __name__ == "__main__":
    main()
