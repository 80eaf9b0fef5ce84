"""`--format junit`: one test case per file, a failure per finding (for CI systems that read JUnit XML)."""

from __future__ import annotations

from typing import TextIO
from xml.etree import ElementTree

from k0slint.reporters.contract import Reporter, ReportOptions, RunReport


def report(run: RunReport, options: ReportOptions, stream: TextIO) -> None:
    results = run.results
    suite = ElementTree.Element("testsuite", name="k0slint", tests=str(len(results)))
    failures = 0
    for result in results:
        case = ElementTree.SubElement(suite, "testcase", classname="k0slint", name=result.path)
        for finding in result.findings:
            failures += 1
            failure = ElementTree.SubElement(
                case,
                "failure",
                message=f"{finding.code} {finding.message}",
                type=finding.severity.value,
            )
            failure.text = f"{finding.file}:{finding.line}:{finding.column}: {finding.code} {finding.message}"
        if result.error:
            error = ElementTree.SubElement(case, "error", message=result.error)
            error.text = result.error
    suite.set("failures", str(failures))
    suite.set("errors", str(sum(1 for result in results if result.error)))
    ElementTree.indent(suite)
    stream.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    stream.write(ElementTree.tostring(suite, encoding="unicode"))
    stream.write("\n")


REPORTER = Reporter(report)
