"""The autodiff course (notebooks/course): sources to notebooks, notebooks run in the Slope
kernel, the static site docs/course/.

    python scripts/course.py            build: execute every unit, write notebooks/course/*.ipynb
                                        with their outputs, the site docs/course/ and the README
                                        picture docs/course-picture.png
    python scripts/course.py --check    execute every unit, write nothing
    python scripts/course.py 01 03      only these units (by number or file stem)

scripts/course.sh runs this with the test venv and the kernelspec installed. The test
tests/course/test_course.py imports `parse`, `execute` and friends from here.

Source format (notebooks/course/src/NN-slug.py), jupytext's "percent" style:

- Lines before the first cell marker are the header; `# required_images: N` there says how
  many images (image/png or image/svg+xml outputs) a run must produce at least (default 1).
- `# %%` starts a code cell, `# %% [markdown]` a markdown cell whose lines are written `# text`.
  `tags=["a", "b"]` after the marker tags the cell (`readme-picture`: its PNG output becomes
  docs/course-picture.png). In code cells a magic is written as a comment, `# %timeit f(x)`, as
  jupytext does, and becomes the line `%timeit f(x)`.
- An exercise is three cells in a row: `# %% [answer]` the reference answer (a code cell tagged
  `answer`), `# %% [wrong]` a wrong answer (not a cell: stored in the answer cell's metadata as
  {"slope": {"wrong": SOURCE, "exercise": K}}), `# %% [check]` the cell that checks the answer
  (tagged `check`, metadata {"slope": {"exercise": K}}); it fails with an error whose text holds
  "Hint:" when the answer is wrong.
"""

from __future__ import annotations

import argparse
import base64
import html
import json
import os
import re
import sys
import time
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
COURSE = ROOT / "notebooks" / "course"
SRC = COURSE / "src"
SITE = ROOT / "docs" / "course"
TEMPLATE = COURSE / "template"
README_PICTURE = ROOT / "docs" / "course-picture.png"
KERNEL_NAME = "slope"

MARKER = re.compile(r"^# %%(?:\s*\[(\w[\w-]*)\])?(?:\s+tags=(\[[^\]]*\]))?\s*$")
HEADER = re.compile(r"^#\s*required_images:\s*(\d+)\s*$")


class SourceError(ValueError):
    pass


def sources() -> list[Path]:
    """The unit sources, in order."""
    return sorted(p for p in SRC.glob("[0-9][0-9]-*.py"))


def _strip_blank(lines: list[str]) -> str:
    while lines and not lines[-1].strip():
        lines.pop()
    while lines and not lines[0].strip():
        lines.pop(0)
    return "\n".join(lines)


MAGIC = re.compile(r"^# (%%?[A-Za-z_])")


def magics(lines: list[str]) -> list[str]:
    """Jupytext's escaped magics: `# %timeit x` in a code cell is the line `%timeit x`."""
    return [MAGIC.sub(r"\1", line) for line in lines]


