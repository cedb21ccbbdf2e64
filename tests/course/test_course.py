"""Every unit of the autodiff course (notebooks/course/src/*.py) runs in the Slope kernel with
nbclient: no error output, at least the images it declares (`# required_images: N`), every
exercise's check passes with the reference answer; and with an answer cell replaced by its wrong
answer, that exercise's check cell fails with an error that gives a hint ("Hint:")."""

from __future__ import annotations

from pathlib import Path

import pytest

import course

UNITS = course.sources()


def test_the_course_has_units():
    assert len(UNITS) >= 4, [p.name for p in UNITS]


@pytest.mark.parametrize("path", UNITS, ids=[p.stem for p in UNITS])
def test_unit_runs_with_its_images_and_passing_checks(path, tmp_path):
    nb = course.execute(course.parse(path), tmp_path)
    errs = course.errors(nb)
    assert not errs, "\n\n".join(f"cell {k}:\n{nb.cells[k].source}\n{course.error_text(o)}" for k, o in errs)
    for c in nb.cells:
        if c.cell_type == "code":
            assert c.execution_count is not None, c.source
    need = nb.metadata["slope"]["required_images"]
    got = course.images(nb)
    assert need >= 1 and len(got) >= need, f"{path.name}: {len(got)} images, {need} required"
    checks = [c for c in nb.cells if "check" in c.metadata.get("tags", [])]
    assert checks and all(c.execution_count is not None for c in checks)


def _cases():
    for p in UNITS:
        for e in course.exercises(course.parse(p)):
            yield pytest.param(p, e, id=f"{p.stem}-exercise{e}")


@pytest.mark.parametrize("path,exercise", list(_cases()))
def test_wrong_answer_fails_its_check_with_a_hint(path, exercise, tmp_path):
    nb, k = course.with_wrong_answer(course.parse(path), exercise)
    course.execute(nb, tmp_path)
    before = [(j, o) for j, o in course.errors(nb) if j < k and "answer" not in nb.cells[j].metadata.get("tags", [])]
    assert not before, f"cells before the check failed: {[course.error_text(o) for _, o in before]}"
    check_errors = [o for j, o in course.errors(nb) if j == k]
    assert check_errors, f"{path.name}: exercise {exercise}'s check passed with the wrong answer:\n{nb.cells[k].source}"
    text = course.error_text(check_errors[0])
    assert "Hint:" in text, f"{path.name}: the check failed without a hint:\n{text}"


def test_parse_rejects_malformed_sources(tmp_path):
    bad = tmp_path / "01-bad.py"
    bad.write_text("# %% [answer]\nx = 1\n# %% [check]\nassert x == 1, 'Hint: one'\n")
    with pytest.raises(course.SourceError, match="followed by"):
        course.parse(bad)
    bad.write_text("# %% [markdown]\nnot a comment\n# %% [answer]\nx = 1\n# %% [wrong]\nx = 2\n# %% [check]\nassert x == 1\n")
    with pytest.raises(course.SourceError, match="starts with"):
        course.parse(bad)


def test_parse_stores_the_wrong_answer_in_metadata(tmp_path):
    src = tmp_path / "01-ok.py"
    src.write_text("# required_images: 2\n\n# %% [markdown]\n# # Title\n#\n# text\n\n# %%\nx = 1\n\n# %% [answer]\ny = x + 1\n# %% [wrong]\ny = x\n# %% [check]\nassert y == 2, 'Hint: add one'\n")
    nb = course.parse(src)
    assert nb.metadata["slope"]["required_images"] == 2
    assert [c.cell_type for c in nb.cells] == ["markdown", "code", "code", "code"]
    assert nb.cells[0].source == "# Title\n\ntext"
    assert nb.cells[2].metadata == {"tags": ["answer"], "slope": {"exercise": 1, "wrong": "y = x"}}
    assert nb.cells[3].metadata["tags"] == ["check"]
    assert course.title_of(nb) == "Title"
