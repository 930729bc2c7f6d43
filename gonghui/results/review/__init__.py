"""The review written from the records: the seed's five-year review as a PDF and a workbook,
and the yearbook statistics export for the city federation. Every number is the KPI
registry's (`gonghui.results.registry`); a chapter whose module is not installed says so."""
