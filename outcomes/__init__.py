"""What a consultation leaves for officials: exports of its data (CSV, XLSX, JSON) and the
council report (HTML and PDF), with the admin dashboard's "Your consultations" linking them.

Above `voting` (the exports and the report read the published results) and so above
`proposals` too. `ExportJob` keeps its table from `consultations` (`Meta.db_table`);
migration 0001 only moved the state.
"""
