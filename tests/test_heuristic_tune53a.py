"""Rules of the tuning round on the fifty-second set's misses (issue 8, tune53a), each on a small snippet: an
exception named in a clause that sets the scene ("when propagating a ``CancelledError``") is when the bug showed, not
an exception the fix stops hiding; a ``release.py`` at the repository's root is the maintainers' release script, not
the package; a DejaGnu ``testsuite/`` holds tests; a language's translation catalog added whole is a feature users opt
into."""

from __future__ import annotations

from tests.facts_support import analysed

# --- an exception in the scene of a fix, not suppressed by it -------------------------------------------------------

_SCOPE_BEFORE = """class CancelScope:
    def __init__(self, deadline=None):
        self._deadline = deadline
        self._host_task = None
        self._cancel_called = False

    def __exit__(self, exc_type, exc_val, exc_tb):
        if self._cancel_called:
            self._host_task.uncancel()
        self._host_task = None
        return False
"""
_SCOPE_AFTER = """class CancelScope:
    def __init__(self, deadline=None):
        self._deadline = deadline
        self._host_task = None
        self._cancel_called = False
        self._pending_uncancellations = 0

    def __exit__(self, exc_type, exc_val, exc_tb):
        if self._cancel_called and self._pending_uncancellations:
            self._pending_uncancellations -= 1
            self._host_task.uncancel()
        self._host_task = None
        return False
"""
_SCOPE = {"src/scopes/_backend.py": (_SCOPE_BEFORE, _SCOPE_AFTER)}


def test_exception_in_the_scene_of_a_fix_is_no_crash() -> None:
    result = analysed(_SCOPE, "Fix cancel scopes calling uncancel when propagating a CancelledError to the parent")
    assert (result.change_type, result.importance) == ("fix", "medium")
    result = analysed(_SCOPE, "Fix cancel scopes: propagate CancelledError to the parent instead of dropping it")
    assert (result.change_type, result.importance) == ("fix", "high")


# --- the maintainers' release script at the root --------------------------------------------------------------------

_RELEASE_BEFORE = """import subprocess


def build_sdist_wheels(token, version):
    run_url = start_workflow(token, version)
    wait_for_build(token, run_url)
    return download_artifacts(token, run_url)


def wait_for_build(token, run_url):
    while not finished(token, run_url):
        sleep(3)


def download_artifacts(token, run_url):
    return fetch(token, run_url + "/artifacts")


def release(version):
    subprocess.check_call(["git", "tag", "-s", version, "-m", f"{version} release"])
    subprocess.check_call(["git", "push", "--tags"])
"""
_RELEASE_AFTER = """import subprocess


def release(version):
    subprocess.check_call(["git", "tag", "-s", version, "-m", f"{version} release"])
    subprocess.check_call(["git", "push", "--tags"])
"""
_WORKFLOW = """name: Publish to PyPI
on:
  workflow_dispatch:
jobs:
  publish:
    runs-on: ubuntu-latest
    steps:
      - uses: pypa/gh-action-pypi-publish@release/v1
"""


def test_release_script_at_the_root_is_low() -> None:
    files = {"release.py": (_RELEASE_BEFORE, _RELEASE_AFTER), ".github/workflows/pypi-publish.yml": (None, _WORKFLOW)}
    result = analysed(files, "Upload to PyPI from the workflow")
    assert result.importance == "low"
    files = {"mypkg/release.py": (_RELEASE_BEFORE, _RELEASE_AFTER),
             ".github/workflows/pypi-publish.yml": (None, _WORKFLOW)}
    result = analysed(files, "Upload to PyPI from the workflow")
    assert result.importance == "high"


# --- a DejaGnu ``testsuite/`` holds tests ---------------------------------------------------------------------------

_SHIM_BEFORE = """#include <stdio.h>

static int esp_delta(void *code, int a, int b)
{
  int delta;
  __asm__ volatile ("movl %%esp, %%ecx\\n\\t"
                    "call *%1\\n\\t"
                    "subl %%esp, %%ecx\\n\\t"
                    "movl %%ecx, %0"
                    : "=r" (delta) : "m" (code), "r" (a), "r" (b) : "ecx");
  return delta;
}

int main(void)
{
  printf("%d\\n", esp_delta(0, 1, 2));
  return 0;
}
"""
_SHIM_AFTER = """#include <stdio.h>

static int esp_delta(void *code, int a, int b)
{
  int delta;
  __asm__ volatile ("movl %1, %%eax\\n\\t"
                    "movl %%esp, %%ecx\\n\\t"
                    "andl $-16, %%esp\\n\\t"
                    "call *%%eax\\n\\t"
                    "subl %%esp, %%ecx\\n\\t"
                    "movl %%ecx, %0"
                    : "=m" (delta) : "r" (code), "r" (a), "r" (b) : "eax", "ecx");
  return delta;
}

int main(void)
{
  printf("%d\\n", esp_delta(0, 1, 2));
  return 0;
}
"""


def test_dejagnu_testsuite_file_is_a_test() -> None:
    title = "Make closure_fastcall_pop portable across compilers"
    result = analysed({"testsuite/libffi.call/closure_fastcall_pop.c": (_SHIM_BEFORE, _SHIM_AFTER)}, title)
    assert (result.change_type, result.importance) == ("test", "low")
    result = analysed({"src/x86/closure_fastcall_pop.c": (_SHIM_BEFORE, _SHIM_AFTER)}, title)
    assert result.importance == "medium"


# --- a language's translation catalog added -------------------------------------------------------------------------

_PO_HEADER = ('msgid ""\nmsgstr ""\n"Project-Id-Version: humanize\\n"\n"Language: ar_SA\\n"\n'
              '"Content-Type: text/plain; charset=UTF-8\\n"\n\n')
_PO_ENTRIES = [("first", "الأول"), ("second", "الثاني"), ("third", "الثالث"), ("a moment", "لحظة"),
               ("a second", "ثانية"), ("a minute", "دقيقة"), ("an hour", "ساعة"), ("a day", "يوم"),
               ("a month", "شهر"), ("a year", "سنة")]


def _catalog(entries: list[tuple[str, str]]) -> str:
    return _PO_HEADER + "".join(f'msgid "{en}"\nmsgstr "{ar}"\n\n' for en, ar in entries)


def test_translation_catalog_added_is_a_feature() -> None:
    readme_before = "# humanize\n\nLocalisation:\n\n* French\n* German\n"
    readme_after = readme_before + "* Arabic\n"
    path = "src/humanize/locale/ar_SA/LC_MESSAGES/humanize.po"
    added = {path: (None, _catalog(_PO_ENTRIES)), "README.md": (readme_before, readme_after)}
    result = analysed(added, "Add Arabic language (#256)")
    assert (result.change_type, result.importance) == ("feature", "medium")
    corrected = _catalog([(en, ar + " ") if en == "a day" else (en, ar) for en, ar in _PO_ENTRIES])
    result = analysed({path: (_catalog(_PO_ENTRIES), corrected)}, "Correct an Arabic translation")
    assert result.importance == "low"