def parse(path: Path) -> nbformat.NotebookNode:
    """A unit's source as a notebook (no outputs)."""
    text = path.read_text()
    required = 1
    cells: list[tuple[str, list[str], int, list[str]]] = []  # (kind, lines, line number, tags)
    current = None
    for n, line in enumerate(text.splitlines(), 1):
        m = MARKER.match(line)
        if m:
            kind = m.group(1) or "code"
            if kind not in ("code", "markdown", "answer", "wrong", "check"):
                raise SourceError(f"{path.name}:{n}: unknown cell kind [{kind}] (use markdown, answer, wrong or check)")
            tags = json.loads(m.group(2)) if m.group(2) else []
            current = (kind, [], n, tags)
            cells.append(current)
        elif current is None:
            h = HEADER.match(line)
            if h:
                required = int(h.group(1))
        else:
            current[1].append(line)
    nb = nbformat.v4.new_notebook()
    nb.metadata = {
        "kernelspec": {"display_name": "Slope", "language": "python", "name": KERNEL_NAME},
        "language_info": {"file_extension": ".py", "mimetype": "text/x-python", "name": "python", "pygments_lexer": "python"},
        "slope": {"required_images": required, "source": f"src/{path.name}"},
    }
    exercise = 0
    i = 0
    while i < len(cells):
        kind, lines, n, tags = cells[i]
        if kind == "markdown":
            md = []
            for line in lines:
                if line.startswith("# "):
                    md.append(line[2:])
                elif line.rstrip() == "#":
                    md.append("")
                elif not line.strip():
                    md.append("")
                else:
                    raise SourceError(f"{path.name}: markdown cell at line {n}: every line starts with '# ', not {line!r}")
            nb.cells.append(nbformat.v4.new_markdown_cell(_strip_blank(md)))
            if tags:
                nb.cells[-1].metadata["tags"] = tags
        elif kind == "code":
            nb.cells.append(nbformat.v4.new_code_cell(_strip_blank(magics(lines))))
            if tags:
                nb.cells[-1].metadata["tags"] = tags
        elif kind == "answer":
            kinds = [c[0] for c in cells[i : i + 3]]
            if kinds != ["answer", "wrong", "check"]:
                raise SourceError(f"{path.name}:{n}: an [answer] cell is followed by [wrong] and [check], found {kinds}")
            exercise += 1
            answer = nbformat.v4.new_code_cell(_strip_blank(magics(lines)))
            answer.metadata = {"tags": ["answer"] + tags, "slope": {"exercise": exercise, "wrong": _strip_blank(magics(cells[i + 1][1]))}}
            check = nbformat.v4.new_code_cell(_strip_blank(magics(cells[i + 2][1])))
            check.metadata = {"tags": ["check"] + cells[i + 2][3], "slope": {"exercise": exercise}}
            nb.cells += [answer, check]
            i += 3
            continue
        else:
            raise SourceError(f"{path.name}:{n}: a [{kind}] cell comes right after an [answer] cell")
        i += 1
    if exercise == 0:
        raise SourceError(f"{path.name}: a unit has at least one exercise ([answer], [wrong], [check])")
    # Stable ids, so a rebuild changes the notebook only where its content changed.
    for k, c in enumerate(nb.cells):
        c["id"] = f"{path.stem[:2]}-{k:03d}"
    return nb


def kernel_env() -> None:
    """Find the kernelspec installed into this venv first (as tests/kernel's conftest does)."""
    data = str(Path(sys.prefix) / "share" / "jupyter")
    paths = [p for p in os.environ.get("JUPYTER_PATH", "").split(os.pathsep) if p]
    if data not in paths:
        os.environ["JUPYTER_PATH"] = os.pathsep.join([data] + paths)
    os.environ.setdefault("JUPYTER_PLATFORM_DIRS", "1")


def execute(nb: nbformat.NotebookNode, cwd: Path, allow_errors: bool = True, timeout: int = 300) -> nbformat.NotebookNode:
    """Run every cell in a fresh Slope kernel (in place); returns nb."""
    from nbclient import NotebookClient

    kernel_env()
    client = NotebookClient(nb, kernel_name=KERNEL_NAME, timeout=timeout, allow_errors=allow_errors, resources={"metadata": {"path": str(cwd)}})
    client.execute()
    return nb


def errors(nb) -> list[tuple[int, dict]]:
    return [(k, o) for k, c in enumerate(nb.cells) if c.cell_type == "code" for o in c.get("outputs", []) if o.output_type == "error"]


def error_text(o) -> str:
    return "\n".join([o.get("ename", ""), o.get("evalue", "")] + list(o.get("traceback", [])))


def images(nb) -> list[tuple[int, str]]:
    out = []
    for k, c in enumerate(nb.cells):
        for o in c.get("outputs", []) if c.cell_type == "code" else []:
            data = o.get("data", {})
            for mime in ("image/png", "image/svg+xml"):
                if mime in data:
                    out.append((k, mime))
                    break
    return out


