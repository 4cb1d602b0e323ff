"""The workflow of plans and reports (issue #6): utkast → klarmarkerad → godkänd → beslutad or
fastställd → låst, returning and reopening, each transition logged and each adopted version
frozen.

Import direction: workflow sits above `exporter` (it freezes a plan in the exporter's JSON
form) and `reports` (a report's snapshot adds its outcomes, statuses and assessments):
`workflow → exporter, reports → plans → …`. Only the demo (which runs its reports through
the workflow) imports it; the plan and report pages only include its template
`workflow/_actions.html`.
"""
