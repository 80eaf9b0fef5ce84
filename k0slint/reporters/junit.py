"""`--format junit`: one test case per file, a failure per finding (for CI systems that read JUnit XML)."""

from __future__ import annotations

from typing import TextIO
from xml.etree import ElementTree

from k0slint.reporters.contract import Reporter, ReportOptions, RunReport
from k0slint.reporters.display import escape, one_line

# XML 1.0 cannot hold most control characters, even as references: every text is escaped.


def report(run: RunReport, options: ReportOptions, stream: TextIO) -> None:
    results = run.results
    suite = ElementTree.Element("testsuite", name="k0slint", tests=str(len(results)))
    failures = 0
    for result in results:
        case = ElementTree.SubElement(suite, "testcase", classname="k0slint", name=escape(result.path))
        for finding in result.findings:
            failures += 1
            message = one_line(finding.message)
            failure = ElementTree.SubElement(
                case,
                "failure",
                message=f"{finding.code} {message}",
                type=finding.severity.value,
            )
            where = f"{escape(finding.file)}:{finding.line}:{finding.column}"
            failure.text = f"{where}: {finding.code} {message}"
        if result.error:
            error = ElementTree.SubElement(case, "error", message=escape(result.error))
            error.text = escape(result.error)
    suite.set("failures", str(failures))
    suite.set("errors", str(sum(1 for result in results if result.error)))
    ElementTree.indent(suite)
    stream.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    stream.write(ElementTree.tostring(suite, encoding="unicode"))
    stream.write("\n")


REPORTER = Reporter(report)