def with_wrong_answer(nb: nbformat.NotebookNode, exercise: int) -> tuple[nbformat.NotebookNode, int]:
    """A copy of nb up to exercise's check cell, its answer replaced by the wrong one; also the
    check cell's index."""
    nb2 = nbformat.reads(nbformat.writes(nb), as_version=4)
    for k, c in enumerate(nb2.cells):
        s = c.metadata.get("slope", {})
        if s.get("exercise") == exercise and "answer" in c.metadata.get("tags", []):
            c.source = s["wrong"]
        if s.get("exercise") == exercise and "check" in c.metadata.get("tags", []):
            nb2.cells = nb2.cells[: k + 1]
            return nb2, k
    raise KeyError(f"no exercise {exercise}")


def exercises(nb) -> list[int]:
    return sorted({c.metadata["slope"]["exercise"] for c in nb.cells if "check" in c.metadata.get("tags", [])})


def strip_outputs_for_write(nb):
    for c in nb.cells:
        if c.cell_type == "code":
            c.metadata.pop("execution", None)
    return nb


# ---------------------------------------------------------------------------------------------
# The site

def title_of(nb) -> str:
    for c in nb.cells:
        if c.cell_type == "markdown":
            for line in c.source.splitlines():
                if line.startswith("# "):
                    return line[2:].strip()
    return "Untitled"


def _exporter():
    from nbconvert import HTMLExporter

    ex = HTMLExporter(template_name="course", extra_template_basedirs=[str(TEMPLATE)])
    ex.embed_images = True
    ex.exclude_input_prompt = True
    ex.exclude_output_prompt = True
    return ex


def _nav(units: list[tuple[str, str]], k: int) -> str:
    prev = f'<a href="{units[k - 1][0]}.html">← {html.escape(units[k - 1][1])}</a>' if k > 0 else "<span></span>"
    nxt = f'<a href="{units[k + 1][0]}.html">{html.escape(units[k + 1][1])} →</a>' if k + 1 < len(units) else "<span></span>"
    return f'<nav class="course-nav">{prev}<a href="index.html">The course</a>{nxt}</nav>'


LAB_CSS = "jupyterlab.css"


def _link_lab_css(body: str, out: Path) -> str:
    """The lab template inlines ~260 KB of JupyterLab's CSS (and Pygments') into every page: move
    the style blocks before the course's own into one `jupyterlab.css` beside the pages, linked."""
    blocks = list(re.finditer(r'<style type="text/css">(.*?)</style>\s*', body, re.S))
    lab = [m for m in blocks if "course-nav" not in m.group(1)]
    if not lab:
        return body
    css = "\n".join(m.group(1).strip() for m in lab) + "\n"
    path = out / LAB_CSS
    if path.exists() and path.read_text() != css:
        raise SystemExit(f"{path}: pages of one build inline different JupyterLab CSS")
    path.write_text(css)
    link = f'<link rel="stylesheet" href="{LAB_CSS}">\n'
    start, end = lab[0].start(), lab[-1].end()
    assert all("course-nav" not in m.group(1) for m in blocks if start <= m.start() < end)
    return body[:start] + link + body[end:]


def build_site(notebooks: list[tuple[str, nbformat.NotebookNode]], out: Path = SITE) -> list[Path]:
    """docs/course/ (or `out`): index.html and one page per unit (no remote URL anywhere)."""
    out.mkdir(parents=True, exist_ok=True)
    for old in [*out.glob("*.html"), out / LAB_CSS]:
        old.unlink(missing_ok=True)
    ex = _exporter()
    units = [(stem, title_of(nb)) for stem, nb in notebooks]
    written = []
    for k, (stem, nb) in enumerate(notebooks):
        body, _ = ex.from_notebook_node(nb, resources={"metadata": {"name": units[k][1]}})
        body = re.sub(r'href="(\d\d-[\w-]+)\.ipynb', r'href="\1.html', body)
        nav = _nav(units, k)
        body = body.replace("<!-- course-nav -->", nav, 1).replace("<!-- course-nav-end -->", nav, 1)
        body = _link_lab_css(body, out)
        path = out / f"{stem}.html"
        path.write_text(body)
        written.append(path)
    items = "\n".join(f'<li><a href="{s}.html">{html.escape(t)}</a></li>' for s, t in units)
    png = picture_png(notebooks)
    picture = f'<p><img class="picture" alt="A computation graph from the course" src="data:image/png;base64,{base64.b64encode(png).decode()}"></p>' if png else ""
    index = INDEX.replace("{items}", items).replace("{picture}", picture)
    (out / "index.html").write_text(index)
    written.append(out / "index.html")
    for p in written:
        remote = re.findall(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//[^"'\s>]+""", p.read_text())
        if remote:
            raise SystemExit(f"{p}: the page loads remote resources: {remote[:3]}")
    return written


INDEX = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Autodiff with Slope: the course</title>
<style>
body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; max-width: 46em; margin: 3em auto; padding: 0 1em; line-height: 1.55; color: #222; }
h1 { font-size: 1.9em; margin-bottom: 0.2em; }
ol.units { list-style: none; padding-left: 0.5em; }
ol.units li { margin: 0.35em 0; font-size: 1.1em; }
a { color: #1a5fb4; }
.picture { max-width: 100%; border: 1px solid #ddd; }
</style>
</head>
<body>
<h1>Autodiff with Slope</h1>
<p>A course on automatic differentiation in ten notebooks. Every unit runs top to bottom in the
Slope kernel; each has an exercise whose answer the notebook checks. Open a unit's notebook under
<code>notebooks/course/</code> in Jupyter (kernel <b>Slope</b>) to change the code and run it.</p>
<ol class="units">
{items}
</ol>
{picture}
</body>
</html>
"""


def picture_png(notebooks) -> bytes | None:
    """The PNG output of the cell tagged `readme-picture`."""
    for _, nb in notebooks:
        for c in nb.cells:
            if "readme-picture" in c.metadata.get("tags", []):
                for o in c.get("outputs", []):
                    if "image/png" in o.get("data", {}):
                        return base64.b64decode(o["data"]["image/png"])
    return None


def readme_picture(notebooks) -> Path | None:
    """The README's picture, docs/course-picture.png."""
    png = picture_png(notebooks)
    if png:
        README_PICTURE.write_bytes(png)
        return README_PICTURE
    return None


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description="Build the autodiff course: notebooks with outputs and the site docs/course/.")
    ap.add_argument("--check", action="store_true", help="execute every unit and check it; write nothing")
    ap.add_argument("units", nargs="*", help="unit numbers or stems (default: all)")
    a = ap.parse_args(argv)
    paths = sources()
    if a.units:
        paths = [p for p in paths if any(p.stem == u or p.stem.startswith(u + "-") for u in a.units)]
    if not paths:
        print("no unit sources found", file=sys.stderr)
        return 1
    done = []
    failed = False
    for p in paths:
        nb = parse(p)
        t0 = time.monotonic()
        execute(nb, COURSE)
        dt = time.monotonic() - t0
        errs = errors(nb)
        imgs = images(nb)
        need = nb.metadata["slope"]["required_images"]
        status = "ok"
        if errs:
            failed = True
            k, o = errs[0]
            status = f"ERROR in cell {k}: {o.get('ename')}: {o.get('evalue')}"
        elif len(imgs) < need:
            failed = True
            status = f"ERROR: {len(imgs)} images, {need} required"
        print(f"{p.stem}: {dt:5.1f} s, {len(imgs)} images, {len(exercises(nb))} exercises: {status}", flush=True)
        done.append((p.stem, nb))
    if failed:
        return 1
    if a.check:
        return 0
    for stem, nb in done:
        out = COURSE / f"{stem}.ipynb"
        nbformat.write(strip_outputs_for_write(nb), out)
        print(f"wrote {out.relative_to(ROOT)}")
    if a.units:
        # A partial build: the site needs every unit; read the others from their notebooks.
        have = {s for s, _ in done}
        for p in sources():
            if p.stem not in have and (COURSE / f"{p.stem}.ipynb").exists():
                done.append((p.stem, nbformat.read(COURSE / f"{p.stem}.ipynb", as_version=4)))
        done.sort(key=lambda t: t[0])
    for path in build_site(done):
        print(f"wrote {path.relative_to(ROOT)}")
    pic = readme_picture(done)
    if pic:
        print(f"wrote {pic.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
